import { digest } from 'lib0/hash/sha256';
import { encodeUtf8 } from 'lib0/string';
import type * as Y from 'yjs';
import { ENTRY_DOC_KEYS } from '../doc/docKeys';
import { DOC_ORIGINS } from '../doc/docOrigins';
import { encodeBase64url } from '../encoding/base64url';
import { cleanPersonName, MAX_PERSON_NAME_LENGTH } from '../people/person';

/**
 * When an entry's owner resets its link, the entry records that the old room's link was reset
 * (`linkResets`, docs/FORMAT.md), before the owner's device leaves the old room: colleagues who
 * hold the old link receive the record with the entry, keep their copy and are told, instead of
 * waiting for a colleague who will never come back to that room.
 */
export interface LinkReset {
  readonly at: number;
  /** The name of whoever reset it, as they show it to colleagues. */
  readonly by: string;
}

/** A room's fingerprint: the record does not name the room itself. */
export function roomFingerprint(room: string): string {
  return encodeBase64url(digest(encodeUtf8(`peerbook link reset\u0000${room}`)).subarray(0, 16));
}

function linkResetsMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(ENTRY_DOC_KEYS.linkResets);
}

export function recordLinkReset(doc: Y.Doc, room: string, reset: LinkReset): void {
  doc.transact(
    () => linkResetsMap(doc).set(roomFingerprint(room), { at: reset.at, by: cleanPersonName(reset.by) ?? '' }),
    DOC_ORIGINS.localEdit,
  );
}

/** The reset of the link to `room`, if its owner reset it; anything malformed reads as none. */
export function readLinkReset(doc: Y.Doc, room: string): LinkReset | null {
  const value = linkResetsMap(doc).get(roomFingerprint(room));
  if (typeof value !== 'object' || value === null) return null;
  const { at, by } = value as Record<string, unknown>;
  if (typeof at !== 'number' || !Number.isFinite(at)) return null;
  return { at, by: typeof by === 'string' ? by.slice(0, MAX_PERSON_NAME_LENGTH) : '' };
}
