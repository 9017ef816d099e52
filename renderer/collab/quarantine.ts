import { CorruptDocumentError } from './docPersistence';

/**
 * Sets a database whose content cannot be read aside: its records are copied, untouched, to
 * `<name>-quarantined-<time>` (for recovery by hand or by a later Peerbook), and the original is
 * deleted so the app can start afresh where it was. Returns the quarantine database's name.
 */
export async function quarantineDatabase(name: string, now: number): Promise<string> {
  const target = `${name}-quarantined-${now}`;
  const open = (dbName: string, create: boolean): Promise<IDBDatabase> =>
    new Promise((resolve, reject) => {
      const request = indexedDB.open(dbName);
      request.onupgradeneeded = () => {
        if (create) request.result.createObjectStore('records', { autoIncrement: true });
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error(`Could not open ${dbName}`));
    });
  const source = await open(name, false);
  const copy = await open(target, true);
  for (const storeName of [...source.objectStoreNames]) {
    const records = await new Promise<unknown[]>((resolve, reject) => {
      const request = source.transaction(storeName, 'readonly').objectStore(storeName).getAll();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('read failed'));
    });
    await new Promise<void>((resolve, reject) => {
      const tx = copy.transaction('records', 'readwrite');
      for (const record of records) tx.objectStore('records').add({ store: storeName, record });
      tx.oncomplete = () => resolve();
      tx.onerror = tx.onabort = () => reject(tx.error ?? new Error('copy failed'));
    });
  }
  source.close();
  copy.close();
  await new Promise<void>((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error ?? new Error(`Could not delete ${name}`));
    request.onblocked = () => resolve();
  });
  return target;
}

export function isCorruptDocument(cause: unknown): cause is CorruptDocumentError {
  return cause instanceof CorruptDocumentError;
}

/** Every entry database on this device (for rebuilding a library that had to be set aside). */
export async function storedEntryDatabaseNames(prefix: string): Promise<string[]> {
  const databases = await indexedDB.databases();
  return databases
    .map((database) => database.name ?? '')
    .filter((name) => name.startsWith(prefix) && !name.includes('-quarantined-'));
}
