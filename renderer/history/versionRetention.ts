import type { VersionReason } from './versionStore';

/**
 * Which saved versions of an entry are kept (docs/DECISIONS.md, "History keeps versions spread
 * over time"). Keeping the newest N alone let a peer that makes an invisible change once per
 * editing pause push every version that still held the text out of history within N pauses.
 * Versions are kept spread over time instead, so what the entry held before someone started
 * changing it stays, however many versions come after:
 *
 * - every version saved by hand (named or not), until the entry is deleted forever;
 * - of the automatic versions, the newest ten, and the oldest one of each hour of the last day,
 *   of each day of the last thirty days, and of each week before that;
 * - the versions taken before a large deletion from a peer, by the same rule on their own, so
 *   ordinary versions saved after a wipe never push out the one taken just before it.
 *
 * The oldest of each period is the one kept: a burst of versions in a period (someone's changes
 * every minute) leaves the version from before the burst in place.
 */
export const NEWEST_VERSIONS_KEPT = 10;

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
const WEEK_MS = 7 * DAY_MS;
const HOURLY_FOR_MS = DAY_MS;
const DAILY_FOR_MS = 30 * DAY_MS;

export interface RetainedVersion {
  readonly id: number;
  readonly createdAt: number;
  readonly reason: VersionReason;
}

/** The rule in words, for History's panel. */
export const VERSION_RETENTION_RULE =
  'Versions saved by hand are kept. Of the others, History keeps the newest ten and the first of each hour for a day, of each day for a month and of each week before that; versions taken before a colleague’s large deletion are kept the same way on their own.';

function period(createdAt: number, now: number): string {
  const age = now - createdAt;
  if (age < HOURLY_FOR_MS) return `hour ${Math.floor(createdAt / HOUR_MS)}`;
  if (age < DAILY_FOR_MS) return `day ${Math.floor(createdAt / DAY_MS)}`;
  return `week ${Math.floor(createdAt / WEEK_MS)}`;
}

function keptOfSeries(series: readonly RetainedVersion[], now: number): Set<number> {
  const newestFirst = [...series].sort((a, b) => b.createdAt - a.createdAt || b.id - a.id);
  const kept = new Set(newestFirst.slice(0, NEWEST_VERSIONS_KEPT).map((version) => version.id));
  const periods = new Set<string>();
  for (const version of newestFirst.reverse()) {
    const key = period(version.createdAt, now);
    if (periods.has(key)) continue;
    periods.add(key);
    kept.add(version.id);
  }
  return kept;
}

/** The ids of the versions to delete now, under the rule above. */
export function versionsToDelete(versions: readonly RetainedVersion[], now: number): number[] {
  const automatic = versions.filter((version) => version.reason !== 'manual' && version.reason !== 'before-deletion');
  const beforeDeletion = versions.filter((version) => version.reason === 'before-deletion');
  const kept = new Set([...keptOfSeries(automatic, now), ...keptOfSeries(beforeDeletion, now)]);
  return versions.filter((version) => version.reason !== 'manual' && !kept.has(version.id)).map((version) => version.id);
}
