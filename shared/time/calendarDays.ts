/**
 * Calendar days and weeks in the user's own time zone. Reviews fall due on a day, and "this
 * week" starts on a Monday, wherever the user is; adding days goes by the calendar, so a day
 * with a daylight-saving change is still one day.
 */

export const DAY_MS = 24 * 60 * 60 * 1000;

/** Midnight at the start of the day that `time` falls on. */
export function startOfDay(time: number): number {
  const date = new Date(time);
  date.setHours(0, 0, 0, 0);
  return date.getTime();
}

/** The same wall-clock time `days` calendar days later (or earlier, for a negative number). */
export function addDays(time: number, days: number): number {
  const date = new Date(time);
  date.setDate(date.getDate() + days);
  return date.getTime();
}

/** Midnight at the start of the Monday of the week that `time` falls in (ISO 8601 weeks). */
export function startOfWeek(time: number): number {
  const day = startOfDay(time);
  const weekday = (new Date(day).getDay() + 6) % 7; // Monday 0 … Sunday 6
  return addDays(day, -weekday);
}

/** Whole calendar days from the day of `from` to the day of `to` (0 for the same day). */
export function daysBetween(from: number, to: number): number {
  return Math.round((startOfDay(to) - startOfDay(from)) / DAY_MS);
}
