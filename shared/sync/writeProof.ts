import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { BASE64URL_32_BYTES, decodeBase64url } from '../encoding/base64url';

/**
 * Read-only links, enforced by the peers (docs/FORMAT.md, "Read-only links"). An entry shared
 * with read-only links has a write key pair (Ed25519): every link names the public key (`verify`),
 * only links that may edit carry the private key (`write`). Readers meet the entry in its read
 * room (shared/sync/readRoom.ts), where every data channel is challenged: a side that holds the
 * write key answers a challenge with a signature over the room, the nonce and both ends' DTLS
 * fingerprints, so a proof cannot be replayed on another connection or passed through by someone
 * in the middle. There, a peer applies document changes only from connections that proved the
 * write key.
 *
 * This module is the wire format; the signatures (Ed25519, WebCrypto) are made and checked in
 * renderer/collab/writeKeys.ts.
 */

/** The first byte of the messages of this protocol on a data channel (y-webrtc's own are 0–4). */
export const WRITE_PROOF_MESSAGE = 117;

const CHALLENGE = 0;
const PROOF = 1;
/** "I hold no write key": a reader says so at once, so its peers need not wait for a proof. */
const NO_PROOF = 2;

export const WRITE_PROOF_NONCE_BYTES = 16;
const SIGNATURE_BYTES = 64;
const PROOF_CONTEXT = 'peerbook write proof v1';

export type WriteProofMessage =
  | { readonly kind: 'challenge'; readonly nonce: Uint8Array }
  | { readonly kind: 'proof'; readonly signature: Uint8Array }
  | { readonly kind: 'no-proof' };

export class WriteProofError extends Error {
  constructor(readonly problem: string) {
    super(`Write proof refused: ${problem}`);
    this.name = 'WriteProofError';
  }
}

/** An entry's write key pair, as its links carry them (base64url: 32 bytes each). */
export interface WriteKeys {
  /** The private key (Ed25519 seed): only in links that may edit. */
  readonly write: string;
  /** The public key: in every link of a protected entry. */
  readonly verify: string;
}

/** A write key or public key as links carry it: base64url of 32 bytes. */
export const WRITE_KEY_TEXT = BASE64URL_32_BYTES;

export function encodeWriteProofMessage(message: WriteProofMessage): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, WRITE_PROOF_MESSAGE);
  if (message.kind === 'challenge') {
    encoding.writeVarUint(encoder, CHALLENGE);
    encoding.writeVarUint8Array(encoder, message.nonce);
  } else if (message.kind === 'proof') {
    encoding.writeVarUint(encoder, PROOF);
    encoding.writeVarUint8Array(encoder, message.signature);
  } else {
    encoding.writeVarUint(encoder, NO_PROOF);
  }
  return encoding.toUint8Array(encoder);
}

/** A message of this protocol, or null for any other message (y-webrtc's). Throws on a malformed one. */
export function decodeWriteProofMessage(bytes: Uint8Array): WriteProofMessage | null {
  if (bytes[0] !== WRITE_PROOF_MESSAGE) return null;
  try {
    const decoder = decoding.createDecoder(bytes);
    decoding.readVarUint(decoder);
    const kind = decoding.readVarUint(decoder);
    let message: WriteProofMessage;
    if (kind === CHALLENGE) message = { kind: 'challenge', nonce: decoding.readVarUint8Array(decoder) };
    else if (kind === PROOF) message = { kind: 'proof', signature: decoding.readVarUint8Array(decoder) };
    else if (kind === NO_PROOF) message = { kind: 'no-proof' };
    else throw new WriteProofError(`unknown kind ${kind}`);
    if (decoding.hasContent(decoder)) throw new WriteProofError('trailing bytes');
    if (message.kind === 'challenge' && message.nonce.byteLength !== WRITE_PROOF_NONCE_BYTES) throw new WriteProofError('a nonce of the wrong size');
    if (message.kind === 'proof' && message.signature.byteLength !== SIGNATURE_BYTES) throw new WriteProofError('a signature of the wrong size');
    return message;
  } catch (cause) {
    throw cause instanceof WriteProofError ? cause : new WriteProofError('malformed');
  }
}

/** What a proof signs: the room, the verifier's nonce, the prover's and the verifier's DTLS fingerprints. */
export function writeProofPayload(room: string, nonce: Uint8Array, proverFingerprint: string, verifierFingerprint: string): Uint8Array<ArrayBuffer> {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, PROOF_CONTEXT);
  encoding.writeVarString(encoder, room);
  encoding.writeVarUint8Array(encoder, nonce);
  encoding.writeVarString(encoder, proverFingerprint.toLowerCase());
  encoding.writeVarString(encoder, verifierFingerprint.toLowerCase());
  return new Uint8Array(encoding.toUint8Array(encoder));
}

/** The bytes of a write key or public key as links carry them, or a WriteProofError. */
export function writeKeyBytes(text: string): Uint8Array<ArrayBuffer> {
  const bytes = WRITE_KEY_TEXT.test(text) ? decodeBase64url(text) : null;
  if (bytes === null || bytes.byteLength !== 32) throw new WriteProofError('not a write key');
  return bytes;
}
