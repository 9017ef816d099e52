import { isEntryId, type EntryId } from '../../shared/entry/entryId';
import { versionsToDelete } from './versionRetention';

/**
 * Saved versions of entries, on this device: each a full Yjs state of the entry at that moment,
 * in its own IndexedDB database. Versions sit beside the entry's document, not inside it, so
 * keeping history does not make the document (and every sync of it) larger.
 */
export type VersionReason = 'manual' | 'pause' | 'close' | 'before-merge' | 'before-deletion';

export interface EntryVersion {
  readonly id: number;
  readonly entryId: EntryId;
  readonly createdAt: number;
  readonly name: string | null;
  readonly reason: VersionReason;
  readonly authors: readonly string[];
  readonly state: Uint8Array;
}

export type NewVersion = Omit<EntryVersion, 'id'>;

const DATABASE = 'peerbook-history';
const STORE = 'versions';
const REASONS: readonly VersionReason[] = ['manual', 'pause', 'close', 'before-merge', 'before-deletion'];

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

function parseVersion(value: unknown): EntryVersion | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (typeof v.id !== 'number' || !isEntryId(v.entryId) || typeof v.createdAt !== 'number' || !(v.state instanceof Uint8Array)) return null;
  return {
    id: v.id,
    entryId: v.entryId,
    createdAt: v.createdAt,
    name: typeof v.name === 'string' ? v.name : null,
    reason: REASONS.includes(v.reason as VersionReason) ? (v.reason as VersionReason) : 'manual',
    authors: Array.isArray(v.authors) ? v.authors.filter((a): a is string => typeof a === 'string') : [],
    state: v.state,
  };
}

export class VersionStore {
  private constructor(private readonly db: IDBDatabase) {}

  static async open(): Promise<VersionStore> {
    const opening = indexedDB.open(DATABASE, 1);
    opening.onupgradeneeded = () => {
      const store = opening.result.createObjectStore(STORE, { keyPath: 'id', autoIncrement: true });
      store.createIndex('entryId', 'entryId');
    };
    return new VersionStore(await request(opening));
  }

  /** An entry's versions, newest first. */
  async list(entryId: EntryId): Promise<EntryVersion[]> {
    const index = this.db.transaction(STORE, 'readonly').objectStore(STORE).index('entryId');
    const all = await request(index.getAll(entryId));
    return all.map(parseVersion).filter((v): v is EntryVersion => v !== null).sort((a, b) => b.createdAt - a.createdAt || b.id - a.id);
  }

  async add(version: NewVersion): Promise<EntryVersion> {
    const tx = this.db.transaction(STORE, 'readwrite');
    const id = await request(tx.objectStore(STORE).add(version));
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = tx.onabort = () => reject(tx.error ?? new Error('Could not save the version'));
    });
    await this.prune(version.entryId, version.createdAt);
    return { ...version, id: Number(id) };
  }

  async removeEntry(entryId: EntryId): Promise<void> {
    for (const version of await this.list(entryId)) await request(this.db.transaction(STORE, 'readwrite').objectStore(STORE).delete(version.id));
  }

  /** Deletes the versions the retention rule (versionRetention.ts) no longer keeps. */
  private async prune(entryId: EntryId, now: number): Promise<void> {
    for (const id of versionsToDelete(await this.list(entryId), now)) {
      await request(this.db.transaction(STORE, 'readwrite').objectStore(STORE).delete(id));
    }
  }
}
