/**
 * The messages a y-webrtc client sends to its signaling server, read from untrusted text.
 *
 * Protocol (y-webrtc's bin/server.js and the SignalingConn in src/y-webrtc.js): JSON text frames.
 *   { type: 'subscribe', topics: string[] }    join rooms (topic = y-webrtc room name)
 *   { type: 'unsubscribe', topics: string[] }  leave rooms
 *   { type: 'publish', topic: string, ... }     relay to every subscriber of topic, as sent
 *   { type: 'ping' }                            answered with { type: 'pong' }
 *
 * Pure: no Node imports, so it can move to shared/ if a second server (or a test peer) needs it.
 * Limits (topic length, topic count) are policy and stay in the server; this module only decides
 * whether a frame has the protocol's shape.
 */

export type SignalingMessage =
  | { readonly type: 'subscribe'; readonly topics: readonly string[] }
  | { readonly type: 'unsubscribe'; readonly topics: readonly string[] }
  | {
      readonly type: 'publish';
      readonly topic: string;
      /** The whole message as the client sent it: the server relays it untouched (plus `clients`). */
      readonly sent: Readonly<Record<string, unknown>>;
    }
  | { readonly type: 'ping' };

/** The server's answer to `ping`, and the only message it originates. */
export const PONG_MESSAGE = { type: 'pong' } as const;

/**
 * y-webrtc's deepest message (a publish carrying an unencrypted ICE candidate) nests 4 levels.
 * A 64 KiB frame can nest ~32 000 levels, which JSON.parse accepts but the JSON.stringify that
 * relays it overflows the stack on; such a frame is not an offer, so it is refused here.
 */
export const MAX_NESTING_DEPTH = 32;

/** Reads one text frame. Anything that is not the protocol's shape is `null`: the caller ignores it. */
export function parseSignalingMessage(raw: unknown): SignalingMessage | null {
  if (typeof raw !== 'string') {
    return null;
  }
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!isPlainObject(value) || !isNestedAtMost(value, MAX_NESTING_DEPTH)) {
    return null;
  }
  switch (value.type) {
    case 'subscribe':
    case 'unsubscribe': {
      if (!Array.isArray(value.topics)) {
        return null;
      }
      // y-webrtc's server skips non-string topics one by one rather than refusing the message.
      const topics = value.topics.filter((topic): topic is string => typeof topic === 'string' && topic !== '');
      return { type: value.type, topics };
    }
    case 'publish':
      if (typeof value.topic !== 'string' || value.topic === '') {
        return null;
      }
      return { type: 'publish', topic: value.topic, sent: value };
    case 'ping':
      return { type: 'ping' };
    default:
      return null;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Walks with its own stack, not recursion, because the input is exactly what could overflow one. */
function isNestedAtMost(root: object, maxDepth: number): boolean {
  const pending: { readonly value: unknown; readonly depth: number }[] = [{ value: root, depth: 1 }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (typeof next.value !== 'object' || next.value === null) {
      continue;
    }
    if (next.depth > maxDepth) {
      return false;
    }
    for (const child of Object.values(next.value)) {
      pending.push({ value: child, depth: next.depth + 1 });
    }
  }
  return true;
}
