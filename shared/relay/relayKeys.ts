import { BASE64URL_32_BYTES, encodeBase64url } from '../encoding/base64url';
import { utf8Bytes } from '../encoding/utf8';
import type { Bytes, RelayCrypto, RelayCryptoKey } from './relayCrypto';

/**
 * What a link holder derives from an entry's key for the relay (docs/FORMAT.md, "The relay").
 * Everything comes from the key alone, with HKDF-SHA256 and a distinct `info` per use, so the
 * relay learns neither the key nor the room, and one derived value tells nothing of another:
 *
 *   documentName  the relay document's name: another entry, another name; a new key, a new name
 *   capability    the token that proves to the relay that one may read (and, for an entry
 *                 without read-only links, append)
 *   encryptionKey AES-256-GCM, for the blobs
 *
 * For an entry with read-only links the key is its read key (shared/sync/readRoom.ts), which
 * readers hold too, and the document name ends in `.<verify>`, the entry's public write key: the
 * relay then lets a client append only if its token carries a signature of the document name by
 * the write key (relayWriteMessage), which only those who may edit can make, and which the
 * relay checks against the key the name itself carries.
 */
export interface RelayKeys {
  readonly documentName: string;
  readonly capability: string;
  readonly encryptionKey: RelayCryptoKey;
}

/** HKDF's salt and the `info` of each derivation (FORMAT.md). They never change: a new layout gets new strings. */
export const RELAY_HKDF_SALT = 'peerbook-relay';
export const RELAY_INFO = {
  documentName: 'peerbook relay v1 document name',
  capability: 'peerbook relay v1 append capability',
  encryptionKey: 'peerbook relay v1 encryption key',
} as const;

/**
 * `entryKey` is the key exactly as in the invite link (`#key=…`, the read key for an entry with
 * read-only links), taken as its UTF-8 bytes; `verify` is the entry's public write key, if it has one.
 */
export async function deriveRelayKeys(entryKey: string, crypto: RelayCrypto, verify?: string): Promise<RelayKeys> {
  const base = await crypto.subtle.importKey('raw', utf8Bytes(entryKey), 'HKDF', false, ['deriveBits']);
  const derive = async (info: string): Promise<Bytes> =>
    new Uint8Array(
      await crypto.subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt: utf8Bytes(RELAY_HKDF_SALT), info: utf8Bytes(info) }, base, 256),
    );
  const [name, capability, keyBytes] = await Promise.all([
    derive(RELAY_INFO.documentName),
    derive(RELAY_INFO.capability),
    derive(RELAY_INFO.encryptionKey),
  ]);
  const encryptionKey = await crypto.subtle.importKey('raw', keyBytes, { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']);
  const documentName = encodeBase64url(name) + (verify ? `.${verify}` : '');
  return { documentName, capability: encodeBase64url(capability), encryptionKey };
}

/** What a client that may edit signs with the entry's write key (Ed25519) to append: the document name. */
export function relayWriteMessage(documentName: string): Uint8Array<ArrayBuffer> {
  return utf8Bytes(`peerbook relay write v1\u0000${documentName}`);
}

/** A capability: base64url of 32 bytes. */
export const RELAY_DERIVED_VALUE = BASE64URL_32_BYTES;
/** A document name: a derived value, and the entry's public write key for an entry with read-only links. */
export const RELAY_DOCUMENT_NAME = /^[A-Za-z0-9_-]{43}(?:\.[A-Za-z0-9_-]{43})?$/;
/** An Ed25519 signature: base64url of 64 bytes. */
export const RELAY_WRITE_SIGNATURE = /^[A-Za-z0-9_-]{86}$/;
