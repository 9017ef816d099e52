/**
 * What an entry holds of people and their work, copied into its library row so that This week
 * and Insights can be drawn without opening every entry: who contributed (names, from the
 * entry's `contributors` map), who was thanked in its "Knowledge exchanges" section and how
 * often, and when each ticked check item was ticked. The open entry keeps it in step; it is
 * derived data and never leaves the device.
 */
export interface ThanksCount {
  readonly name: string;
  readonly count: number;
}

export interface EntryActivity {
  readonly contributors: readonly string[];
  readonly thanks: readonly ThanksCount[];
  /** When each ticked check item was ticked (ms since the epoch); 0 when nobody recorded it. */
  readonly ticks: readonly number[];
}

export const MAX_PERSON_NAME_LENGTH = 60;
const MAX_LISTED = 500;

export const NO_ACTIVITY: EntryActivity = { contributors: [], thanks: [], ticks: [] };

function isName(value: unknown): value is string {
  return typeof value === 'string' && value.trim().length > 0 && value.length <= MAX_PERSON_NAME_LENGTH;
}

/** Activity as stored in a row: validated (bad items dropped), or null when missing. */
export function parseEntryActivity(value: unknown): EntryActivity | null {
  if (typeof value !== 'object' || value === null) return null;
  const raw = value as Record<string, unknown>;
  const contributors = Array.isArray(raw.contributors) ? raw.contributors.filter(isName).slice(0, MAX_LISTED) : [];
  const thanks = Array.isArray(raw.thanks)
    ? raw.thanks
        .filter(
          (item): item is ThanksCount =>
            typeof item === 'object' &&
            item !== null &&
            isName((item as Record<string, unknown>).name) &&
            Number.isInteger((item as Record<string, unknown>).count) &&
            ((item as Record<string, unknown>).count as number) > 0,
        )
        .map(({ name, count }) => ({ name, count }))
        .slice(0, MAX_LISTED)
    : [];
  const ticks = Array.isArray(raw.ticks)
    ? raw.ticks.filter((time): time is number => typeof time === 'number' && Number.isFinite(time) && time >= 0).slice(0, 10_000)
    : [];
  return { contributors, thanks, ticks };
}

/** Same content, compared as the row stores it (so an unchanged activity is not rewritten). */
export function sameActivity(a: EntryActivity | null | undefined, b: EntryActivity | null | undefined): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}
