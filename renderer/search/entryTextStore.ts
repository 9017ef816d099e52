import { isEntryUid, type EntryLinkTarget } from '../../shared/entry/entryUid';
import type { EntryId } from '../../shared/entry/entryId';
import { isEntryId } from '../../shared/entry/entryId';
import { openSearchDatabase, type SearchDatabaseConnection } from '../storage/deviceDatabases';

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

/** The key of the one serialized index in the database's `index` store. */
const INDEX_KEY = 'journal';
export const MAX_INDEXED_BODY_CHARS = 200_000;

function parseEntryText(value: unknown): EntryText | null {
  if (typeof value !== 'object' || value === null) return null;
  const { id, body, links } = value as Record<string, unknown>;
  if (!isEntryId(id) || typeof body !== 'string') return null;
  return { id, body: body.slice(0, MAX_INDEXED_BODY_CHARS), links: Array.isArray(links) ? links.filter((link): link is EntryLinkTarget => isEntryId(link) || isEntryUid(link)) : [] };
}

export class EntryTextStore {
  private constructor(private readonly db: SearchDatabaseConnection) {}

  static async open(): Promise<EntryTextStore> {
    return new EntryTextStore(await openSearchDatabase());
  }

  async loadAll(): Promise<EntryText[]> {
    const all = await this.db.getAll('texts');
    return all.map(parseEntryText).filter((text): text is EntryText => text !== null);
  }

  async put(texts: readonly EntryText[]): Promise<void> {
    if (texts.length === 0) return;
    const tx = this.db.transaction('texts', 'readwrite');
    await Promise.all([...texts.map((text) => tx.store.put({ ...text, body: text.body.slice(0, MAX_INDEXED_BODY_CHARS) })), tx.done]);
  }

  /** The stored index as it was saved (validated by its reader), or undefined. */
  async loadIndex(): Promise<unknown> {
    return this.db.get('index', INDEX_KEY);
  }

  async saveIndex(index: unknown): Promise<void> {
    await this.db.put('index', index, INDEX_KEY);
  }

  async remove(id: EntryId): Promise<void> {
    await this.db.delete('texts', id);
  }

  close(): void {
    this.db.close();
  }
}
