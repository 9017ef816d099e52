import type { Binding } from '@lexical/yjs';
import * as Y from 'yjs';

/**
 * Set by the patched Yjs binding (patches/@lexical+yjs+0.52.0.patch) on the transactions in
 * which it repairs the document after someone else's change: characters left without a text
 * node given one, Lexical's normalization merges. They are not the user's edits.
 */
const BINDING_REPAIR_META = 'peerbook:binding-repair';

/**
 * Ctrl+Z and Ctrl+Shift+Z of the body: a Yjs undo manager over the body's root that undoes only
 * this editor's own edits (the binding's origin; not `null`, which Lexical's createUndoManager
 * also tracks, so nobody's untagged write becomes this user's undo).
 *
 * - The binding's repairs are left out: they belong to nobody's undo, and capturing one would
 *   also clear this user's redo stack whenever a peer's change needed a repair.
 * - An undo never deletes a text node's map while characters are still behind it, nor a block
 *   while something is still in it, nor what such a node was created with. The undo deletes its
 *   own content first (Yjs deletes newest first), so what is left is a peer's: the words a
 *   colleague typed right after my first words of a paragraph, or into the paragraph I added.
 *   Deleting the map or the block would delete those words for everyone.
 */
export function createBodyUndoManager(binding: Binding, rootXmlText: Y.XmlText): Y.UndoManager {
  return new Y.UndoManager(rootXmlText, {
    trackedOrigins: new Set([binding]),
    captureTransaction: (transaction) => !binding.isBootstrapping && !transaction.meta.has(BINDING_REPAIR_META),
    deleteFilter: (item) => !staysForOthers(item),
  });
}

function staysForOthers(item: Y.Item): boolean {
  if (item.parentSub === null) return holdsLiveContent(item);
  // An attribute. Its first value says what the node is (`__type`, a text node's format): it
  // stays with a node that stays, which would otherwise be left without a type. Later values
  // (ticking an item, making text bold) are undone as usual.
  const owner = (item.parent as Y.AbstractType<unknown>)._item;
  return item.left === null && owner !== null && owner.parentSub === null && !owner.deleted && holdsLiveContent(owner);
}

function holdsLiveContent(item: Y.Item): boolean {
  if (!(item.content instanceof Y.ContentType)) return false;
  const type = item.content.type;
  if (type instanceof Y.Map) {
    // A text node is its map followed by its characters, up to the next embedded node.
    for (let next = item.right; next !== null; next = next.right) {
      if (next.deleted) continue;
      if (next.content instanceof Y.ContentString) return true;
      if (next.countable) return false;
    }
    return false;
  }
  for (let child = type._start; child !== null; child = child.right) {
    if (!child.deleted && child.countable) return true;
  }
  return false;
}
