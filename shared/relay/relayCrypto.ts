/**
 * The part of WebCrypto that the relay's keys and envelope use, typed structurally: shared/ has
 * neither DOM nor Node types, and both the browser's `crypto` and Node's `globalThis.crypto`
 * fit this shape, so callers pass theirs in.
 */
export type Bytes = Uint8Array<ArrayBuffer>;

/** A key WebCrypto made; opaque here. */
export interface RelayCryptoKey {
  readonly type: string;
}

export interface RelayHkdfParams {
  readonly name: 'HKDF';
  readonly hash: 'SHA-256';
  readonly salt: Bytes;
  readonly info: Bytes;
}

export interface RelayAesGcmParams {
  readonly name: 'AES-GCM';
  readonly iv: Bytes;
  readonly additionalData: Bytes;
}

export interface RelaySubtleCrypto {
  importKey(format: 'raw', keyData: Bytes, algorithm: 'HKDF' | { readonly name: 'AES-GCM' }, extractable: false, keyUsages: ('deriveBits' | 'encrypt' | 'decrypt')[]): Promise<RelayCryptoKey>;
  deriveBits(algorithm: RelayHkdfParams, baseKey: RelayCryptoKey, length: number): Promise<ArrayBuffer>;
  encrypt(algorithm: RelayAesGcmParams, key: RelayCryptoKey, data: Bytes): Promise<ArrayBuffer>;
  decrypt(algorithm: RelayAesGcmParams, key: RelayCryptoKey, data: Bytes): Promise<ArrayBuffer>;
}

export interface RelayCrypto {
  readonly subtle: RelaySubtleCrypto;
  getRandomValues<T extends Bytes>(array: T): T;
}
