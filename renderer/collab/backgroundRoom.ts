import type { EntryId } from '../../shared/entry/entryId';
import type { EntryShare } from '../../shared/library/entryRow';
import type { EntryLease } from './entryLifecycle';
import type { RoomRelays } from './roomRelays';
import type { RoomState, WakeReason } from './syncPolicy';

/**
 * A shared entry as background sync needs it: where its peers meet (its share, with every
 * signaling server and relay to use for it, its link's and this device's).
 */
export interface SharedRoom extends EntryShare {
  readonly id: EntryId;
}

/**
 * One shared entry as background sync tracks it (backgroundSync.ts): asleep or awake (held open
 * through its lease), what it heard in its room and when, and what the sync policy
 * (syncPolicy.ts) is told of it.
 */
export interface Room {
  config: SharedRoom;
  lease: EntryLease | null;
  reason: WakeReason | null;
  awakeSince: number | null;
  asleepSince: number | null;
  peers: number;
  lastActivityAt: number | null;
  lastVisitedAt: number | null;
  changedAt: number | null;
  announcedAt: number | null;
  stopStatus: (() => void) | null;
  /** What this device held when it last said (awake) or knew (asleep); null until known. */
  digest: string | null;
  digestTimer: ReturnType<typeof setTimeout> | null;
  /** While awake: a device in the room said it holds something else, and whether a peer connected. */
  heardOther: boolean;
  met: boolean;
  /** While awake: the last digest another device said in the room (null if none). */
  heardDigest: string | null;
  /** Retries in a row after falling asleep out of step with what was heard (see RETRY_MIN_MS). */
  retries: number;
  /** Awake and its signaling servers answered. */
  reachable: boolean;
  /** Awake: one sync per relay of the entry. */
  readonly relays: RoomRelays;
}

/** An awake room waits this long at most for its relays to be in step before it may sleep. */
const RELAY_PATIENCE_MS = 30_000;

/** A room first seen: asleep, never visited, nothing heard. */
export function newRoom(config: SharedRoom, relays: RoomRelays): Room {
  return {
    config,
    lease: null,
    reason: null,
    awakeSince: null,
    asleepSince: null,
    peers: 0,
    lastActivityAt: null,
    lastVisitedAt: null,
    changedAt: null,
    announcedAt: null,
    stopStatus: null,
    digest: null,
    digestTimer: null,
    heardOther: false,
    met: false,
    heardDigest: null,
    retries: 0,
    reachable: false,
    relays,
  };
}

/** What the sync policy is told of a room at `now`. */
export function policyState(room: Room, focused: boolean, now: number): RoomState {
  return {
    id: room.config.id,
    focused,
    awake: room.lease !== null,
    wokeFor: room.reason,
    awakeSince: room.awakeSince,
    asleepSince: room.asleepSince,
    peers: room.peers,
    lastActivityAt: room.lastActivityAt,
    lastVisitedAt: room.lastVisitedAt,
    changedAt: room.changedAt,
    announcedAt: room.announcedAt,
    busy: room.lease !== null && room.relays.catchingUp && now - (room.awakeSince ?? now) < RELAY_PATIENCE_MS,
  };
}

/** Whether a room's peers still meet where they did: the same room, keys, servers and relays. */
export function sameRoom(a: SharedRoom, b: SharedRoom): boolean {
  return (
    a.room === b.room &&
    a.key === b.key &&
    a.verify === b.verify &&
    a.write === b.write &&
    a.signaling.join('\n') === b.signaling.join('\n') &&
    (a.relays ?? []).join('\n') === (b.relays ?? []).join('\n')
  );
}
