import { formatDay, formatRelative, userLocale } from '../locale/localeFormat';

/**
 * "just now", "5 min ago", "3 hr ago", "yesterday", "4 days ago", then a date ("4 Mar", with the
 * year when it is not this year), in the user's locale (shared/locale/localeFormat.ts). The year
 * is compared in the user's time zone, where the date is shown. The library and search results
 * call this for every row they draw, so no formatter is built here: localeFormat makes each one
 * once per locale and keeps it.
 */
export function formatRelativeTime(thenMs: number, nowMs: number, locale: string = userLocale()): string {
  const seconds = Math.max(0, Math.round((nowMs - thenMs) / 1000));
  if (seconds < 45) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return formatRelative(-minutes, 'minute', locale);
  const hours = Math.round(minutes / 60);
  if (hours < 24) return formatRelative(-hours, 'hour', locale);
  const days = Math.round(hours / 24);
  if (days < 7) return formatRelative(-days, 'day', locale);
  const sameYear = new Date(thenMs).getFullYear() === new Date(nowMs).getFullYear();
  return formatDay(thenMs, { year: !sameYear }, locale);
}
