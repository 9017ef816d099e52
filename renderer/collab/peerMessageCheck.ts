/**
 * What Peerbook accepts from a peer over WebRTC, checked before y-webrtc reads it. y-webrtc
 * trusts every byte a peer sends: a truncated or unknown message throws inside its data channel
 * handler, a BroadcastChannel message sent over WebRTC makes it ignore another peer's signaling,
 * and an awareness state is applied as sent, however large, whatever its fields hold (Lexical's
 * cursor code then throws on a malformed position, on every later awareness change). A message
 * that fails these checks drops the peer that sent it (tests/attack/hostilePeers.test.ts).
 *
 * The check reads the y-webrtc / y-protocols envelope (message type, lengths, state vectors,
 * awareness entries); it does not parse Yjs updates, which y-protocols applies inside its own
 * try/catch and which an honest peer may make large. What peers push into an entry is bounded
 * (PEER_PUSH_LIMITS, docs/FORMAT.md "Limits on what peers push"): a peer holding the link can
 * otherwise grow an entry until nothing on the device can hold it.
 */
import { messageYjsSyncStep1, messageYjsSyncStep2, messageYjsUpdate } from 'y-protocols/sync';
import { TokenBucket } from '../../shared/limits/tokenBucket';
import { MAX_AWARENESS_STATE_BYTES, MAX_AWARENESS_STATES_PER_MESSAGE, presenceProblem } from '../../shared/sync/peerPresence';

/** The message types y-webrtc sends between peers (its own constants, which it does not export). */
export const Y_WEBRTC_MESSAGE = { sync: 0, awareness: 1, queryAwareness: 3, broadcastPeerId: 4 } as const;

/**
 * What the peers of one entry may push into it, all of them together: Yjs updates (a sync
 * update, or the sync answer that brings the entry to a new peer) of at most `maxUpdateBytes`
 * each, `updatesPerSecond` of them on average with bursts of `updateBurst`, and
 * `bytesPerMinute` of them on average with bursts of `byteBurst`. Honest use stays far below:
 * a person typing sends 10-20 small updates a second, a new peer receives the whole entry once
 * (a 5,000-paragraph entry is 2.8 MB).
 */
export const PEER_PUSH_LIMITS = {
  maxUpdateBytes: 32 * 1024 * 1024,
  updatesPerSecond: 100,
  updateBurst: 200,
  bytesPerMinute: 4 * 1024 * 1024,
  byteBurst: 32 * 1024 * 1024,
} as const;

export type PeerPushLimits = { readonly [Key in keyof typeof PEER_PUSH_LIMITS]: number };

/** Why a peer's message was refused (and the peer dropped). */
export type PeerRefusalReason = 'malformed' | 'update-too-large' | 'too-many-updates' | 'too-much-growth';

export class PeerMessageRefusal extends Error {
  constructor(
    readonly reason: PeerRefusalReason,
    detail: string,
  ) {
    super(detail);
    this.name = 'PeerMessageRefusal';
  }
}

/** How much the peers of one entry may still push (see PEER_PUSH_LIMITS). */
export class PeerPushBudget {
  private readonly updates: TokenBucket;
  private readonly bytes: TokenBucket;

  constructor(
    private readonly limits: PeerPushLimits = PEER_PUSH_LIMITS,
    now: () => number = () => performance.now(),
  ) {
    this.updates = new TokenBucket(limits.updateBurst, (1000 * limits.updateBurst) / limits.updatesPerSecond, now);
    this.bytes = new TokenBucket(limits.byteBurst, (60_000 * limits.byteBurst) / limits.bytesPerMinute, now);
  }

  /** Counts one update of `byteLength` bytes: null if it fits, else why it is refused. */
  spend(byteLength: number): PeerMessageRefusal | null {
    if (byteLength > this.limits.maxUpdateBytes) {
      return new PeerMessageRefusal('update-too-large', `an update of ${byteLength} bytes (at most ${this.limits.maxUpdateBytes} per update)`);
    }
    if (!this.updates.take()) {
      return new PeerMessageRefusal('too-many-updates', `more than ${this.limits.updatesPerSecond} updates a second into this entry`);
    }
    if (!this.bytes.take(byteLength)) {
      return new PeerMessageRefusal('too-much-growth', `more than ${this.limits.bytesPerMinute} bytes a minute of updates into this entry`);
    }
    return null;
  }

  /** Whether the peers could push as much as into a new entry again. */
  get refilled(): boolean {
    return this.updates.full && this.bytes.full;
  }
}

const budgetsByRoom = new Map<string, PeerPushBudget>();

/**
 * The budget of the entry whose room is `room`, for as long as the app runs: a room that sleeps
 * and wakes again (background sync) goes on with what it had left, not with a fresh burst.
 */
export function peerPushBudgetFor(room: string): PeerPushBudget {
  let budget = budgetsByRoom.get(room);
  if (!budget) {
    budget = new PeerPushBudget();
    budgetsByRoom.set(room, budget);
  }
  return budget;
}

export interface PeerMessageContext {
  /** This device's awareness client id: a peer may echo its state, never replace it. */
  readonly localClientId: number;
  /** The clock of this device's own awareness state. */
  localClock(): number;
  /** What the entry's peers may still push; without one, updates are not counted. */
  readonly budget?: PeerPushBudget;
}

class Malformed extends Error {}

class Reader {
  private offset = 0;
  constructor(private readonly bytes: Uint8Array) {}

  get done(): boolean {
    return this.offset === this.bytes.byteLength;
  }

  varUint(): number {
    let value = 0;
    let scale = 1;
    for (;;) {
      if (this.offset >= this.bytes.byteLength) throw new Malformed('message ends inside a number');
      const byte = this.bytes[this.offset++] as number;
      value += (byte & 0x7f) * scale;
      if (value > Number.MAX_SAFE_INTEGER) throw new Malformed('number out of range');
      if (byte < 0x80) return value;
      scale *= 128;
    }
  }

  varBytes(): Uint8Array {
    const length = this.varUint();
    if (length > this.bytes.byteLength - this.offset) throw new Malformed('a length runs past the end of the message');
    const bytes = this.bytes.subarray(this.offset, this.offset + length);
    this.offset += length;
    return bytes;
  }

  end(): void {
    if (!this.done) throw new Malformed('bytes after the end of the message');
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function checkAwarenessUpdate(update: Uint8Array, context: PeerMessageContext): void {
  const reader = new Reader(update);
  const count = reader.varUint();
  if (count > MAX_AWARENESS_STATES_PER_MESSAGE) throw new Malformed('too many awareness states in one message');
  for (let index = 0; index < count; index++) {
    const clientId = reader.varUint();
    const clock = reader.varUint();
    const json = reader.varBytes();
    if (json.byteLength > MAX_AWARENESS_STATE_BYTES) throw new Malformed('an awareness state is too large');
    if (clientId === context.localClientId && clock > context.localClock()) throw new Malformed('a peer replaces this device’s own presence');
    let state: unknown;
    try {
      state = JSON.parse(utf8.decode(json));
    } catch {
      throw new Malformed('an awareness state is not JSON');
    }
    const problem = presenceProblem(state);
    if (problem !== null) throw new Malformed(problem);
  }
  reader.end();
}

function checkStateVector(stateVector: Uint8Array): void {
  const reader = new Reader(stateVector);
  const clients = reader.varUint();
  for (let index = 0; index < clients; index++) {
    reader.varUint();
    reader.varUint();
  }
  reader.end();
}

/** Null when `message` may be handed to y-webrtc; otherwise why the peer that sent it is dropped. */
export function checkPeerMessage(message: Uint8Array, context: PeerMessageContext): PeerMessageRefusal | null {
  try {
    const reader = new Reader(message);
    switch (reader.varUint()) {
      case Y_WEBRTC_MESSAGE.sync: {
        const kind = reader.varUint();
        if (kind !== messageYjsSyncStep1 && kind !== messageYjsSyncStep2 && kind !== messageYjsUpdate) throw new Malformed('unknown sync message');
        const payload = reader.varBytes();
        reader.end();
        if (kind === messageYjsSyncStep1) checkStateVector(payload);
        else return context.budget?.spend(payload.byteLength) ?? null;
        return null;
      }
      case Y_WEBRTC_MESSAGE.awareness: {
        const update = reader.varBytes();
        reader.end();
        checkAwarenessUpdate(update, context);
        return null;
      }
      case Y_WEBRTC_MESSAGE.queryAwareness:
        reader.end();
        return null;
      default:
        // Includes y-webrtc's BroadcastChannel peer ids (4): a WebRTC peer that sends one would
        // make this device ignore another peer's signaling.
        throw new Malformed('not a message y-webrtc sends over WebRTC');
    }
  } catch (error) {
    if (error instanceof Malformed) return new PeerMessageRefusal('malformed', error.message);
    throw error;
  }
}
