/**
 * What is stored on this (fake) device, read straight from IndexedDB the way a person with the
 * browser's storage inspector would look at it.
 */

/** The names of the IndexedDB databases on the device. */
export async function databaseNames(): Promise<string[]> {
  return (await indexedDB.databases()).flatMap((database) => (database.name ? [database.name] : []));
}

/** The records of one document's y-indexeddb 'updates' store. Reading never creates the database. */
export async function readStoredUpdates(databaseName: string): Promise<Uint8Array[]> {
  if (!(await databaseNames()).includes(databaseName)) return [];
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(databaseName);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  try {
    return await new Promise<Uint8Array[]>((resolve, reject) => {
      const request = db.transaction(['updates'], 'readonly').objectStore('updates').getAll();
      request.onsuccess = () => resolve(request.result as Uint8Array[]);
      request.onerror = () => reject(request.error);
    });
  } finally {
    db.close();
  }
}

/** How many bytes the document's stored updates take. */
export async function storedBytes(databaseName: string): Promise<number> {
  const updates = await readStoredUpdates(databaseName);
  return updates.reduce((sum, update) => sum + update.byteLength, 0);
}

/** Damages a stored document the way a bad disk or a bug would: a record that is not a Yjs update. */
export async function damageStoredDocument(databaseName: string): Promise<void> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(databaseName);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  await new Promise<void>((resolve, reject) => {
    const tx = db.transaction('updates', 'readwrite');
    tx.objectStore('updates').add(new Uint8Array([1, 255, 255, 255, 255, 255, 7, 7, 7]));
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  db.close();
}
