import { isEntryUid, type EntryLinkTarget } from '../../shared/entry/entryUid';
import type { EntryId } from '../../shared/entry/entryId';
import { isEntryId } from '../../shared/entry/entryId';

/**
 * The plain text of every entry's body and its links to other entries, kept in its own IndexedDB
 * database so search and "Linked from" work without opening each entry's document. It is derived
 * data: the entry documents stay the truth, and a missing or damaged record is rebuilt from them.
 */
export interface EntryText {
  readonly id: EntryId;
  readonly body: string;
  /** The entries this entry links to (their identities, or ids in older links). */
  readonly links: readonly EntryLinkTarget[];
}

const DATABASE = 'peerbook-search';
const STORE = 'texts';
/** The search index itself, serialized, so that a start loads it instead of rebuilding it. */
const INDEX_STORE = 'index';
const INDEX_KEY = 'journal';
export const MAX_INDEXED_BODY_CHARS = 200_000;

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

function parseEntryText(value: unknown): EntryText | null {
  if (typeof value !== 'object' || value === null) return null;
  const { id, body, links } = value as Record<string, unknown>;
  if (!isEntryId(id) || typeof body !== 'string') return null;
  return { id, body: body.slice(0, MAX_INDEXED_BODY_CHARS), links: Array.isArray(links) ? links.filter((link): link is EntryLinkTarget => isEntryId(link) || isEntryUid(link)) : [] };
}

export class EntryTextStore {
  private constructor(private readonly db: IDBDatabase) {}

  static async open(): Promise<EntryTextStore> {
    const opening = indexedDB.open(DATABASE, 2);
    opening.onupgradeneeded = () => {
      const db = opening.result;
      if (!db.objectStoreNames.contains(STORE)) db.createObjectStore(STORE, { keyPath: 'id' });
      if (!db.objectStoreNames.contains(INDEX_STORE)) db.createObjectStore(INDEX_STORE);
    };
    return new EntryTextStore(await request(opening));
  }

  async loadAll(): Promise<EntryText[]> {
    const all = await request(this.db.transaction(STORE, 'readonly').objectStore(STORE).getAll());
    return all.map(parseEntryText).filter((text): text is EntryText => text !== null);
  }

  async put(texts: readonly EntryText[]): Promise<void> {
    if (texts.length === 0) return;
    const tx = this.db.transaction(STORE, 'readwrite');
    const store = tx.objectStore(STORE);
    for (const text of texts) store.put({ ...text, body: text.body.slice(0, MAX_INDEXED_BODY_CHARS) });
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = tx.onabort = () => reject(tx.error ?? new Error('IndexedDB write failed'));
    });
  }

  /** The stored index as it was saved (validated by its reader), or undefined. */
  async loadIndex(): Promise<unknown> {
    return request(this.db.transaction(INDEX_STORE, 'readonly').objectStore(INDEX_STORE).get(INDEX_KEY));
  }

  async saveIndex(index: unknown): Promise<void> {
    await request(this.db.transaction(INDEX_STORE, 'readwrite').objectStore(INDEX_STORE).put(index, INDEX_KEY));
  }

  async remove(id: EntryId): Promise<void> {
    await request(this.db.transaction(STORE, 'readwrite').objectStore(STORE).delete(id));
  }

  close(): void {
    this.db.close();
  }
}
