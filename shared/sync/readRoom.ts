import { digest } from 'lib0/hash/sha256';
import { encodeUtf8 } from 'lib0/string';
import { encodeBase64url } from '../encoding/base64url';

/**
 * Where the readers of an entry with read-only links meet it (docs/FORMAT.md, "Read-only
 * links"). The invite link names the entry's room and key; the read-only link names its read
 * room and read key, each derived one way from the other, so whoever may edit can find the read
 * room and a reader cannot find the room where the editors meet.
 *
 * A device that may edit is in both rooms: in the entry's room everyone holds the key, as before
 * read-only links (a stock y-webrtc client with the invite link edits there as it always did); in
 * the read room nobody's changes are applied unless their connection proved the write key
 * (writeProof.ts), which only editors hold. A stock client with the read-only link therefore
 * reads the entry, and its changes reach no one.
 */

function derive(label: string, secret: string): string {
  return encodeBase64url(digest(encodeUtf8(`${label}\u0000${secret}`)));
}

export function deriveReadRoom(room: string): string {
  return derive('peerbook read room v1', room);
}

export function deriveReadKey(key: string): string {
  return derive('peerbook read key v1', key);
}

/** A share as far as rooms go: this device's room and key, and the write keys if it has them. */
export interface ShareAccess {
  readonly room: string;
  readonly key: string;
  readonly verify?: string;
  readonly write?: string;
}

/** True for a device that may edit an entry with read-only links: it is in the read room too. */
export function servesReaders(share: ShareAccess): boolean {
  return Boolean(share.verify && share.write);
}

/**
 * The room and key every holder of the entry's links shares: the read room of an entry with
 * read-only links (derived by a device that may edit, as is for a reader), or the one room of an
 * entry shared before read-only links. Digests and the relay use it, so readers hear them too.
 */
export function readAccessOf(share: ShareAccess): { readonly room: string; readonly key: string } {
  return servesReaders(share) ? { room: deriveReadRoom(share.room), key: deriveReadKey(share.key) } : { room: share.room, key: share.key };
}

/** Every room this device meets the entry in (for a reset link: every room whose link ends). */
export function roomsOf(share: ShareAccess): string[] {
  return servesReaders(share) ? [share.room, deriveReadRoom(share.room)] : [share.room];
}
