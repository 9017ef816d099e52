import { encodeBase64url } from '../encoding/base64url';
import { utf8Bytes } from '../encoding/utf8';
import type { Bytes, RelayCrypto, RelayCryptoKey } from './relayCrypto';

/**
 * What a link holder derives from an entry's key for the relay (docs/FORMAT.md, "The relay").
 * Everything comes from the key alone, with HKDF-SHA256 and a distinct `info` per use, so the
 * relay learns neither the key nor the room, and one derived value tells nothing of another:
 *
 *   documentName  the relay document's name: another entry, another name; a new key, a new name
 *   capability    the token that proves to the relay that one may read and append
 *   encryptionKey AES-256-GCM, for the blobs
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
  writeCapability: 'peerbook relay v1 write capability',
} as const;

/** `entryKey` is the key exactly as in the invite link (`#key=…`), taken as its UTF-8 bytes. */
export async function deriveRelayKeys(entryKey: string, crypto: RelayCrypto): Promise<RelayKeys> {
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
  return { documentName: encodeBase64url(name), capability: encodeBase64url(capability), encryptionKey };
}

/**
 * For an entry with read-only links (docs/FORMAT.md, "Read-only links"): the capability that
 * lets a device holding the entry's write key append, derived from that key (which readers lack).
 * The relay token is then `<capability>.<write capability>`.
 */
export async function deriveRelayWriteCapability(writeKey: string, crypto: RelayCrypto): Promise<string> {
  const base = await crypto.subtle.importKey('raw', utf8Bytes(writeKey), 'HKDF', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits(
    { name: 'HKDF', hash: 'SHA-256', salt: utf8Bytes(RELAY_HKDF_SALT), info: utf8Bytes(RELAY_INFO.writeCapability) },
    base,
    256,
  );
  return encodeBase64url(new Uint8Array(bits));
}

/** A relay document name or capability: base64url of 32 bytes. */
export const RELAY_DERIVED_VALUE = /^[A-Za-z0-9_-]{43}$/;
