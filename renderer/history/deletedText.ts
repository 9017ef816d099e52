import * as Y from 'yjs';

/**
 * The whole state of `doc` as it was just before `transaction`, as an update, for a listener of
 * the transaction's `beforeObserverCalls` or `afterTransaction` events: History saves it when a
 * peer's change deletes much of an entry, since once the change is applied there is no going
 * back to ask for it.
 *
 * Why this is sound: Yjs marks what a transaction deletes as deleted at once, but replaces the
 * deleted content (garbage collection) only after every observer has run, in the transaction's
 * cleanup. Until then the document holds everything the state before the transaction held. That
 * state is the snapshot whose state vector is the transaction's `beforeState` (nothing the
 * transaction inserted) and whose delete set is the document's minus the transaction's (what was
 * deleted before it). Yjs's createDocFromSnapshot refuses a document with garbage collection on,
 * because content deleted *before the snapshot* may be gone; here all such content is deleted in
 * the snapshot too, so it is never needed, and the refusal is lifted for the call only. The cost
 * is one encoding of the entry, paid only when this is called.
 */
export function encodeStateBefore(doc: Y.Doc, transaction: Y.Transaction): Uint8Array {
  const before = transaction.beforeState;
  const deletedBefore = deleteSetMinus(Y.createDeleteSetFromStructStore(doc.store), transaction.deleteSet, before);
  const collectsGarbage = doc.gc;
  doc.gc = false;
  let past: Y.Doc;
  try {
    past = Y.createDocFromSnapshot(doc, Y.createSnapshot(deletedBefore, before));
  } finally {
    doc.gc = collectsGarbage;
  }
  try {
    return Y.encodeStateAsUpdate(past);
  } finally {
    past.destroy();
  }
}

/** What `all` deletes that `later` does not, of the items below `below`'s clocks. */
type DeleteSet = ReturnType<typeof Y.createDeleteSet>;

function deleteSetMinus(all: DeleteSet, later: DeleteSet, below: Map<number, number>): DeleteSet {
  const result = Y.createDeleteSet();
  for (const [client, ranges] of all.clients) {
    const end = below.get(client) ?? 0;
    const removed = later.clients.get(client) ?? [];
    const kept: Array<{ clock: number; len: number }> = [];
    for (const range of ranges) {
      let start = range.clock;
      const stop = Math.min(range.clock + range.len, end);
      for (const cut of removed) {
        if (start >= stop) break;
        const cutEnd = cut.clock + cut.len;
        if (cutEnd <= start || cut.clock >= stop) continue;
        if (cut.clock > start) kept.push({ clock: start, len: cut.clock - start });
        start = Math.max(start, cutEnd);
      }
      if (start < stop) kept.push({ clock: start, len: stop - start });
    }
    if (kept.length > 0) result.clients.set(client, kept);
  }
  return result;
}

/** How many characters of text a transaction deleted (the title's and the body's, at any depth). */
export function charactersDeleted(transaction: Y.Transaction): number {
  let count = 0;
  Y.iterateDeletedStructs(transaction, transaction.deleteSet, (struct) => {
    if (struct instanceof Y.Item && struct.content instanceof Y.ContentString) count += struct.length;
  });
  return count;
}

/** How many characters of text the document shows now, in every shared type. */
export function charactersHeld(doc: Y.Doc): number {
  let count = 0;
  const visit = (type: { readonly _start: Y.Item | null }): void => {
    for (let item = type._start; item !== null; item = item.right) {
      if (item.deleted) continue;
      if (item.content instanceof Y.ContentString) count += item.length;
      else if (item.content instanceof Y.ContentType) visit(item.content.type);
    }
  };
  doc.share.forEach((type) => visit(type));
  return count;
}

/**
 * How many characters `earlier` (a backup, a saved version) shows that `later` (the entry now,
 * with `earlier` merged in) holds deleted: text that was deleted since, which merging cannot
 * bring back because the deletion is the newer change.
 */
export function charactersDeletedSince(earlier: Y.Doc, later: Y.Doc): number {
  const deleted = Y.createDeleteSetFromStructStore(later.store);
  let count = 0;
  earlier.store.clients.forEach((structs, client) => {
    const ranges = deleted.clients.get(client) ?? [];
    // Both are sorted by clock: one pass over each.
    let next = 0;
    for (const struct of structs) {
      if (!(struct instanceof Y.Item) || struct.deleted || !(struct.content instanceof Y.ContentString)) continue;
      const start = struct.id.clock;
      const end = start + struct.length;
      while (next < ranges.length && (ranges[next] as { clock: number; len: number }).clock + (ranges[next] as { len: number }).len <= start) next++;
      for (let at = next; at < ranges.length; at++) {
        const range = ranges[at] as { clock: number; len: number };
        if (range.clock >= end) break;
        count += Math.min(end, range.clock + range.len) - Math.max(start, range.clock);
      }
    }
  });
  return count;
}
