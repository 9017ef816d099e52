import * as v from 'valibot';
import { isPlainObject } from '../schema/plainObject';

/**
 * A peer's presence (its awareness state) as this device accepts it: the fields Lexical's
 * collaboration code reads (name, colour, focusing, two cursor positions, awarenessData), each
 * checked when present; other fields are left alone. Lexical resolves every peer's cursor on each
 * awareness change and throws on a malformed one, on every later change too, so a state that
 * fails here drops the peer that sent it (renderer/collab/peerMessageCheck.ts).
 */

/** More states than a room of y-webrtc's 20-35 connections ever relays at once. */
export const MAX_AWARENESS_STATES_PER_MESSAGE = 256;
/** A Lexical presence (name, colour, two cursor positions) is a few hundred bytes. */
export const MAX_AWARENESS_STATE_BYTES = 16 * 1024;
export const MAX_PRESENCE_NAME_LENGTH = 200;
/** A CSS colour as Lexical shows it beside a cursor. */
export const MAX_PRESENCE_COLOR_LENGTH = 64;
/** The name of the shared type a cursor points into (`root`, for Lexical). */
export const MAX_CURSOR_TYPE_NAME_LENGTH = 256;

function shortString(max: number, message: string) {
  return v.pipe(v.string(message), v.maxLength(max, message));
}

const YjsClockSchema = v.custom<number>((value) => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0);

/** A Yjs id (`{ client, clock }`), or null. */
const YjsIdSchema = v.nullable(v.looseObject({ client: YjsClockSchema, clock: YjsClockSchema }));

/**
 * A Yjs relative position as JSON, as Lexical publishes its cursors: every field present and
 * typed, and pointing somewhere (Yjs throws on a position with no type, type name or item).
 */
const CursorPositionSchema = v.nullable(
  v.pipe(
    v.looseObject(
      {
        type: YjsIdSchema,
        tname: v.nullable(v.pipe(v.string(), v.maxLength(MAX_CURSOR_TYPE_NAME_LENGTH))),
        item: YjsIdSchema,
        assoc: v.custom<number>(Number.isSafeInteger),
      },
      'an awareness cursor is not a cursor position',
    ),
    v.check(({ type, tname, item }) => type !== null || tname !== null || item !== null, 'an awareness cursor points nowhere'),
  ),
);

export const PeerPresenceSchema = v.nullable(
  v.pipe(
    v.custom<Record<string, unknown>>(isPlainObject, 'an awareness state is not an object'),
    v.looseObject({
      name: v.optional(shortString(MAX_PRESENCE_NAME_LENGTH, 'an awareness name is not a short string')),
      color: v.optional(shortString(MAX_PRESENCE_COLOR_LENGTH, 'an awareness colour is not a short string')),
      focusing: v.optional(v.boolean('awareness focusing is not a boolean')),
      anchorPos: v.optional(CursorPositionSchema),
      focusPos: v.optional(CursorPositionSchema),
      awarenessData: v.optional(v.nullable(v.custom<Record<string, unknown>>(isPlainObject, 'awarenessData is not an object'))),
    }),
  ),
);

/** Null when `state` is a presence this device accepts; otherwise what is wrong with it. */
export function presenceProblem(state: unknown): string | null {
  const result = v.safeParse(PeerPresenceSchema, state, { abortEarly: true });
  return result.success ? null : (result.issues[0]?.message ?? 'an awareness state is malformed');
}
