import type * as Y from 'yjs';

/**
 * Records the origin of every update `doc` emits from now on: one entry per transaction that
 * changed something. A write that changes nothing leaves no entry.
 */
export function recordUpdateOrigins(doc: Y.Doc): unknown[] {
  const origins: unknown[] = [];
  doc.on('update', (_update: Uint8Array, origin: unknown) => origins.push(origin));
  return origins;
}
