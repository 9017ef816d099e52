import { fromBase64, toBase64 } from 'lib0/buffer';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

/**
 * Messages on a room's signaling topic, encrypted the way y-webrtc encrypts its own: an AES-GCM
 * key derived from the room's password (the invite link's key) with PBKDF2 (SHA-256, 100,000
 * iterations, the room name as salt), and the message as lib0's `writeAny` encoding of an object,
 * sent as base64 of [`AES-GCM`, iv, ciphertext]. Stock y-webrtc clients in the room decrypt these
 * and ignore them (their type is unknown to them); anyone without the key can read or forge none.
 */

export class RoomMessageError extends Error {
  constructor(reason: string) {
    super(`Unreadable room message: ${reason}`);
    this.name = 'RoomMessageError';
  }
}

const keys = new Map<string, Promise<CryptoKey>>();

/** The room's message key (cached: deriving it costs 100,000 PBKDF2 rounds). */
export function roomKey(room: string, secret: string): Promise<CryptoKey> {
  const id = `${room}\u0000${secret}`;
  let key = keys.get(id);
  if (!key) {
    const encoder = new TextEncoder();
    key = crypto.subtle
      .importKey('raw', encoder.encode(secret), 'PBKDF2', false, ['deriveKey'])
      .then((material) =>
        crypto.subtle.deriveKey({ name: 'PBKDF2', salt: encoder.encode(room), iterations: 100_000, hash: 'SHA-256' }, material, { name: 'AES-GCM', length: 256 }, false, [
          'encrypt',
          'decrypt',
        ]),
      );
    keys.set(id, key);
  }
  return key;
}

/** `message` sealed for the room: any object lib0's `writeAny` encodes (y-webrtc's own signaling messages too). */
export async function encryptRoomMessage(key: CryptoKey, message: Readonly<Record<string, unknown>>): Promise<string> {
  const plain = encoding.createEncoder();
  encoding.writeAny(plain, message as Parameters<typeof encoding.writeAny>[1]);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const cipher = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, encoding.toUint8Array(plain)));
  const sealed = encoding.createEncoder();
  encoding.writeVarString(sealed, 'AES-GCM');
  encoding.writeVarUint8Array(sealed, iv);
  encoding.writeVarUint8Array(sealed, cipher);
  return toBase64(encoding.toUint8Array(sealed));
}

/** The message, or a RoomMessageError for anything malformed, tampered with or under another key. */
export async function decryptRoomMessage(key: CryptoKey, data: unknown): Promise<unknown> {
  if (typeof data !== 'string' || data.length > 64 * 1024) throw new RoomMessageError('not a short base64 string');
  let iv: Uint8Array<ArrayBuffer>;
  let cipher: Uint8Array<ArrayBuffer>;
  try {
    const sealed = decoding.createDecoder(fromBase64(data));
    if (decoding.readVarString(sealed) !== 'AES-GCM') throw new Error('unknown algorithm');
    // Copies: WebCrypto takes bytes of an ArrayBuffer of their own.
    iv = new Uint8Array(decoding.readVarUint8Array(sealed));
    cipher = new Uint8Array(decoding.readVarUint8Array(sealed));
  } catch (cause) {
    throw new RoomMessageError(cause instanceof Error ? cause.message : 'malformed');
  }
  let plain: ArrayBuffer;
  try {
    plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv }, key, cipher);
  } catch {
    throw new RoomMessageError('another key, or tampered with');
  }
  try {
    return decoding.readAny(decoding.createDecoder(new Uint8Array(plain)));
  } catch {
    throw new RoomMessageError('not an encoded object');
  }
}

/**
 * A short fingerprint of what a document holds (its state vector and delete set): two devices
 * with the same fingerprint hold the same entry, so they have nothing to exchange.
 */
export async function stateDigest(doc: Y.Doc): Promise<string> {
  const snapshot = new Uint8Array(Y.encodeSnapshot(Y.snapshot(doc)));
  const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', snapshot));
  return toBase64(hash.subarray(0, 16));
}
