/**
 * y-webrtc's message crypto, imported by path in tests (the package exports only its provider):
 * the types of its own declaration file, dist/src/crypto.d.ts.
 */
declare module '*/y-webrtc/src/crypto.js' {
  export function deriveKey(secret: string, roomName: string): PromiseLike<CryptoKey>;
  export function encryptJson(data: unknown, key: CryptoKey | null): PromiseLike<Uint8Array>;
  export function decryptJson(data: Uint8Array, key: CryptoKey | null): PromiseLike<unknown>;
}
