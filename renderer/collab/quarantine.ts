import {
  deleteDatabase,
  openQuarantineDatabase,
  openStoredDatabase,
  quarantinedDatabaseName,
} from '../storage/deviceDatabases';
import { CorruptDocumentError } from './docPersistence';

/**
 * Sets a database whose content cannot be read aside: its records are copied, untouched, to
 * `<name>-quarantined-<time>` (for recovery by hand or by a later Peerbook), and the original is
 * deleted so the app can start afresh where it was. Returns the quarantine database's name.
 */
export async function quarantineDatabase(name: string, now: number): Promise<string> {
  const target = quarantinedDatabaseName(name, now);
  const source = await openStoredDatabase(name);
  const copy = await openQuarantineDatabase(target);
  for (const storeName of [...source.objectStoreNames]) {
    const records: unknown[] = await source.getAll(storeName);
    const tx = copy.transaction('records', 'readwrite');
    await Promise.all([...records.map((record) => tx.store.add({ store: storeName, record })), tx.done]);
  }
  source.close();
  copy.close();
  await deleteDatabase(name);
  return target;
}

export function isCorruptDocument(cause: unknown): cause is CorruptDocumentError {
  return cause instanceof CorruptDocumentError;
}
