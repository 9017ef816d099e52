import { afterEach, describe, expect, it } from 'vitest';
import { formatRelativeTime } from '../../../../shared/time/relativeTime';

const now = Date.UTC(2025, 5, 20, 12, 0, 0);
const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;
const day = 24 * hour;

describe('when an entry last changed, as the library says it', () => {
  const originalTimeZone = process.env.TZ;
  afterEach(() => {
    if (originalTimeZone === undefined) delete process.env.TZ;
    else process.env.TZ = originalTimeZone;
  });

  it('says "just now" for the last few seconds, and for a clock that runs behind', () => {
    expect(formatRelativeTime(now, now)).toBe('just now');
    expect(formatRelativeTime(now - 30 * second, now)).toBe('just now');
    expect(formatRelativeTime(now + 5 * minute, now)).toBe('just now');
  });

  it('counts minutes, then hours', () => {
    expect(formatRelativeTime(now - 5 * minute, now)).toBe('5 min ago');
    expect(formatRelativeTime(now - 59 * minute, now)).toBe('59 min ago');
    expect(formatRelativeTime(now - 3 * hour, now)).toBe('3 h ago');
  });

  it('says "yesterday", then counts days for a week', () => {
    expect(formatRelativeTime(now - day, now)).toBe('yesterday');
    expect(formatRelativeTime(now - 4 * day, now)).toBe('4 days ago');
  });

  it('gives the date after a week, with the year only when it is not this year', () => {
    process.env.TZ = 'UTC';
    expect(formatRelativeTime(Date.UTC(2025, 2, 4, 12), now)).toBe('4 Mar');
    expect(formatRelativeTime(Date.UTC(2024, 2, 4, 12), now)).toBe('4 Mar 2024');
  });

  it('shows the year of an entry changed last year in the user’s time zone, even when it is this year in UTC', () => {
    process.env.TZ = 'America/New_York';
    const newYearsEveInNewYork = Date.UTC(2026, 0, 1, 2, 0); // 21:00 on 31 Dec 2025 in New York
    const lateJanuary = Date.UTC(2026, 0, 25, 12);
    expect(formatRelativeTime(newYearsEveInNewYork, lateJanuary)).toBe('31 Dec 2025');
  });
});
