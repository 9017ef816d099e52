import { Emitter } from '../../shared/events/emitter';
import { Room, WebrtcProvider } from 'y-webrtc';
import { removeAwarenessStates, type Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { withChunkedDataChannels, type WebrtcImplementation } from './chunkedPeerConnection';
import { checkPeerMessage, peerPushBudgetFor } from './peerMessageCheck';
import { readAccessOf } from '../../shared/sync/readRoom';
import { guardRoomSignaling } from './signalingGuard';
import { connectionFingerprints, createWriteGate, type ChannelGate } from './writeGate';

export interface PeerSyncConfig {
  /** The y-webrtc room name from the invite link. */
  readonly room: string;
  /** The y-webrtc password from the invite link, as is. */
  readonly key: string;
  readonly signaling: readonly string[];
  readonly iceServers: readonly RTCIceServer[];
  /**
   * The entry's public write key, when it has read-only links: then only connections that prove
   * the write key may change it (writeGate.ts). Absent for entries shared before.
   */
  readonly verify?: string;
  /** The private write key, when this device may edit such an entry. */
  readonly write?: string;
}

/**
 * - `offline`: no signaling server answers (after the first try), and no peer is connected;
 * - `connecting`: the first try to reach a signaling server, or a peer connection being set up;
 * - `alone`: a signaling server answers and nobody else is in the room;
 * - `connected`: at least one peer's data channel is open.
 */
export type PeerConnectionState = 'offline' | 'connecting' | 'alone' | 'connected';

export interface PeerSyncStatus {
  readonly state: PeerConnectionState;
  /** Peers whose data channel is open right now. */
  readonly peers: number;
  /** When a peer's update last arrived or a sync with a peer completed. */
  readonly lastSyncedAt: number | null;
}

/**
 * y-webrtc opens each signaling server with `new WebSocket(url)`, which throws on a URL the
 * platform cannot parse (the invite link codec cannot check punycode host names, `xn--…`): such
 * a server is left out rather than make joining the room throw.
 */
function isWebSocketUrl(url: string): boolean {
  try {
    return ['ws:', 'wss:'].includes(new URL(url).protocol);
  } catch {
    return false;
  }
}

function browserWebrtc(): WebrtcImplementation {
  return { RTCPeerConnection, RTCSessionDescription, RTCIceCandidate };
}

/**
 * Connects an entry's document to its room through y-webrtc: peers are found through the
 * signaling servers (which see only encrypted offers) and exchange Yjs updates directly. Data
 * channels carry messages of any size (chunkedPeerConnection.ts), so a large entry reaches a new
 * peer whole. Updates from peers are applied with y-webrtc's Room as the origin.
 */
/**
 * y-webrtc allows one provider per room name in a page, and a destroyed provider leaves its room
 * only once its key derivation has settled: a room that goes to sleep and wakes again at once
 * would make the new provider throw ("already exists") and never connect. A new provider for a
 * room therefore starts once the previous one has left (keyed by room name).
 */
const leaving = new Map<string, Promise<void>>();

/** A peer connection not open after this long is given up (dropStalledConnections). */
export const CONNECT_TIMEOUT_MS = 15_000;

/** One y-webrtc room the entry is in: the entry's room, or the read room of an entry with read-only links. */
interface RoomPlan {
  readonly room: string;
  readonly key: string;
  /** Changes are applied only from connections that proved the write key (writeGate.ts). */
  readonly gated: boolean;
  /** This page starts no connection there (signalingGuard.ts): the read room, for an editor. */
  readonly answerOnly: boolean;
}

/**
 * The rooms a device meets an entry in (shared/sync/readRoom.ts): an entry shared before
 * read-only links has one room, open to every link holder. An entry with read-only links has its
 * own room for those who may edit, where everyone holds the key (no proof needed), and a read
 * room for readers, gated by the write proof; an editor is in both, a reader in the read room.
 */
function roomPlans(config: PeerSyncConfig): RoomPlan[] {
  if (!config.verify) return [{ room: config.room, key: config.key, gated: false, answerOnly: false }];
  if (!config.write) return [{ room: config.room, key: config.key, gated: true, answerOnly: false }];
  const read = readAccessOf(config);
  return [
    { room: config.room, key: config.key, gated: false, answerOnly: false },
    { room: read.room, key: read.key, gated: true, answerOnly: true },
  ];
}

interface JoinedRoom {
  readonly plan: RoomPlan;
  provider: WebrtcProvider | null;
  readonly stopGuarding: () => void;
}

/** How far apart two "last synced" times a colleague's updates give must be (see onUpdate). */
const LAST_SYNCED_STEP_MS = 1000;

/** Every PeerSync of this page, so that a page being closed can leave all of its rooms. */
const livePeerSyncs = new Set<PeerSync>();

// A page that is closing (not going into the back/forward cache) leaves every room at once, as
// y-webrtc does only on `beforeunload`, which a closing tab or a killed window may not fire:
// peers are told this device's presence is gone and its connections close while the page can
// still send, so colleagues see it leave within moments instead of when WebRTC times out.
if (typeof window !== 'undefined') {
  window.addEventListener('pagehide', (event: PageTransitionEvent) => {
    if (event.persisted) return;
    for (const sync of livePeerSyncs) sync.leavePage();
  });
}

export class PeerSync {
  private readonly rooms: JoinedRoom[] = [];
  private destroyed = false;
  private status: PeerSyncStatus = { state: 'connecting', peers: 0, lastSyncedAt: null };
  private readonly listeners = new Emitter<PeerSyncStatus>();
  private readonly poll: ReturnType<typeof setInterval>;

  constructor(
    private readonly doc: Y.Doc,
    private readonly awareness: Awareness,
    readonly config: PeerSyncConfig,
    private readonly now: () => number = Date.now,
    private readonly webrtc: WebrtcImplementation = browserWebrtc(),
  ) {
    for (const plan of roomPlans(config)) this.rooms.push(this.join(plan));
    doc.on('update', this.onUpdate);
    // Signaling connections report no event of their own through the provider.
    this.poll = setInterval(this.refresh, 1000);
    livePeerSyncs.add(this);
  }

  /** The page is closing: every room says goodbye and closes its connections now. */
  leavePage(): void {
    for (const joined of this.rooms) joined.provider?.room?.disconnect();
  }

  private join(plan: RoomPlan): JoinedRoom {
    const joined: JoinedRoom = {
      plan,
      provider: null,
      stopGuarding: guardRoomSignaling(plan.room, { key: plan.key, answerOnly: plan.answerOnly, room: () => joined.provider?.room ?? null }),
    };
    const start = (): void => {
      if (this.destroyed) return;
      joined.provider = new WebrtcProvider(plan.room, this.doc, {
        signaling: this.config.signaling.filter(isWebSocketUrl),
        password: plan.key,
        awareness: this.awareness,
        maxConns: 20,
        filterBcConns: true,
        relayLater: true,
        peerOpts: {
          wrtc: withChunkedDataChannels(this.webrtc, this.acceptPeerMessage, plan.gated ? this.gates(plan) : () => null),
          config: { iceServers: [...this.config.iceServers] },
        },
      });
      joined.provider.on('peers', this.refresh);
      joined.provider.on('synced', this.onSynced);
      this.refresh();
    };
    const previous = leaving.get(plan.room);
    if (previous) void previous.then(start);
    else start();
    return joined;
  }

  /**
   * In a gated room, each connection proves (or not) that it may edit. An editor asks nobody
   * there (the others in its read room are readers) and proves itself to whoever asks.
   */
  private gates({ room, answerOnly }: RoomPlan): (connection: RTCPeerConnection) => ChannelGate | null {
    const { verify, write } = this.config;
    return (connection) =>
      verify
        ? createWriteGate({ room, verify, write: write ?? null, fingerprints: () => connectionFingerprints(connection), challenge: !answerOnly })
        : null;
  }

  /** Peers whose messages are malformed are dropped before y-webrtc reads them (peerMessageCheck.ts). */
  private readonly acceptPeerMessage = (message: Uint8Array): boolean => {
    const refused = checkPeerMessage(message, {
      localClientId: this.awareness.clientID,
      localClock: () => this.awareness.meta.get(this.awareness.clientID)?.clock ?? 0,
      budget: peerPushBudgetFor(this.config.room),
    });
    if (refused) console.warn(`[peer sync] dropped a peer: ${refused.message}`);
    return refused === null;
  };

  /** True for updates that came from a peer of this room. */
  static isPeerOrigin(origin: unknown): boolean {
    return origin instanceof Room;
  }

  get currentStatus(): PeerSyncStatus {
    return this.status;
  }

  onStatus(listener: (status: PeerSyncStatus) => void): () => void {
    return this.listeners.event(listener);
  }

  destroy(): void {
    this.destroyed = true;
    livePeerSyncs.delete(this);
    clearInterval(this.poll);
    this.doc.off('update', this.onUpdate);
    this.listeners.dispose();
    for (const joined of this.rooms) this.leave(joined);
  }

  private leave(joined: JoinedRoom): void {
    joined.stopGuarding();
    const provider = joined.provider;
    if (!provider) return;
    provider.off('peers', this.refresh);
    provider.off('synced', this.onSynced);
    // destroy() alone leaves the provider in y-webrtc's shared signaling connection, which then
    // stays open and keeps this document reachable; disconnect() removes it and closes the
    // connection once no other room uses it.
    provider.disconnect();
    provider.destroy();
    // y-webrtc leaves the room in a callback on the key, registered by destroy(): this one runs after it.
    const left: Promise<void> = Promise.resolve(provider.key).then(
      () => undefined,
      () => undefined,
    );
    const { room } = joined.plan;
    leaving.set(room, left);
    void left.then(() => {
      if (leaving.get(room) === left) leaving.delete(room);
    });
  }

  private readonly onUpdate = (_update: Uint8Array, origin: unknown): void => {
    if (!PeerSync.isPeerOrigin(origin)) return;
    // A colleague typing sends an update a keystroke, and every new status redraws the entry's
    // view: "synced" is shown to the minute, so it moves at most once a second.
    const now = this.now();
    if (this.status.lastSyncedAt === null || now - this.status.lastSyncedAt >= LAST_SYNCED_STEP_MS) this.setStatus({ ...this.status, lastSyncedAt: now });
  };

  private readonly onSynced = ({ synced }: { synced: boolean }): void => {
    if (synced) this.setStatus({ ...this.status, lastSyncedAt: this.now() });
  };

  /** When each connection still being set up was first seen (see dropStalledConnections). */
  private readonly settingUpSince = new WeakMap<object, number>();

  /**
   * A connection that is not open within CONNECT_TIMEOUT_MS never will be: its peer is gone (an
   * announce replayed on the signaling server, a peer that closed mid-handshake). y-webrtc keeps
   * such connections for good, each counting against the room's connection limit and holding a
   * status of "Connecting…"; they are closed instead, which y-webrtc treats as the peer leaving.
   */
  private dropStalledConnections(conns: ReadonlyArray<{ connected: boolean; closed: boolean; destroy(): void }>): void {
    const now = this.now();
    for (const conn of conns) {
      if (conn.connected || conn.closed) continue;
      const since = this.settingUpSince.get(conn);
      if (since === undefined) this.settingUpSince.set(conn, now);
      else if (now - since > CONNECT_TIMEOUT_MS) conn.destroy();
    }
  }

  private readonly refresh = (): void => {
    const providers = this.rooms.flatMap((joined) => (joined.provider ? [joined.provider] : []));
    if (providers.length === 0) return;
    const conns = providers.flatMap((provider) => (provider.room ? [...provider.room.webrtcConns.values()] : []));
    this.dropStalledConnections(conns);
    const peers = conns.filter((conn) => conn.connected).length;
    const settingUp = conns.some((conn) => !conn.connected && !conn.closed);
    const signaling = providers.flatMap((provider) => provider.signalingConns);
    const signalingUp = signaling.some((conn) => conn.connected);
    const firstTry = signaling.some((conn) => conn.connecting && conn.unsuccessfulReconnects === 0);
    const state: PeerConnectionState =
      peers > 0 ? 'connected' : settingUp || (!signalingUp && firstTry) ? 'connecting' : signalingUp ? 'alone' : 'offline';
    if (peers === 0 && this.status.peers > 0) this.forgetRemotePresence();
    if (state !== this.status.state || peers !== this.status.peers) this.setStatus({ ...this.status, state, peers });
  };

  /**
   * Once no peer is connected, nobody else is here: their presence goes at once instead of after
   * awareness's 30 s timeout (a colleague whose app was killed never says goodbye).
   */
  private forgetRemotePresence(): void {
    const others = [...this.awareness.getStates().keys()].filter((clientId) => clientId !== this.awareness.clientID);
    if (others.length > 0) removeAwarenessStates(this.awareness, others, 'peers gone');
  }

  private setStatus(status: PeerSyncStatus): void {
    this.status = status;
    this.listeners.fire(status);
  }
}
