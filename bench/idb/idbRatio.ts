import * as Y from 'yjs';
import { DocPersistence } from '../../renderer/collab/docPersistence';
import { initEntryDoc, setEntryTitle } from '../../shared/entry/entryDoc';

/**
 * Storage stays proportional to content: one entry opened 100 times, with 10,000 edits in all
 * (typing, deleting, retitling), through Peerbook's own persistence in this browser's IndexedDB.
 * Reports the bytes stored over the size of the entry's encoded Yjs state.
 */
const NAME = `peerbook-bench-ratio-${Date.now()}`;

async function storedBytes(): Promise<number> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(NAME);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const all = await new Promise<Uint8Array[]>((resolve, reject) => {
    const request = db.transaction('updates', 'readonly').objectStore('updates').getAll();
    request.onsuccess = () => resolve(request.result as Uint8Array[]);
    request.onerror = () => reject(request.error);
  });
  db.close();
  return all.reduce((sum, update) => sum + update.byteLength, 0);
}

async function run(): Promise<{ ratio: number; storedBytes: number; stateBytes: number; edits: number; opens: number }> {
  let edits = 0;
  let finalState = 0;
  for (let open = 0; open < 100; open++) {
    const doc = new Y.Doc();
    const persistence = new DocPersistence(NAME, doc);
    await persistence.whenLoaded;
    if (open === 0) initEntryDoc(doc, { kind: 'lesson', createdAt: Date.now() });
    const body = doc.getText('bench-body');
    for (let i = 0; i < 100; i++, edits++) {
      if (i % 10 === 9 && body.length > 5) body.delete(body.length - 3, 3);
      else if (i % 25 === 0) setEntryTitle(doc, `Title after ${edits} edits`);
      else body.insert(body.length, `w${edits % 97} `);
    }
    await persistence.flush();
    finalState = Y.encodeStateAsUpdate(doc).byteLength;
    await persistence.close();
    doc.destroy();
  }
  const bytes = await storedBytes();
  return { ratio: bytes / finalState, storedBytes: bytes, stateBytes: finalState, edits, opens: 100 };
}

Object.assign(window, { idbRatio: run() });
