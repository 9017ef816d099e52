import * as Y from 'yjs';
import { MAX_RELAY_BLOB_BYTES, readRelayEnvelopeHeader, RelayEnvelopeError } from './relayEnvelope';

/**
 * The relay document (docs/FORMAT.md, "The relay document"): one per shared entry, named by a
 * value derived from the entry's key, holding one top-level `Y.Array` of envelopes
 * (relayEnvelope.ts), each a `Uint8Array`. Writers append; a compaction appends a snapshot and
 * deletes the blobs the snapshot covers. Nothing else is ever in it.
 */
export const RELAY_BLOBS_KEY = 'blobs';

export function relayBlobs(doc: Y.Doc): Y.Array<Uint8Array> {
  return doc.getArray<Uint8Array>(RELAY_BLOBS_KEY);
}

export interface RelayUpdateLimits {
  /** Largest envelope, header and tag included. */
  readonly maxBlobBytes: number;
  /** Blobs one update may append. */
  readonly maxBlobsPerUpdate: number;
}

export const DEFAULT_RELAY_UPDATE_LIMITS: RelayUpdateLimits = {
  maxBlobBytes: MAX_RELAY_BLOB_BYTES,
  maxBlobsPerUpdate: 256,
};

export type RelayUpdateProblem = 'undecodable' | 'not-a-blob' | 'wrong-place' | 'bad-envelope' | 'too-large' | 'too-many-blobs';

export class RelayUpdateError extends Error {
  constructor(
    readonly problem: RelayUpdateProblem,
    detail: string,
  ) {
    super(`relay update refused (${problem}): ${detail}`);
    this.name = 'RelayUpdateError';
  }
}

export interface RelayUpdateSummary {
  /** Envelopes the update appends. */
  readonly blobs: number;
  readonly blobBytes: number;
  /** Whether it deletes anything (a compaction does). */
  readonly deletes: boolean;
}

/**
 * Checks a Yjs update (v1) sent to a relay document, without the key: it may only append
 * well-formed envelopes to `blobs` and delete. Inserted items must hold binary content (an
 * envelope) or deleted content; map entries, text, nested types or any other root are refused.
 * An item names its parent only when it has no neighbour; otherwise it inherits its neighbour's,
 * and every item the document holds was checked by this function, so it is in `blobs` too.
 */
export function checkRelayUpdate(update: Uint8Array, limits: RelayUpdateLimits = DEFAULT_RELAY_UPDATE_LIMITS): RelayUpdateSummary {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch {
    throw new RelayUpdateError('undecodable', `${update.byteLength} bytes that are not a Yjs update`);
  }
  let blobs = 0;
  let blobBytes = 0;
  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item)) continue; // GC and Skip ranges carry no content
    if (struct.parentSub !== null) throw new RelayUpdateError('wrong-place', 'a map entry');
    // Decoded, not integrated: a parent is the root's name (a string), a nested type's ID, or absent.
    const parent: unknown = struct.parent;
    if (parent !== null && parent !== RELAY_BLOBS_KEY) throw new RelayUpdateError('wrong-place', 'an item outside blobs');
    if (struct.content instanceof Y.ContentDeleted) continue;
    if (!(struct.content instanceof Y.ContentBinary)) throw new RelayUpdateError('not-a-blob', struct.content.constructor.name);
    const blob = struct.content.content;
    if (blob.byteLength > limits.maxBlobBytes) throw new RelayUpdateError('too-large', `a blob of ${blob.byteLength} bytes`);
    try {
      readRelayEnvelopeHeader(blob);
    } catch (error) {
      if (error instanceof RelayEnvelopeError) throw new RelayUpdateError('bad-envelope', error.problem);
      throw error;
    }
    blobs += 1;
    blobBytes += blob.byteLength;
    if (blobs > limits.maxBlobsPerUpdate) throw new RelayUpdateError('too-many-blobs', `more than ${limits.maxBlobsPerUpdate}`);
  }
  return { blobs, blobBytes, deletes: decoded.ds.clients.size > 0 };
}
