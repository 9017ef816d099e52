import { encodeBase64url } from '../encoding/base64url';
import type { Bytes, RelayCrypto } from './relayCrypto';
import { utf8Bytes } from '../encoding/utf8';
import type { RelayKeys } from './relayKeys';

/**
 * One blob in a relay document: a Yjs update (or a snapshot of a whole entry) encrypted with
 * AES-256-GCM under the entry's relay key (docs/FORMAT.md, "The envelope").
 *
 *   offset  bytes  field
 *   0       1      version, 1
 *   1       1      kind: 1 update, 2 snapshot
 *   2       16     author: random, one per writer (a device's session with the entry)
 *   18      4      counter: big-endian, 0, 1, 2, … per author
 *   22      12     IV, random
 *   34      n+16   ciphertext of the n bytes, then GCM's tag
 *
 * The 22 header bytes travel in clear (the relay checks their shape) and are authenticated with
 * the relay document's name as additional data, so a blob moved to another document, or with
 * its author, counter or kind changed, does not open.
 */
export const RELAY_ENVELOPE_VERSION = 1;
export const RELAY_BLOB_KINDS = { update: 1, snapshot: 2 } as const;
export type RelayBlobKind = keyof typeof RELAY_BLOB_KINDS;

export const RELAY_AUTHOR_BYTES = 16;
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const RELAY_HEADER_BYTES = 2 + RELAY_AUTHOR_BYTES + 4;
export const RELAY_ENVELOPE_OVERHEAD = RELAY_HEADER_BYTES + IV_BYTES + TAG_BYTES;
/** A snapshot of the largest entries measured (5,000 paragraphs, ~700 KB) fits many times over. */
export const MAX_RELAY_BLOB_BYTES = 8 * 1024 * 1024;
const MAX_COUNTER = 0xffff_ffff;

export interface RelayEnvelopeHeader {
  readonly kind: RelayBlobKind;
  /** base64url of the author's 16 bytes. */
  readonly author: string;
  readonly counter: number;
}

export type RelayEnvelopeProblem = 'malformed' | 'unsupported-version' | 'too-large' | 'tampered' | 'replayed';

/** Every blob that cannot be used yields one of these; nothing else is thrown for bad input. */
export class RelayEnvelopeError extends Error {
  constructor(
    readonly problem: RelayEnvelopeProblem,
    detail: string,
  ) {
    super(`relay blob ${problem}: ${detail}`);
    this.name = 'RelayEnvelopeError';
  }
}

/** Checks a blob's shape without the key (the relay does this for every append). */
export function readRelayEnvelopeHeader(blob: unknown): RelayEnvelopeHeader {
  if (!(blob instanceof Uint8Array)) throw new RelayEnvelopeError('malformed', 'not bytes');
  if (blob.byteLength > MAX_RELAY_BLOB_BYTES) throw new RelayEnvelopeError('too-large', `${blob.byteLength} bytes`);
  if (blob.byteLength < RELAY_ENVELOPE_OVERHEAD) throw new RelayEnvelopeError('malformed', `${blob.byteLength} bytes is shorter than any envelope`);
  if (blob[0] !== RELAY_ENVELOPE_VERSION) throw new RelayEnvelopeError('unsupported-version', `version ${String(blob[0])}`);
  const kind = blob[1] === RELAY_BLOB_KINDS.update ? 'update' : blob[1] === RELAY_BLOB_KINDS.snapshot ? 'snapshot' : null;
  if (kind === null) throw new RelayEnvelopeError('malformed', `kind ${String(blob[1])}`);
  const author = encodeBase64url(blob.subarray(2, 2 + RELAY_AUTHOR_BYTES));
  const counter = new DataView(blob.buffer, blob.byteOffset, blob.byteLength).getUint32(2 + RELAY_AUTHOR_BYTES);
  return { kind, author, counter };
}

function additionalData(documentName: string, blob: Uint8Array): Bytes {
  const name = utf8Bytes(documentName);
  const data = new Uint8Array(name.byteLength + RELAY_HEADER_BYTES);
  data.set(name);
  data.set(blob.subarray(0, RELAY_HEADER_BYTES), name.byteLength);
  return data;
}

type EnvelopeKeys = Pick<RelayKeys, 'documentName' | 'encryptionKey'>;

/** A fresh author id: one per writer, so that (author, counter) never repeats. */
export function createRelayAuthor(crypto: RelayCrypto): Bytes {
  return crypto.getRandomValues(new Uint8Array(RELAY_AUTHOR_BYTES));
}

export async function sealRelayEnvelope(
  crypto: RelayCrypto,
  keys: EnvelopeKeys,
  header: { readonly kind: RelayBlobKind; readonly author: Uint8Array; readonly counter: number },
  plaintext: Uint8Array,
): Promise<Bytes> {
  if (header.author.byteLength !== RELAY_AUTHOR_BYTES) throw new RangeError(`an author is ${RELAY_AUTHOR_BYTES} bytes`);
  if (!Number.isInteger(header.counter) || header.counter < 0 || header.counter > MAX_COUNTER) throw new RangeError('counter out of range');
  if (plaintext.byteLength + RELAY_ENVELOPE_OVERHEAD > MAX_RELAY_BLOB_BYTES) {
    throw new RelayEnvelopeError('too-large', `${plaintext.byteLength} bytes to seal`);
  }
  const prefix = new Uint8Array(RELAY_HEADER_BYTES + IV_BYTES);
  prefix[0] = RELAY_ENVELOPE_VERSION;
  prefix[1] = RELAY_BLOB_KINDS[header.kind];
  prefix.set(header.author, 2);
  new DataView(prefix.buffer).setUint32(2 + RELAY_AUTHOR_BYTES, header.counter);
  prefix.set(crypto.getRandomValues(new Uint8Array(IV_BYTES)), RELAY_HEADER_BYTES);
  const ciphertext = new Uint8Array(
    await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv: prefix.slice(RELAY_HEADER_BYTES), additionalData: additionalData(keys.documentName, prefix) },
      keys.encryptionKey,
      new Uint8Array(plaintext),
    ),
  );
  const blob = new Uint8Array(prefix.byteLength + ciphertext.byteLength);
  blob.set(prefix);
  blob.set(ciphertext, prefix.byteLength);
  return blob;
}

export interface OpenedRelayEnvelope {
  readonly header: RelayEnvelopeHeader;
  readonly plaintext: Bytes;
}

/**
 * Opens the blobs of one relay document, each (author, counter) once: a blob seen before is
 * refused as `replayed`, one that fails authentication as `tampered`.
 */
export class RelayEnvelopeOpener {
  private readonly seen = new Set<string>();

  constructor(
    private readonly crypto: RelayCrypto,
    private readonly keys: EnvelopeKeys,
  ) {}

  async open(blob: unknown): Promise<OpenedRelayEnvelope> {
    const header = readRelayEnvelopeHeader(blob);
    const bytes = blob as Uint8Array;
    const id = `${header.author}:${header.counter}`;
    if (this.seen.has(id)) throw new RelayEnvelopeError('replayed', `author ${header.author} counter ${header.counter} again`);
    let plaintext: ArrayBuffer;
    try {
      plaintext = await this.crypto.subtle.decrypt(
        {
          name: 'AES-GCM',
          iv: bytes.slice(RELAY_HEADER_BYTES, RELAY_HEADER_BYTES + IV_BYTES),
          additionalData: additionalData(this.keys.documentName, bytes),
        },
        this.keys.encryptionKey,
        bytes.slice(RELAY_HEADER_BYTES + IV_BYTES),
      );
    } catch {
      throw new RelayEnvelopeError('tampered', 'authentication failed (another key, another document, or changed bytes)');
    }
    // Checked again: another open of the same blob may have finished while this one decrypted.
    if (this.seen.has(id)) throw new RelayEnvelopeError('replayed', `author ${header.author} counter ${header.counter} again`);
    this.seen.add(id);
    return { header, plaintext: new Uint8Array(plaintext) };
  }
}
