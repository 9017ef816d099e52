import { digest } from 'lib0/hash/sha256';
import { encodeUtf8 } from 'lib0/string';
import type * as Y from 'yjs';
import { ENTRY_META_KEYS } from '../doc/docKeys';
import { encodeBase64url } from '../encoding/base64url';
import { DOC_ORIGINS } from '../doc/docOrigins';
import { entryMetaMap } from './entryDoc';
import type { EntryId } from './entryId';

/**
 * An entry's identity on every device: kept in its document (`meta.uid`), so that a link to an
 * entry made on one device opens the same entry on a colleague's device that holds it (entry ids,
 * EntryId, are this device's own). `u-` and 22 characters of base64url: 128 bits.
 */
export type EntryUid = string & { readonly __brand: 'EntryUid' };

/** What a link between entries names: an identity (links made since) or an entry id (older links, this device only). */
export type EntryLinkTarget = EntryId | EntryUid;

const ENTRY_UID_PATTERN = /^u-[A-Za-z0-9_-]{22}$/;

export function isEntryUid(value: unknown): value is EntryUid {
  return typeof value === 'string' && ENTRY_UID_PATTERN.test(value);
}

/** `randomBytes` is passed in so shared/ stays free of platform APIs (crypto.getRandomValues). */
export function createEntryUid(randomBytes: (length: number) => Uint8Array): EntryUid {
  return `u-${encodeBase64url(randomBytes(16))}` as EntryUid;
}

/**
 * The identity of an entry that was shared before entries had one: derived from its room, so
 * that every device holding it arrives at the same one without asking the others.
 */
export function uidForSharedRoom(room: string): EntryUid {
  return `u-${encodeBase64url(digest(encodeUtf8(`peerbook entry uid\u0000${room}`)).subarray(0, 16))}` as EntryUid;
}

/** The entry's identity, or null while its document holds none (or a malformed one). */
export function readEntryUid(doc: Y.Doc): EntryUid | null {
  const uid = entryMetaMap(doc).get(ENTRY_META_KEYS.uid);
  return isEntryUid(uid) ? uid : null;
}

/** Writes a new identity into an entry that is a copy of another (Keep my own copy). */
export function giveEntryNewUid(doc: Y.Doc, randomBytes: (length: number) => Uint8Array): EntryUid {
  const uid = createEntryUid(randomBytes);
  doc.transact(() => entryMetaMap(doc).set(ENTRY_META_KEYS.uid, uid), DOC_ORIGINS.template);
  return uid;
}

/**
 * Gives an entry written before entries had an identity its identity, once: from its room when
 * it is shared (every device derives the same), else a new one (only this device holds it).
 * Written as a migration, not an edit. Returns the entry's identity.
 */
export function ensureEntryUid(doc: Y.Doc, room: string | null, randomBytes: (length: number) => Uint8Array): EntryUid {
  const existing = readEntryUid(doc);
  if (existing) return existing;
  const uid = room ? uidForSharedRoom(room) : createEntryUid(randomBytes);
  doc.transact(() => entryMetaMap(doc).set(ENTRY_META_KEYS.uid, uid), DOC_ORIGINS.migration);
  return uid;
}
