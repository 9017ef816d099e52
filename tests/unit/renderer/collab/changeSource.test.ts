import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { DOC_ORIGINS } from '../../../../shared/doc/docOrigins';
import { classifyChange, isFromElsewhere, type ChangeSource } from '../../../../renderer/collab/changeSource';

/** The source of each transaction a document goes through, as its observers are told. */
function sourcesOf(doc: Y.Doc, isLoadOrigin: (origin: unknown) => boolean): ChangeSource[] {
  const sources: ChangeSource[] = [];
  doc.on('afterTransaction', (transaction: Y.Transaction) => sources.push(classifyChange(transaction, isLoadOrigin)));
  return sources;
}

describe('where a change to an entry came from', () => {
  it('tells the load, this device, a peer, the relay, a restore and an import apart', () => {
    const load = {};
    const peerRoom = { name: 'room' };
    const peer = new Y.Doc();
    peer.getText('body').insert(0, 'from Ben');
    const fromPeer = Y.encodeStateAsUpdate(peer);

    const doc = new Y.Doc();
    const sources = sourcesOf(doc, (origin) => origin === load);
    Y.applyUpdate(doc, fromPeer, load);
    doc.transact(() => doc.getText('body').insert(0, 'typed '), DOC_ORIGINS.editor);
    peer.getText('body').insert(0, 'more ');
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(peer, Y.encodeStateVector(doc)), peerRoom);
    Y.applyUpdate(doc, fromPeer, DOC_ORIGINS.relay);
    doc.transact(() => doc.getText('body').insert(0, 'back '), DOC_ORIGINS.restore);
    doc.transact(() => doc.getText('body').insert(0, '# Notes '), DOC_ORIGINS.import);
    // The editor's own edits are copied in as applied updates: not local to Yjs, local all the same.
    Y.applyUpdate(doc, fromPeer, DOC_ORIGINS.editor);

    expect(sources).toEqual(['load', 'local', 'peer', 'relay', 'restore', 'import', 'local']);
    expect(sources.map(isFromElsewhere)).toEqual([false, false, true, true, false, false, false]);
  });
});
