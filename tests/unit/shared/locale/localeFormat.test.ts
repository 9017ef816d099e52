import { afterEach, describe, expect, it } from 'vitest';
import { countOf, formatCount, formatDay, formatDayRange, formatRelative, howOften, nounFor, textLocale } from '../../../../shared/locale/localeFormat';

const ENTRIES = { one: 'entry', other: 'entries' } as const;

describe('counts and dates in the user’s locale', () => {
  const originalTimeZone = process.env.TZ;
  afterEach(() => {
    process.env.TZ = originalTimeZone;
  });

  it('says "1 entry" and "2 entries", never "1 entries"', () => {
    expect(countOf(1, ENTRIES, 'en-GB')).toBe('1 entry');
    expect(countOf(0, ENTRIES, 'en-GB')).toBe('0 entries');
    expect(countOf(2, ENTRIES, 'en-US')).toBe('2 entries');
    expect(nounFor(1, ENTRIES, 'de-DE')).toBe('entry');
  });

  it('writes numbers as the locale does, and reads English words for any locale', () => {
    expect(countOf(1200, ENTRIES, 'en-US')).toBe('1,200 entries');
    expect(formatCount(1200, 'de-DE')).toBe('1.200');
    expect(textLocale('de-DE')).toBe('en');
    expect(textLocale('en-AU')).toBe('en-AU');
    expect(howOften(1, 'en-GB')).toBe('once');
    expect(howOften(3, 'en-GB')).toBe('3 times');
  });

  it('dates the calendar day in the user’s time zone, in the locale’s order', () => {
    process.env.TZ = 'America/New_York';
    const lateOnTheSecond = Date.UTC(2026, 2, 3, 2); // 21:00 on 2 March in New York
    expect(formatDay(lateOnTheSecond, {}, 'en-GB')).toBe('2 Mar');
    expect(formatDay(lateOnTheSecond, {}, 'en-US')).toBe('Mar 2');
    expect(formatDay(lateOnTheSecond, { year: true }, 'en-GB')).toBe('2 Mar 2026');
    expect(formatDayRange(new Date(2026, 2, 2).getTime(), new Date(2026, 2, 8).getTime(), 'en-GB')).toMatch(/^2\s?–\s?8 March$/);
  });

  it('says relative times in words', () => {
    expect(formatRelative(-1, 'day', 'en-GB')).toBe('yesterday');
    expect(formatRelative(1, 'day', 'en-GB')).toBe('tomorrow');
    expect(formatRelative(3, 'day', 'en-GB')).toBe('in 3 days');
  });
});
