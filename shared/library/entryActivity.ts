/**
 * What an entry holds of people and their work, copied into its library row so that This week
 * and Insights can be drawn without opening every entry: who contributed (names, from the
 * entry's `contributors` map), who was thanked in its "Knowledge exchanges" section and how
 * often, when each ticked check item was ticked and, in a debrief, its follow-up actions. The
 * open entry keeps it in step; it is derived data and never leaves the device.
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
  /**
   * A debrief's actions (shared/entry/debriefActions.ts), in the order of the body; absent for
   * other kinds, and in rows derived before actions were recorded.
   */
  readonly actions?: readonly DebriefAction[];
}

/** A follow-up action: a check item under a debrief's "Actions" heading; the people it mentions own it. */
export interface DebriefAction {
  /** The item's text, as shown (mentions as `@Name`), at most MAX_ACTION_TEXT_LENGTH characters. */
  readonly text: string;
  readonly owners: readonly string[];
  readonly done: boolean;
}

export const MAX_ACTION_TEXT_LENGTH = 300;
const MAX_OWNERS = 20;

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
  const actions = Array.isArray(raw.actions) ? raw.actions.filter(isAction).map(({ text, owners, done }) => ({ text, owners: owners.filter(isName).slice(0, MAX_OWNERS), done })).slice(0, MAX_LISTED) : null;
  return { contributors, thanks, ticks, ...(actions ? { actions } : {}) };
}

function isAction(value: unknown): value is DebriefAction {
  if (typeof value !== 'object' || value === null) return false;
  const { text, owners, done } = value as Record<string, unknown>;
  return typeof text === 'string' && text.trim().length > 0 && text.length <= MAX_ACTION_TEXT_LENGTH && Array.isArray(owners) && typeof done === 'boolean';
}

/** Same content, compared as the row stores it (so an unchanged activity is not rewritten). */
export function sameActivity(a: EntryActivity | null | undefined, b: EntryActivity | null | undefined): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}
