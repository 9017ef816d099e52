import * as Y from 'yjs';

/**
 * Another program writing into an entry's body with plain Yjs (a stock client, or anyone holding
 * the link): it receives the entry, writes, and sends the update it made.
 */
export function stockClientUpdate(entry: Y.Doc, write: (root: Y.XmlText) => void): Uint8Array {
  const stock = new Y.Doc();
  Y.applyUpdate(stock, Y.encodeStateAsUpdate(entry));
  const before = Y.encodeStateVector(stock);
  stock.transact(() => write(stock.get('root', Y.XmlText)));
  return Y.encodeStateAsUpdate(stock, before);
}

/** The block at `index` of a body, as a stock client reads it. */
export function blockAt(root: Y.XmlText, index: number): Y.XmlText {
  const block = root.toDelta()[index]?.insert;
  if (!(block instanceof Y.XmlText)) throw new Error(`no block ${index} in the document`);
  return block;
}
