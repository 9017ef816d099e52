// The month names are read from Intl once: toLocaleDateString with options builds a formatter on
// every call, and the library and search results format a date per row they draw (a tenth of a
// search keystroke's time went there at 10,000 entries). Day and year come from the Date, in
// the user's time zone as it is now.
const MONTH_NAME = new Intl.DateTimeFormat('en-GB', { month: 'short', timeZone: 'UTC' });
const MONTHS = Array.from({ length: 12 }, (_, month) => MONTH_NAME.format(Date.UTC(2000, month, 15)));

/** "just now", "5 min ago", "3 h ago", "yesterday", "4 days ago", then a date. */
export function formatRelativeTime(thenMs: number, nowMs: number): string {
  const seconds = Math.max(0, Math.round((nowMs - thenMs) / 1000));
  if (seconds < 45) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.round(hours / 24);
  if (days === 1) return 'yesterday';
  if (days < 7) return `${days} days ago`;
  const date = new Date(thenMs);
  // The date is shown in the user's time zone, so the year is compared in it too.
  const sameYear = date.getFullYear() === new Date(nowMs).getFullYear();
  const dayAndMonth = `${date.getDate()} ${MONTHS[date.getMonth()] ?? ''}`;
  return sameYear ? dayAndMonth : `${dayAndMonth} ${date.getFullYear()}`;
}
