import { describe, expect, it } from 'vitest';
import {
  CHUNK_MARKER,
  ChunkProtocolError,
  MAX_FRAME_BYTES,
  MessageReassembler,
  splitMessage,
} from '../../../../shared/sync/messageChunks';

function message(bytes: number, seed = 1): Uint8Array {
  const data = new Uint8Array(bytes);
  let value = seed;
  for (let i = 0; i < bytes; i++) {
    value = (value * 1103515245 + 12345) >>> 0;
    data[i] = value >>> 24;
  }
  data[0] = 0; // a y-webrtc sync message starts with its type, 0
  return data;
}

/**
 * Where two byte arrays first differ (a length difference counts at the shorter's end), or -1.
 * `toEqual` on a 5 MB array compares element by element through vitest's generic equality and
 * took over 30 s on a 2-core machine; this checks the same bytes in milliseconds and says where
 * they part.
 */
function firstDifference(actual: Uint8Array, expected: Uint8Array): number {
  const length = Math.min(actual.byteLength, expected.byteLength);
  for (let i = 0; i < length; i++) {
    if (actual[i] !== expected[i]) return i;
  }
  return actual.byteLength === expected.byteLength ? -1 : length;
}

describe('large peer messages travel as frames', () => {
  it('leaves messages that fit one frame untouched, so stock y-webrtc peers understand them', () => {
    const small = message(MAX_FRAME_BYTES);
    const frames = splitMessage(small, 1);
    expect(frames).toEqual([small]);
    expect(new MessageReassembler().accept(small)).toBe(small);
  });

  it('splits a 5 MB sync message into frames no larger than a data channel carries, and joins them', () => {
    const big = message(5 * 1024 * 1024);
    const frames = splitMessage(big, 7);
    expect(frames.length).toBeGreaterThan(300);
    expect(Math.max(...frames.map((frame) => frame.byteLength))).toBeLessThanOrEqual(MAX_FRAME_BYTES);
    expect(frames.every((frame) => frame[0] === CHUNK_MARKER)).toBe(true);
    const reassembler = new MessageReassembler();
    const results = frames.map((frame) => reassembler.accept(frame));
    expect(results.slice(0, -1).every((result) => result === null)).toBe(true);
    const joined = results.at(-1);
    expect(joined).toBeInstanceOf(Uint8Array);
    expect(joined?.byteLength).toBe(big.byteLength);
    expect(firstDifference(joined as Uint8Array, big)).toBe(-1);
  });

  it('joins two messages whose frames interleave', () => {
    const a = message(40_000, 3);
    const b = message(50_000, 4);
    const framesA = splitMessage(a, 1);
    const framesB = splitMessage(b, 2);
    const reassembler = new MessageReassembler();
    const whole: Uint8Array[] = [];
    for (let i = 0; i < Math.max(framesA.length, framesB.length); i++) {
      for (const frame of [framesA[i], framesB[i]]) {
        const result = frame && reassembler.accept(frame);
        if (result) whole.push(result);
      }
    }
    expect(whole).toEqual([a, b]);
  });

  it('refuses a hostile peer’s frames: out of range, duplicated, oversized or too many at once', () => {
    const frames = splitMessage(message(100_000), 9);
    const duplicate = new MessageReassembler();
    duplicate.accept(frames[0] as Uint8Array);
    expect(() => duplicate.accept(frames[0] as Uint8Array)).toThrow(ChunkProtocolError);

    const outOfRange = (frames[0] as Uint8Array).slice();
    new DataView(outOfRange.buffer).setUint32(5, 99);
    expect(() => new MessageReassembler().accept(outOfRange)).toThrow(ChunkProtocolError);

    const huge = (frames[0] as Uint8Array).slice();
    new DataView(huge.buffer).setUint32(9, 4_000_000_000);
    expect(() => new MessageReassembler({ maxMessageBytes: 1024 * 1024, maxPartialMessages: 4 }).accept(huge)).toThrow(/too large/);

    const crowded = new MessageReassembler({ maxMessageBytes: 1024 * 1024, maxPartialMessages: 2 });
    crowded.accept(splitMessage(message(40_000), 1)[0] as Uint8Array);
    crowded.accept(splitMessage(message(40_000), 2)[0] as Uint8Array);
    expect(() => crowded.accept(splitMessage(message(40_000), 3)[0] as Uint8Array)).toThrow(/too many/);

    expect(() => new MessageReassembler().accept(new Uint8Array([CHUNK_MARKER, 1, 2]))).toThrow(/short frame/);
  });
});
