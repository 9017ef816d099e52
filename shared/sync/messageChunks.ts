/**
 * Splitting large peer messages into frames a WebRTC data channel carries, and joining them
 * again. y-webrtc sends a whole sync step as one message and a data channel silently drops a
 * message above its size limit (256 KiB in Chromium, less elsewhere), so a several-megabyte
 * entry would never reach a new peer. Messages up to MAX_FRAME_BYTES pass through untouched,
 * so a stock y-webrtc peer understands everything but the large ones (which it could not receive
 * anyway); larger ones are sent as frames:
 *
 *   [0xF7][message id: u32][frame index: u32][frame count: u32][payload]
 *
 * 0xF7 cannot start a y-webrtc message (its message types are small varints), so a stock peer
 * ignores frames as unknown messages.
 */
export const CHUNK_MARKER = 0xf7;
export const FRAME_HEADER_BYTES = 13;
/** 16 KiB: the size every WebRTC implementation is known to carry. */
export const MAX_FRAME_BYTES = 16 * 1024;
const MAX_PAYLOAD_BYTES = MAX_FRAME_BYTES - FRAME_HEADER_BYTES;

export interface ReassemblyLimits {
  /** The largest message accepted from a peer. */
  readonly maxMessageBytes: number;
  /** How many messages may be half-received at once. */
  readonly maxPartialMessages: number;
}

export const DEFAULT_REASSEMBLY_LIMITS: ReassemblyLimits = {
  maxMessageBytes: 64 * 1024 * 1024,
  maxPartialMessages: 4,
};

export function splitMessage(message: Uint8Array, messageId: number): Uint8Array[] {
  if (message.byteLength <= MAX_FRAME_BYTES && message[0] !== CHUNK_MARKER) return [message];
  const count = Math.ceil(message.byteLength / MAX_PAYLOAD_BYTES);
  const frames: Uint8Array[] = [];
  for (let index = 0; index < count; index++) {
    const payload = message.subarray(index * MAX_PAYLOAD_BYTES, (index + 1) * MAX_PAYLOAD_BYTES);
    const frame = new Uint8Array(FRAME_HEADER_BYTES + payload.byteLength);
    const view = new DataView(frame.buffer);
    frame[0] = CHUNK_MARKER;
    view.setUint32(1, messageId >>> 0);
    view.setUint32(5, index);
    view.setUint32(9, count);
    frame.set(payload, FRAME_HEADER_BYTES);
    frames.push(frame);
  }
  return frames;
}

export class ChunkProtocolError extends Error {
  constructor(reason: string) {
    super(`Malformed message frames from a peer: ${reason}`);
    this.name = 'ChunkProtocolError';
  }
}

interface PartialMessage {
  readonly count: number;
  readonly frames: Array<Uint8Array | undefined>;
  received: number;
  bytes: number;
}

/**
 * Joins frames back into messages. Frames of one message arrive in order on a reliable, ordered
 * channel, but the joiner does not rely on it. A peer that breaks the framing or the limits gets
 * a ChunkProtocolError, and the caller drops that peer.
 */
export class MessageReassembler {
  private readonly partial = new Map<number, PartialMessage>();

  constructor(private readonly limits: ReassemblyLimits = DEFAULT_REASSEMBLY_LIMITS) {}

  /** Returns a whole message, or null while one is still incomplete. */
  accept(data: Uint8Array): Uint8Array | null {
    if (data[0] !== CHUNK_MARKER) return data;
    if (data.byteLength < FRAME_HEADER_BYTES) throw new ChunkProtocolError('short frame');
    const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    const id = view.getUint32(1);
    const index = view.getUint32(5);
    const count = view.getUint32(9);
    if (count === 0 || index >= count) throw new ChunkProtocolError('frame index out of range');
    if (count * MAX_PAYLOAD_BYTES > this.limits.maxMessageBytes + MAX_PAYLOAD_BYTES) {
      throw new ChunkProtocolError('message too large');
    }
    let message = this.partial.get(id);
    if (!message) {
      if (this.partial.size >= this.limits.maxPartialMessages) throw new ChunkProtocolError('too many partial messages');
      message = { count, frames: new Array<Uint8Array | undefined>(count), received: 0, bytes: 0 };
      this.partial.set(id, message);
    }
    if (message.count !== count) throw new ChunkProtocolError('frame count changed');
    if (message.frames[index]) throw new ChunkProtocolError('duplicate frame');
    const payload = data.slice(FRAME_HEADER_BYTES);
    message.frames[index] = payload;
    message.received++;
    message.bytes += payload.byteLength;
    if (message.bytes > this.limits.maxMessageBytes) throw new ChunkProtocolError('message too large');
    if (message.received < count) return null;
    this.partial.delete(id);
    const whole = new Uint8Array(message.bytes);
    let offset = 0;
    for (const frame of message.frames) {
      whole.set(frame as Uint8Array, offset);
      offset += (frame as Uint8Array).byteLength;
    }
    return whole;
  }
}
