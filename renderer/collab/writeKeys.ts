import { writeKeyBytes, writeProofPayload, type WriteKeys } from '../../shared/sync/writeProof';

/**
 * An entry's write key pair (Ed25519, WebCrypto) for read-only links: made when an entry is
 * first shared, carried by links as base64url (shared/sync/writeProof.ts), used to prove on each
 * peer connection that this device may edit, and to check the proofs of others.
 */

export async function createWriteKeys(): Promise<WriteKeys> {
  const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])) as CryptoKeyPair;
  const jwk = await crypto.subtle.exportKey('jwk', pair.privateKey);
  if (!jwk.d || !jwk.x) throw new Error('This browser cannot make the keys read-only links need (Ed25519).');
  return { write: jwk.d, verify: jwk.x };
}

export interface ProofContext {
  readonly room: string;
  readonly nonce: Uint8Array;
  readonly proverFingerprint: string;
  readonly verifierFingerprint: string;
}

/** An Ed25519 signature of `payload` by the write key. */
export async function signWithWriteKey(keys: WriteKeys, payload: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  writeKeyBytes(keys.write);
  writeKeyBytes(keys.verify);
  const key = await crypto.subtle.importKey('jwk', { kty: 'OKP', crv: 'Ed25519', x: keys.verify, d: keys.write }, { name: 'Ed25519' }, false, ['sign']);
  return new Uint8Array(await crypto.subtle.sign({ name: 'Ed25519' }, key, payload));
}

export function signWriteProof(keys: WriteKeys, context: ProofContext): Promise<Uint8Array> {
  return signWithWriteKey(keys, writeProofPayload(context.room, context.nonce, context.proverFingerprint, context.verifierFingerprint));
}

/** True when `signature` proves the write key on this connection; false for anything else. */
export async function verifyWriteProof(verify: string, signature: Uint8Array, context: ProofContext): Promise<boolean> {
  try {
    const key = await crypto.subtle.importKey('raw', writeKeyBytes(verify), { name: 'Ed25519' }, false, ['verify']);
    const payload = writeProofPayload(context.room, context.nonce, context.proverFingerprint, context.verifierFingerprint);
    return await crypto.subtle.verify({ name: 'Ed25519' }, key, new Uint8Array(signature), payload);
  } catch {
    return false;
  }
}
