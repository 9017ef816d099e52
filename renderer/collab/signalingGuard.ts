import { SignalingConn, type Room } from 'y-webrtc';
import { decryptRoomMessage, roomKey } from './roomCrypto';

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
 */

interface GuardedRoom {
  readonly key: string;
  /** y-webrtc's room, once its key is derived. */
  readonly room: () => Room | null;
}

const rooms = new Map<string, GuardedRoom>();

/** Guards the signaling messages of a room this page connects to; returns the function that stops. */
export function guardRoomSignaling(name: string, guarded: GuardedRoom): () => void {
  rooms.set(name, guarded);
  return () => {
    if (rooms.get(name) === guarded) rooms.delete(name);
  };
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

async function shouldPass(message: unknown): Promise<boolean> {
  if (!isRecord(message) || message.type !== 'publish' || typeof message.topic !== 'string') return true;
  const guarded = rooms.get(message.topic);
  // Rooms this page is not connected to are ignored by y-webrtc.
  if (!guarded) return true;
  try {
    const data = await decryptRoomMessage(await roomKey(message.topic, guarded.key), message.data);
    return acceptable(data, guarded.room());
  } catch {
    return false;
  }
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
    if (await shouldPass(args[0])) emitToListeners.call(this, name, args);
  });
  inOrder.set(
    this,
    next.catch((cause: unknown) => console.warn('[peer sync] a signaling message could not be handled', cause)),
  );
};

const sendWhenOpen = connectionProto.send;
connectionProto.send = function send(this: SignalingConn, message: unknown): void {
  if (this.ws?.readyState === 1) sendWhenOpen.call(this, message);
};
