/**
 * The messages a y-webrtc client sends to its signaling server, read from untrusted text.
 *
 * Protocol (y-webrtc's bin/server.js and the SignalingConn in src/y-webrtc.js): JSON text frames.
 *   { type: 'subscribe', topics: string[] }    join rooms (topic = y-webrtc room name)
 *   { type: 'unsubscribe', topics: string[] }  leave rooms
 *   { type: 'publish', topic: string, ... }     relay to every subscriber of topic, as sent
 *   { type: 'ping' }                            answered with { type: 'pong' }
 *
 * The signaling server (services/signaling/) reads its clients' frames with it, and a device
 * reads what servers relay to it with it (renderer/collab/roomWatcher.ts). Limits on topics are
 * the server's policy (services/signaling/signalLimits.ts); this module only decides whether a
 * frame has the protocol's shape.
 */
import * as v from 'valibot';
import { isPlainObject } from '../schema/plainObject';

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

/** Topics as y-webrtc's server reads them: it skips a non-string or empty topic one by one. */
const TopicsSchema = v.pipe(
  v.array(v.unknown()),
  v.transform((topics) => topics.filter((topic): topic is string => typeof topic === 'string' && topic !== '')),
);
const TopicSchema = v.pipe(v.string(), v.minLength(1));

const FrameSchema = v.pipe(
  v.custom<Record<string, unknown>>((value) => isPlainObject(value) && isNestedAtMost(value, MAX_NESTING_DEPTH), 'not a frame'),
  v.variant('type', [
    v.object({ type: v.picklist(['subscribe', 'unsubscribe']), topics: TopicsSchema }),
    v.looseObject({ type: v.literal('publish'), topic: TopicSchema }),
    v.object({ type: v.literal('ping') }),
  ]),
);

/** Reads one text frame. Anything that is not the protocol's shape is `null`: the caller ignores it. */
export function parseSignalingMessage(raw: unknown): SignalingMessage | null {
  if (typeof raw !== 'string') return null;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  const frame = v.safeParse(FrameSchema, value);
  if (!frame.success) return null;
  const message = frame.output;
  // A publish is relayed as its client sent it: `sent` is the parsed frame itself, not a copy.
  return message.type === 'publish' ? { type: 'publish', topic: message.topic, sent: value as Record<string, unknown> } : message;
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
