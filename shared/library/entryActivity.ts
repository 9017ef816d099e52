import { MAX_PERSON_NAME_LENGTH } from '../people/person';
import { isCount, isTime } from '../schema/numberSchemas';
import { isPlainObject } from '../schema/plainObject';
import { validItems } from '../schema/validItems';

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
/** People named as an action's owners. */
export const MAX_ACTION_OWNERS = 20;

/** Contributors, thanked people and actions kept in a row: more than any entry holds. */
export const MAX_ACTIVITY_LISTED = 500;
/** Tick times kept in a row: one per ticked check item. */
export const MAX_ACTIVITY_TICKS = 10_000;

export const NO_ACTIVITY: EntryActivity = { contributors: [], thanks: [], ticks: [] };

function isName(value: unknown): value is string {
  return typeof value === 'string' && value.trim().length > 0 && value.length <= MAX_PERSON_NAME_LENGTH;
}

const readName = (item: unknown): string | null => (isName(item) ? item : null);
const readTime = (item: unknown): number | null => (isTime(item) ? item : null);

function readThanks(item: unknown): ThanksCount | null {
  if (!isPlainObject(item)) return null;
  const { name, count } = item;
  return isName(name) && isCount(count, Number.MAX_SAFE_INTEGER, 1) ? { name, count } : null;
}

function readAction(item: unknown): DebriefAction | null {
  if (!isPlainObject(item)) return null;
  const { text, owners, done } = item;
  const isText = typeof text === 'string' && text.trim().length > 0 && text.length <= MAX_ACTION_TEXT_LENGTH;
  if (!isText || !Array.isArray(owners) || typeof done !== 'boolean') return null;
  return { text, owners: validItems(owners, MAX_ACTION_OWNERS, readName), done };
}

/**
 * Activity as stored in a row: validated (bad items dropped), or null when missing. By hand, as
 * rows are (entryRow.ts): it is read for every row at every start.
 */
export function parseEntryActivity(value: unknown): EntryActivity | null {
  if (!isPlainObject(value)) return null;
  const contributors = validItems(value.contributors, MAX_ACTIVITY_LISTED, readName);
  const thanks = validItems(value.thanks, MAX_ACTIVITY_LISTED, readThanks);
  const ticks = validItems(value.ticks, MAX_ACTIVITY_TICKS, readTime);
  if (!Array.isArray(value.actions)) return { contributors, thanks, ticks };
  return { contributors, thanks, ticks, actions: validItems(value.actions, MAX_ACTIVITY_LISTED, readAction) };
}

/** Same content, compared as the row stores it (so an unchanged activity is not rewritten). */
export function sameActivity(a: EntryActivity | null | undefined, b: EntryActivity | null | undefined): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}
