import type * as Y from 'yjs';
import { readRelayEnvelopeHeader } from '../../shared/relay/relayEnvelope';

/**
 * How an entry's relay log stays proportional to the entry (docs/FORMAT.md, "The relay
 * document"): past the policy's bounds, a device appends an encrypted snapshot of the whole
 * entry and deletes the blobs whose content the snapshot holds (relaySync.ts).
 */

/** When the log is compacted: past this many blobs, or past this many bytes beyond its latest snapshot (and at least the snapshot's size again). */
export interface RelayCompactionPolicy {
  readonly maxBlobs: number;
  readonly minLogBytes: number;
}

export const DEFAULT_RELAY_COMPACTION: RelayCompactionPolicy = { maxBlobs: 200, minLogBytes: 64 * 1024 };

export function isCompactionDue(blobs: readonly Uint8Array[], policy: RelayCompactionPolicy): boolean {
  if (blobs.length > policy.maxBlobs) return true;
  let latestSnapshot = 0;
  let total = 0;
  for (const blob of blobs) {
    total += blob.byteLength;
    try {
      if (readRelayEnvelopeHeader(blob).kind === 'snapshot') latestSnapshot = blob.byteLength;
    } catch {
      // Unusable blobs count towards the log; a compaction removes them.
    }
  }
  return total - latestSnapshot > Math.max(policy.minLogBytes, latestSnapshot);
}

/** Appends `blob`; returns the array's own copy (Yjs copies bytes on insert), by which later reads know it. */
export function pushBlob(blobs: Y.Array<Uint8Array>, blob: Uint8Array): Uint8Array {
  blobs.push([blob]);
  return blobs.get(blobs.length - 1);
}

/**
 * Appends `snapshot` and deletes the blobs it covers (call inside one transaction); returns the
 * log's copy of the snapshot. Blobs it does not cover (appended meanwhile by another device)
 * stay, so two devices compacting at once both keep everything.
 */
export function replaceCoveredBlobs(blobs: Y.Array<Uint8Array>, snapshot: Uint8Array, covered: ReadonlySet<Uint8Array>): Uint8Array {
  const before = blobs.toArray();
  const own = pushBlob(blobs, snapshot);
  for (let index = before.length - 1; index >= 0; index -= 1) {
    if (covered.has(before[index] as Uint8Array)) blobs.delete(index, 1);
  }
  return own;
}
