import type { EntryId } from '../../shared/entry/entryId';

/**
 * Which shared entries are connected to their peers, decided anew on every tick. y-webrtc opens a
 * WebRTC connection per peer per room, so connecting every shared entry at once does not scale;
 * instead every room is watched on the signaling server (roomWatcher.ts, one subscription each),
 * where an awake device says what it holds (a digest of its document), and only a few rooms are
 * awake (connected) at a time:
 *
 * 1. the entry on screen is always awake;
 * 2. an entry changed on this device wakes at once and says so, so the change leaves within
 *    seconds when a peer is online (one who is not gets it when either side next visits);
 * 3. an entry whose room hears a device holding something else wakes, so the two exchange it;
 * 4. every entry is visited in turn, so two colleagues online at the same time meet on every
 *    entry they share within the revisit interval, even when nobody changes anything. A visit
 *    wakes only the visitor; devices that already hold the same stay asleep.
 * An awake entry sleeps again once nothing has moved for IDLE_MS (or, with no peer in the room,
 * after VISIT_DWELL_MS). At most MAX_AWAKE are awake; the least urgent gives way first.
 * docs/DECISIONS.md ("Background sync") states the figures this promises.
 */
export interface SyncPolicyLimits {
  /** Rooms connected at once, the one on screen included. */
  readonly maxAwake: number;
  /** A room woken with nobody in it sleeps again after this. */
  readonly visitDwellMs: number;
  /** A room with peers and no change either way for this long sleeps again. */
  readonly idleMs: number;
  /** A routine visit starts at most this often. */
  readonly visitStepMs: number;
  /** A room not visited for this long is due for a routine visit. */
  readonly revisitAfterMs: number;
  /** An awake room gives way to a more urgent one only after this long (so that it can meet anyone). */
  readonly minAwakeMs: number;
}

export const DEFAULT_SYNC_POLICY: SyncPolicyLimits = {
  maxAwake: 8,
  visitDwellMs: 8_000,
  idleMs: 10_000,
  visitStepMs: 3_000,
  revisitAfterMs: 5 * 60_000,
  minAwakeMs: 4_000,
};

/** The longest any shared entry goes without a visit, for `rooms` shared entries. */
export function revisitInterval(rooms: number, limits: SyncPolicyLimits = DEFAULT_SYNC_POLICY): number {
  return Math.max(limits.revisitAfterMs, rooms * limits.visitStepMs);
}

export type WakeReason = 'focused' | 'changed' | 'announced' | 'visit';

export interface RoomState {
  readonly id: EntryId;
  readonly focused: boolean;
  readonly awake: boolean;
  /** Why it woke (awake rooms). */
  readonly wokeFor?: WakeReason | null;
  /** When it woke (awake rooms). */
  readonly awakeSince: number | null;
  /** When it last went to sleep. */
  readonly asleepSince: number | null;
  /** Peers connected now (awake rooms). */
  readonly peers: number;
  /** The last change sent or received, or the last peer to connect, while awake. */
  readonly lastActivityAt: number | null;
  /** When it was last woken, for whatever reason. */
  readonly lastVisitedAt: number | null;
  /** A change made here that no peer has received yet, and since when. */
  readonly changedAt: number | null;
  /** When a device in its room said it holds something else, while this one slept (or when to try again). */
  readonly announcedAt: number | null;
  /** Awake and still being brought in step by a relay: it stays awake (background sync bounds this). */
  readonly busy?: boolean;
}

export interface SyncDecision {
  readonly wake: ReadonlyArray<{ readonly id: EntryId; readonly reason: WakeReason }>;
  readonly sleep: readonly EntryId[];
}

const PRIORITY: Record<WakeReason, number> = { focused: 0, changed: 1, announced: 2, visit: 3 };

/** Why a sleeping room should wake now, if it should. */
function wakeReason(room: RoomState, now: number, limits: SyncPolicyLimits): WakeReason | null {
  if (room.focused) return 'focused';
  // A change wakes its room once; if nobody was there, routine visits and peers' activity
  // bring the room together later.
  if (room.changedAt !== null && (room.lastVisitedAt === null || room.lastVisitedAt < room.changedAt)) return 'changed';
  if (room.announcedAt !== null && now >= room.announcedAt) return 'announced';
  if (room.lastVisitedAt === null || now - room.lastVisitedAt >= limits.revisitAfterMs) return 'visit';
  return null;
}

/**
 * Why an awake room should stay awake, or null when it may sleep. It keeps the urgency it woke
 * with (an entry that was on screen as an urgent as a change) while it waits for peers, and counts
 * as talking to peers while it has some.
 */
function stayReason(room: RoomState, now: number, limits: SyncPolicyLimits): WakeReason | null {
  if (room.focused) return 'focused';
  const since = Math.max(room.awakeSince ?? 0, room.lastActivityAt ?? 0);
  const wokeFor: WakeReason = room.wokeFor === 'focused' ? 'changed' : (room.wokeFor ?? 'visit');
  if (room.peers > 0) return now - since < limits.idleMs ? (PRIORITY[wokeFor] < PRIORITY.announced ? wokeFor : 'announced') : null;
  if (room.busy) return wokeFor;
  return now - since < limits.visitDwellMs ? wokeFor : null;
}

export function decideSync(rooms: readonly RoomState[], now: number, lastVisitStartedAt: number | null, limits: SyncPolicyLimits = DEFAULT_SYNC_POLICY): SyncDecision {
  const sleep: EntryId[] = [];
  const staying: Array<{ room: RoomState; reason: WakeReason }> = [];
  for (const room of rooms) {
    if (!room.awake) continue;
    const reason = stayReason(room, now, limits);
    if (reason) staying.push({ room, reason });
    else sleep.push(room.id);
  }
  const candidates = rooms
    .filter((room) => !room.awake)
    .map((room) => ({ room, reason: wakeReason(room, now, limits) }))
    .filter((candidate): candidate is { room: RoomState; reason: WakeReason } => candidate.reason !== null)
    .sort(
      (a, b) =>
        PRIORITY[a.reason] - PRIORITY[b.reason] ||
        (a.reason === 'visit'
          ? (a.room.lastVisitedAt ?? -Infinity) - (b.room.lastVisitedAt ?? -Infinity)
          : (a.room.changedAt ?? a.room.announcedAt ?? 0) - (b.room.changedAt ?? b.room.announcedAt ?? 0)),
    );
  const wake: Array<{ id: EntryId; reason: WakeReason }> = [];
  let visitStarted = lastVisitStartedAt !== null && now - lastVisitStartedAt < limits.visitStepMs;
  for (const candidate of candidates) {
    if (candidate.reason === 'visit') {
      // Routine visits are paced, one at a time.
      if (visitStarted) continue;
      visitStarted = true;
    }
    if (staying.length + wake.length < limits.maxAwake) {
      wake.push({ id: candidate.room.id, reason: candidate.reason });
      continue;
    }
    // Full: the least urgent awake room that has had its chance gives way to a more urgent one.
    const giving = staying
      .filter(
        (awake) =>
          PRIORITY[awake.reason] > PRIORITY[candidate.reason] &&
          (candidate.reason === 'focused' || now - (awake.room.awakeSince ?? now) >= limits.minAwakeMs),
      )
      .sort((a, b) => PRIORITY[b.reason] - PRIORITY[a.reason] || (a.room.awakeSince ?? 0) - (b.room.awakeSince ?? 0))[0];
    if (!giving) continue;
    staying.splice(staying.indexOf(giving), 1);
    sleep.push(giving.room.id);
    wake.push({ id: candidate.room.id, reason: candidate.reason });
  }
  return { wake, sleep };
}
