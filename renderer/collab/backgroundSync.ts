import { Emitter } from '../../shared/events/emitter';
import type { EntryId } from '../../shared/entry/entryId';
import { readAccessOf } from '../../shared/sync/readRoom';
import type { WebrtcImplementation } from './chunkedPeerConnection';
import { newRoom, policyState, sameRoom, type Room, type SharedRoom } from './backgroundRoom';
import type { EntryLifecycle } from './entryLifecycle';
import type { OpenEntry } from './openEntry';
import type { PeerSyncStatus } from './peerSync';
import { stateDigest } from './roomCrypto';
import { flushThenDestroy, RoomRelays, type RelayStanding } from './roomRelays';
import { RoomWatcher, type WebSocketClass } from './roomWatcher';
import { decideSync, DEFAULT_SYNC_POLICY, type SyncPolicyLimits, type WakeReason } from './syncPolicy';

export interface BackgroundSyncOptions {
  readonly entries: EntryLifecycle;
  readonly iceServers: () => readonly RTCIceServer[];
  /** Told when an entry exchanged updates with a peer (for "last met" in the library). */
  readonly onMet?: (id: EntryId, at: number) => void;
  readonly now?: () => number;
  readonly limits?: Partial<SyncPolicyLimits>;
  /** Node tests pass `ws` and @roamhq/wrtc; the browser's own are the default. */
  readonly webSocket?: WebSocketClass;
  readonly webrtc?: WebrtcImplementation;
  /** The WebSocket implementation for relays (Node tests: `ws`). */
  readonly relayWebSocket?: typeof WebSocket;
}

export type { RelayStanding, SharedRoom };

/** How one shared entry is doing, for the UI. */
export interface RoomSyncStatus {
  readonly awake: boolean;
  readonly reason: WakeReason | null;
  readonly peer: PeerSyncStatus | null;
  /** The entry's relays, while awake: in step, or why not; null without relays or asleep. */
  readonly relay: RelayStanding;
}


const TICK_MS = 1000;
/**
 * A room that falls asleep holding something else than the last device it heard in the room said
 * (they never connected: both woke at once and their offers crossed, or the connection failed)
 * tries again after a random pause in this range, so that one of the two is awake and listening
 * when the other arrives; at most MAX_RETRIES times in a row.
 */
const RETRY_MIN_MS = 500;
const RETRY_MAX_MS = 3000;
const MAX_RETRIES = 3;
/** An awake room says what it holds again this long after its last change. */
const DIGEST_AFTER_CHANGE_MS = 300;

/**
 * Keeps every shared entry in step with its peers while the app runs, open or not, under the
 * policy of syncPolicy.ts: all rooms watched on the signaling servers, a few connected at a time.
 * An awake entry is held open through the entry lifecycle (loaded, saved, its library row and
 * search text derived by the journal like any open entry) and connected through y-webrtc.
 */
export class BackgroundSync {
  private readonly rooms = new Map<EntryId, Room>();
  /** Entries on screen (counted: an entry can be shown twice while one view replaces another). */
  private readonly focused = new Map<EntryId, number>();
  private readonly byRoomName = new Map<string, Room>();
  private readonly watcher: RoomWatcher;
  private readonly limits: SyncPolicyLimits;
  private readonly now: () => number;
  private readonly timer: ReturnType<typeof setInterval>;
  private readonly stopWatchingEntries: () => void;
  private readonly listeners = new Emitter<void>();
  private lastVisitStartedAt: number | null = null;
  private tickQueued = false;
  private destroyed = false;
  /** The most rooms awake at once so far (benchmarks). */
  peakAwake = 0;

  constructor(private readonly options: BackgroundSyncOptions) {
    this.now = options.now ?? Date.now;
    this.limits = { ...DEFAULT_SYNC_POLICY, ...options.limits };
    this.watcher = new RoomWatcher((name, digest) => this.onRoomDigest(name, digest), options.webSocket);
    this.timer = setInterval(() => this.tick(), TICK_MS);
    // A change made on this device to a shared entry, whoever made it (the editor, a tag rename,
    // a restored backup), wakes its room so that the change leaves.
    this.stopWatchingEntries = options.entries.watchOpenEntries((entry) => {
      const onTransaction = (transaction: { origin: unknown; local: boolean; changed: Map<unknown, unknown> }): void => {
        const source = entry.changeSource(transaction);
        if (transaction.changed.size === 0 || source === 'load') return;
        const room = this.rooms.get(entry.id);
        if (!room) return;
        const at = this.now();
        if (room.lease) {
          room.lastActivityAt = at;
          // Devices asleep in the room learn that there is something new: a change made here, or
          // one a peer brought (a device that was not connected to that peer learns it here).
          this.scheduleDigest(room);
        }
        // What a peer sent directly, that peer holds already; anything else (made here, restored,
        // imported, or brought by the relay) leaves for the room.
        if (source !== 'peer' && !(room.lease && room.peers > 0)) {
          room.changedAt ??= at;
          this.queueTick();
        }
      };
      entry.doc.on('afterTransaction', onTransaction);
      return () => entry.doc.off('afterTransaction', onTransaction);
    });
  }

  /** The shared entries to keep in step (not in the trash), with where their peers meet. */
  setRooms(shared: readonly SharedRoom[]): void {
    const wanted = new Map(shared.map((config) => [config.id, config]));
    for (const [id, room] of this.rooms) {
      if (wanted.has(id)) continue;
      this.sleep(room);
      this.rooms.delete(id);
    }
    this.byRoomName.clear();
    for (const config of wanted.values()) {
      let room = this.rooms.get(config.id);
      if (!room) {
        room = newRoom(config, new RoomRelays(this.options.relayWebSocket));
        this.rooms.set(config.id, room);
      } else if (!sameRoom(room.config, config)) {
        room.config = config;
        // A reset link moves an awake entry to its new room at once.
        if (room.lease) this.connect(room);
      }
      // Digests go where every holder of the entry's links hears them (its read room, if it has one).
      this.byRoomName.set(readAccessOf(config).room, room);
    }
    this.watcher.watch(
      new Map(
        shared.map((config) => {
          const { room, key } = readAccessOf(config);
          return [room, { key, servers: config.signaling }];
        }),
      ),
    );
    this.queueTick();
    this.emit();
  }

  /** Keeps the entry awake while it is on screen; returns the function that lets it go. */
  focus(id: EntryId): () => void {
    this.focused.set(id, (this.focused.get(id) ?? 0) + 1);
    this.queueTick();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const count = (this.focused.get(id) ?? 1) - 1;
      if (count > 0) this.focused.set(id, count);
      else this.focused.delete(id);
    };
  }

  statusOf(id: EntryId): RoomSyncStatus | null {
    const room = this.rooms.get(id);
    if (!room) return null;
    return { awake: room.lease !== null, reason: room.reason, peer: room.lease?.entry.peerStatus ?? null, relay: room.relays.standing };
  }

  /** Ids of the entries connected to their peers now. */
  awakeIds(): EntryId[] {
    return [...this.rooms.values()].filter((room) => room.lease).map((room) => room.config.id);
  }

  onChange(listener: () => void): () => void {
    return this.listeners.event(listener);
  }

  destroy(): void {
    this.destroyed = true;
    clearInterval(this.timer);
    this.stopWatchingEntries();
    this.watcher.destroy();
    for (const room of this.rooms.values()) this.sleep(room);
    this.rooms.clear();
    this.listeners.dispose();
  }

  /** A device in the room says what it holds: if this one, asleep, holds something else, it wakes. */
  private onRoomDigest(name: string, digest: string): void {
    const room = this.byRoomName.get(name);
    if (!room) return;
    if (room.lease) {
      room.heardDigest = digest;
      if (digest === room.digest) return;
      // A device holding something else is waking to meet this one: wait for it.
      room.heardOther = true;
      room.lastActivityAt = this.now();
      return;
    }
    if (digest === room.digest) return;
    room.announcedAt = this.now();
    this.queueTick();
  }

  private scheduleDigest(room: Room, delay = DIGEST_AFTER_CHANGE_MS): void {
    if (room.digestTimer) clearTimeout(room.digestTimer);
    room.digestTimer = setTimeout(() => {
      room.digestTimer = null;
      const entry = room.lease?.entry;
      if (entry) void this.sayDigest(room, entry);
    }, delay);
  }

  private async sayDigest(room: Room, entry: OpenEntry): Promise<void> {
    if (entry.doc.isDestroyed) return;
    const digest = await stateDigest(entry.doc);
    room.digest = digest;
    if (room.lease?.entry === entry) await this.watcher.publishDigest(readAccessOf(room.config).room, digest);
  }

  private queueTick(): void {
    if (this.tickQueued || this.destroyed) return;
    this.tickQueued = true;
    queueMicrotask(() => {
      this.tickQueued = false;
      this.tick();
    });
  }

  private tick(): void {
    if (this.destroyed) return;
    const now = this.now();
    const states = [...this.rooms.values()].map((room) => policyState(room, this.focused.has(room.config.id), now));
    const decision = decideSync(states, now, this.lastVisitStartedAt, this.limits);
    if (decision.sleep.length === 0 && decision.wake.length === 0) return;
    for (const id of decision.sleep) {
      const room = this.rooms.get(id);
      if (room) this.sleep(room);
    }
    for (const { id, reason } of decision.wake) {
      const room = this.rooms.get(id);
      if (!room) continue;
      if (reason === 'visit') this.lastVisitStartedAt = now;
      this.wake(room, reason, now);
    }
    this.peakAwake = Math.max(this.peakAwake, this.awakeIds().length);
    this.emit();
  }

  private wake(room: Room, reason: WakeReason, now: number): void {
    if (room.lease) return;
    room.reason = reason;
    room.awakeSince = now;
    room.lastVisitedAt = now;
    room.announcedAt = null;
    room.peers = 0;
    room.lastActivityAt = null;
    room.heardOther = false;
    room.met = false;
    room.heardDigest = null;
    room.reachable = false;
    const lease = this.options.entries.acquire(room.config.id);
    room.lease = lease;
    room.stopStatus = lease.entry.onPeerStatus((status) => this.onPeerStatus(room, status));
    lease.entry.whenLoaded.then(
      () => {
        if (room.lease === lease) this.connect(room);
      },
      // An entry that cannot be read is reported when opened; it is not synced.
      () => {
        if (room.lease === lease) this.sleep(room);
      },
    );
  }

  private connect(room: Room): void {
    const entry = room.lease?.entry;
    if (!entry) return;
    const { verify, write } = room.config;
    entry.connectToPeers(
      {
        room: room.config.room,
        key: room.config.key,
        signaling: [...room.config.signaling],
        iceServers: [...this.options.iceServers()],
        ...(verify ? { verify, ...(write ? { write } : {}) } : {}),
      },
      this.options.webrtc,
    );
    // Devices asleep in the room that hold something else wake and connect.
    void this.sayDigest(room, entry);
    this.connectRelays(room);
  }

  /** Keeps the awake entry in step with each of its relays (one shared socket per relay). */
  private connectRelays(room: Room): void {
    const entry = room.lease?.entry;
    if (!entry) return;
    room.relays.follow(entry.doc, room.config, (status) => {
      if (status.lastSyncedAt !== null) this.options.onMet?.(room.config.id, status.lastSyncedAt);
      this.queueTick();
      this.emit();
    });
  }

  private onPeerStatus(room: Room, status: PeerSyncStatus | null): void {
    if (!status) return;
    const now = this.now();
    const joined = status.peers > room.peers;
    // A visit's wait for peers starts once the room is actually reachable, not when it was woken
    // (loading the entry and deriving the room's key take a while on a busy machine).
    const reachable = status.state !== 'offline' && status.state !== 'connecting' && !room.reachable;
    if (reachable) room.reachable = true;
    room.peers = status.peers;
    if (joined || reachable) room.lastActivityAt = now;
    if (status.peers > 0) {
      room.met = true;
      // Connected peers receive everything this device has (y-webrtc syncs on connect).
      room.changedAt = null;
      if (status.lastSyncedAt !== null) this.options.onMet?.(room.config.id, status.lastSyncedAt);
    }
    this.emit();
  }

  private sleep(room: Room): void {
    const lease = room.lease;
    if (!lease) return;
    room.stopStatus?.();
    room.stopStatus = null;
    if (room.digestTimer) clearTimeout(room.digestTimer);
    room.digestTimer = null;
    // What it holds as it falls asleep: a device that says the same has nothing to exchange. One
    // that said something else and was never met is tried again (RETRY_MIN_MS).
    const heard = room.heardDigest;
    const heardOtherUnmet = room.heardOther && !room.met;
    if (!lease.entry.doc.isDestroyed) {
      void stateDigest(lease.entry.doc).then((digest) => {
        if (room.lease !== null) return;
        room.digest = digest;
        const outOfStep = heardOtherUnmet || (heard !== null && heard !== digest);
        if (outOfStep && room.retries < MAX_RETRIES) {
          room.retries++;
          room.announcedAt = this.now() + RETRY_MIN_MS + Math.random() * (RETRY_MAX_MS - RETRY_MIN_MS);
          this.queueTick();
        } else if (!outOfStep) room.retries = 0;
      });
    }
    room.lease = null;
    room.reason = null;
    room.peers = 0;
    room.awakeSince = null;
    room.asleepSince = this.now();
    const relays = room.relays.stop();
    lease.entry.disconnectFromPeers();
    // What was sent to the relays arrives before the entry is let go.
    void flushThenDestroy(relays).finally(() => lease.release());
    this.emit();
  }

  private emit(): void {
    this.listeners.fire();
  }
}
