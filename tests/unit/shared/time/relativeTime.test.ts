import { afterEach, describe, expect, it } from 'vitest';
import { formatRelativeTime } from '../../../../shared/time/relativeTime';

const now = Date.UTC(2025, 5, 20, 12, 0, 0);
const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;
const day = 24 * hour;
const inBritain = (then: number, at = now): string => formatRelativeTime(then, at, 'en-GB');

describe('when an entry last changed, as the library says it', () => {
  const originalTimeZone = process.env.TZ;
  afterEach(() => {
    if (originalTimeZone === undefined) delete process.env.TZ;
    else process.env.TZ = originalTimeZone;
  });

  it('says "just now" for the last few seconds, and for a clock that runs behind', () => {
    expect(inBritain(now)).toBe('just now');
    expect(inBritain(now - 30 * second)).toBe('just now');
    expect(inBritain(now + 5 * minute)).toBe('just now');
  });

  it('counts minutes, then hours', () => {
    expect(inBritain(now - 5 * minute)).toBe('5 min ago');
    expect(inBritain(now - 59 * minute)).toBe('59 min ago');
    expect(inBritain(now - 3 * hour)).toBe('3 hr ago');
  });

  it('says "yesterday", then counts days for a week', () => {
    expect(inBritain(now - day)).toBe('yesterday');
    expect(inBritain(now - 4 * day)).toBe('4 days ago');
  });

  it('gives the date after a week, with the year only when it is not this year', () => {
    process.env.TZ = 'UTC';
    expect(inBritain(Date.UTC(2025, 2, 4, 12))).toBe('4 Mar');
    expect(inBritain(Date.UTC(2024, 2, 4, 12))).toBe('4 Mar 2024');
  });

  it('writes dates and words as the user’s locale does', () => {
    process.env.TZ = 'UTC';
    expect(formatRelativeTime(Date.UTC(2025, 2, 4, 12), now, 'en-US')).toBe('Mar 4');
    expect(formatRelativeTime(Date.UTC(2024, 2, 4, 12), now, 'en-US')).toBe('Mar 4, 2024');
    expect(formatRelativeTime(now - 5 * minute, now, 'en-US')).toBe('5 min. ago');
    // The interface is English: a German user reads English words and German dates.
    expect(formatRelativeTime(now - 4 * day, now, 'de-DE')).toBe('4 days ago');
    expect(formatRelativeTime(Date.UTC(2025, 2, 4, 12), now, 'de-DE')).toBe('4. März');
  });

  it('shows the year of an entry changed last year in the user’s time zone, even when it is this year in UTC', () => {
    process.env.TZ = 'America/New_York';
    const newYearsEveInNewYork = Date.UTC(2026, 0, 1, 2, 0); // 21:00 on 31 Dec 2025 in New York
    const lateJanuary = Date.UTC(2026, 0, 25, 12);
    expect(inBritain(newYearsEveInNewYork, lateJanuary)).toBe('31 Dec 2025');
  });
});
