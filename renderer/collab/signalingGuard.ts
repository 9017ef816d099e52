import { SignalingConn, type Room } from 'y-webrtc';
import { decryptRoomMessage, encryptRoomMessage, roomKey } from './roomCrypto';

/**
 * What y-webrtc's signaling connection does is guarded here, once for the page, because its own
 * code trusts the network: it decrypts every message published in a room and acts on it inside a
 * promise callback, so a message it cannot decrypt (a peer with the room but another key) or one it
 * does not expect (an answer for a connection it has already closed, as happens when a room goes
 * to sleep and wakes again) throws as an unhandled rejection of the page, and a send while the
 * connection reconnects throws too.
 *
 * - Each message published in a room this page is connected to is decrypted first (in arrival
 *   order), checked for the shape y-webrtc expects, and passed on only then; anything else is
 *   dropped.
 * - A message that cannot be sent because the connection is reconnecting is dropped: on
 *   reconnecting, y-webrtc subscribes and announces every room again.
 * - In an answer-only room (the read room of an entry this device may edit, shared/sync/
 *   readRoom.ts) this page starts no connection: the others' announcements are not passed on,
 *   and answered with an announcement of this page's own (at most once per ANNOUNCE_AGAIN_MS),
 *   so that a reader offers the connection. That announcement says it answers only
 *   (`answerOnly: 1`, which y-webrtc ignores) and is not answered in turn: editors, who all
 *   answer only there, do not connect to each other in the read room (they already meet in the
 *   entry's room).
 */

export interface GuardedRoom {
  readonly key: string;
  /** y-webrtc's room, once its key is derived. */
  readonly room: () => Room | null;
  readonly answerOnly?: boolean;
}

interface GuardState {
  readonly guarded: GuardedRoom;
  lastAnnouncedAt: number;
  pendingAnnounce: ReturnType<typeof setTimeout> | null;
}

/** An answer-only room announces itself again at most this often, however many newcomers arrive. */
export const ANNOUNCE_AGAIN_MS = 1000;

const rooms = new Map<string, GuardState>();

/** Guards the signaling messages of a room this page connects to; returns the function that stops. */
export function guardRoomSignaling(name: string, guarded: GuardedRoom): () => void {
  const state: GuardState = { guarded, lastAnnouncedAt: 0, pendingAnnounce: null };
  rooms.set(name, state);
  return () => {
    if (state.pendingAnnounce) clearTimeout(state.pendingAnnounce);
    if (rooms.get(name) === state) rooms.delete(name);
  };
}

/** Announces this page in an answer-only room on `connection`, soon (see ANNOUNCE_AGAIN_MS). */
function announceAgain(connection: SignalingConn, topic: string, state: GuardState): void {
  if (state.pendingAnnounce) return;
  const wait = Math.max(0, state.lastAnnouncedAt + ANNOUNCE_AGAIN_MS - Date.now());
  state.pendingAnnounce = setTimeout(() => {
    state.pendingAnnounce = null;
    state.lastAnnouncedAt = Date.now();
    const room = state.guarded.room();
    if (!room || rooms.get(topic) !== state) return;
    void roomKey(topic, state.guarded.key)
      .then((key) => encryptRoomMessage(key, { type: 'announce', from: room.peerId, answerOnly: 1 }))
      .then((data) => sendNow(connection, { type: 'publish', topic, data }))
      .catch((cause: unknown) => console.warn('[peer sync] could not announce again', cause));
  }, wait);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** The y-webrtc message shapes it acts on, and only when it can act on them without throwing. */
function acceptable(data: unknown, room: Room | null): boolean {
  if (!isRecord(data) || typeof data.from !== 'string') return false;
  if (data.type === 'announce') return true;
  if (data.type !== 'signal' || typeof data.to !== 'string' || !isRecord(data.signal)) return false;
  // Signals for another peer are ignored by y-webrtc: no need to look closer.
  if (!room || data.to !== room.peerId) return true;
  if (data.signal.type === 'offer') return data.token === undefined || typeof data.token === 'number';
  // An answer is for a connection this page started; without one, y-webrtc would throw.
  if (data.signal.type === 'answer') return room.webrtcConns.has(data.from);
  return true;
}

async function shouldPass(connection: SignalingConn, message: unknown): Promise<boolean> {
  if (!isRecord(message) || message.type !== 'publish' || typeof message.topic !== 'string') return true;
  const state = rooms.get(message.topic);
  // Rooms this page is not connected to are ignored by y-webrtc.
  if (!state) return true;
  let data: unknown;
  try {
    data = await decryptRoomMessage(await roomKey(message.topic, state.guarded.key), message.data);
  } catch {
    return false;
  }
  if (!acceptable(data, state.guarded.room())) return false;
  if (state.guarded.answerOnly && isRecord(data) && data.type === 'announce' && typeof data.from === 'string') {
    if (!data.answerOnly) announceAgain(connection, message.topic, state);
    return false;
  }
  return true;
}

type Emit = (this: SignalingConn, name: string, args: unknown[]) => void;
const connectionProto = SignalingConn.prototype as unknown as { emit: Emit; send: (this: SignalingConn, message: unknown) => void };
const emitToListeners = connectionProto.emit;
const inOrder = new WeakMap<SignalingConn, Promise<void>>();
connectionProto.emit = function emit(this: SignalingConn, name: string, args: unknown[]): void {
  if (name !== 'message') {
    emitToListeners.call(this, name, args);
    return;
  }
  const previous = inOrder.get(this) ?? Promise.resolve();
  const next = previous.then(async () => {
    if (await shouldPass(this, args[0])) emitToListeners.call(this, name, args);
  });
  inOrder.set(
    this,
    next.catch((cause: unknown) => console.warn('[peer sync] a signaling message could not be handled', cause)),
  );
};

const sendWhenOpen = connectionProto.send;
function sendNow(connection: SignalingConn, message: unknown): void {
  if (connection.ws?.readyState === 1) sendWhenOpen.call(connection, message);
}
connectionProto.send = function send(this: SignalingConn, message: unknown): void {
  sendNow(this, message);
};
