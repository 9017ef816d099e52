/**
 * Counts and dates as the user reads them, through `Intl`. Peerbook's interface is written in
 * English, so the word for a count ("1 entry", "2 entries") is chosen by English plural rules, in
 * the English of the user's region when there is one (en-GB, en-US, …); numbers and dates follow
 * the user's own locale (docs/DECISIONS.md, "Figures that agree").
 *
 * Formatters are made once per locale and kept: the library formats a date for every row it
 * draws. Dates are read in the user's time zone as it is at the moment of the call (the Date's
 * own getters) and formatted as that calendar day, so a formatter made earlier never shows a
 * day in a time zone the user has since left.
 */

/** The user's locale: the runtime's default (the browser's language, the OS's on desktop). */
export function userLocale(): string {
  return (cachedUserLocale ??= new Intl.DateTimeFormat().resolvedOptions().locale);
}
let cachedUserLocale: string | undefined;

/** The English the interface's words are read in: the user's own variant of it, else `en`. */
export function textLocale(locale: string = userLocale()): string {
  return /^en(-|$)/i.test(locale) ? locale : 'en';
}

const formatters = new Map<string, unknown>();

function cached<T>(key: string, make: () => T): T {
  let formatter = formatters.get(key) as T | undefined;
  if (formatter === undefined) {
    formatter = make();
    formatters.set(key, formatter);
  }
  return formatter;
}

/** The two forms of an English noun: `{ one: 'entry', other: 'entries' }`. */
export interface NounForms {
  readonly one: string;
  readonly other: string;
}

/** The form of a noun that goes with `count` ("entry" for 1, "entries" for 0 or 2). */
export function nounFor(count: number, forms: NounForms, locale: string = userLocale()): string {
  const language = textLocale(locale);
  const rules = cached(`plural ${language}`, () => new Intl.PluralRules(language));
  return rules.select(count) === 'one' ? forms.one : forms.other;
}

/** A number as the user writes it ("1,200" or "1.200"). */
export function formatCount(count: number, locale: string = userLocale()): string {
  return cached(`number ${locale}`, () => new Intl.NumberFormat(locale)).format(count);
}

/** "1 entry", "3 entries", "1,200 entries". */
export function countOf(count: number, forms: NounForms, locale: string = userLocale()): string {
  return `${formatCount(count, locale)} ${nounFor(count, forms, locale)}`;
}

/** How often: "once", "3 times". */
export function howOften(count: number, locale: string = userLocale()): string {
  return count === 1 ? 'once' : countOf(count, { one: 'time', other: 'times' }, locale);
}

/** The calendar day a time falls on in the user's time zone, as midnight UTC of that day. */
function asCalendarDay(time: number): number {
  const date = new Date(time);
  return Date.UTC(date.getFullYear(), date.getMonth(), date.getDate());
}

type DayStyle = 'short' | 'long';

function dayFormat(locale: string, month: DayStyle, year: boolean): Intl.DateTimeFormat {
  return cached(`day ${locale} ${month} ${String(year)}`, () =>
    new Intl.DateTimeFormat(locale, { day: 'numeric', month, ...(year ? { year: 'numeric' } : {}), timeZone: 'UTC' }),
  );
}

/** "2 Mar" (en-GB), "Mar 2" (en-US); with `year`, "2 Mar 2025". */
export function formatDay(time: number, options: { readonly month?: DayStyle; readonly year?: boolean } = {}, locale: string = userLocale()): string {
  return dayFormat(locale, options.month ?? 'short', options.year ?? false).format(asCalendarDay(time));
}

/** The days from `from` to `to`, as short as the locale allows: "2–8 March", "March 2 – 8". */
export function formatDayRange(from: number, to: number, locale: string = userLocale()): string {
  return dayFormat(locale, 'long', false).formatRange(asCalendarDay(from), asCalendarDay(to));
}

/** A day and time, for History and tick tooltips: "2 Mar 2026, 14:05". */
export function formatDayAndTime(time: number, locale: string = userLocale()): string {
  return cached(`day-time ${locale}`, () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' })).format(time);
}

export type RelativeUnit = 'minute' | 'hour' | 'day';

/** "5 min ago", "3 hr ago", "yesterday", "4 days ago" (negative amounts are in the past); "in 3 days" ahead. */
export function formatRelative(amount: number, unit: RelativeUnit, locale: string = userLocale()): string {
  const language = textLocale(locale);
  return cached(`relative ${language}`, () => new Intl.RelativeTimeFormat(language, { numeric: 'auto', style: 'short' })).format(amount, unit);
}
