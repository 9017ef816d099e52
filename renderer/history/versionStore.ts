import * as v from 'valibot';
import { isEntryId, type EntryId } from '../../shared/entry/entryId';
import { parseOrNull } from '../../shared/schema/parsedSchema';
import { openHistoryDatabase, type HistoryDatabaseConnection } from '../storage/deviceDatabases';
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

const REASONS = ['manual', 'pause', 'close', 'before-merge', 'before-deletion'] as const satisfies readonly VersionReason[];

/** A stored version as read back: id, entry, time and state must hold, the rest is repaired. */
const StoredVersionSchema = v.object({
  id: v.number(),
  entryId: v.custom<EntryId>(isEntryId),
  createdAt: v.number(),
  state: v.instance(Uint8Array),
  name: v.fallback(v.nullable(v.string()), null),
  reason: v.fallback(v.picklist(REASONS), 'manual'),
  authors: v.fallback(v.pipe(v.array(v.unknown()), v.transform((items) => items.filter((item): item is string => typeof item === 'string'))), []),
});

function parseVersion(value: unknown): EntryVersion | null {
  return parseOrNull(StoredVersionSchema, value);
}

export class VersionStore {
  private constructor(private readonly db: HistoryDatabaseConnection) {}

  static async open(): Promise<VersionStore> {
    return new VersionStore(await openHistoryDatabase());
  }

  /** An entry's versions, newest first. */
  async list(entryId: EntryId): Promise<EntryVersion[]> {
    const all = await this.db.getAllFromIndex('versions', 'entryId', entryId);
    return all.map(parseVersion).filter((version): version is EntryVersion => version !== null).sort((a, b) => b.createdAt - a.createdAt || b.id - a.id);
  }

  async add(version: NewVersion): Promise<EntryVersion> {
    const tx = this.db.transaction('versions', 'readwrite');
    const [id] = await Promise.all([tx.store.add(version), tx.done]);
    await this.prune(version.entryId, version.createdAt);
    return { ...version, id: Number(id) };
  }

  async removeEntry(entryId: EntryId): Promise<void> {
    for (const version of await this.list(entryId)) await this.db.delete('versions', version.id);
  }

  /** Deletes the versions the retention rule (versionRetention.ts) no longer keeps. */
  private async prune(entryId: EntryId, now: number): Promise<void> {
    for (const id of versionsToDelete(await this.list(entryId), now)) await this.db.delete('versions', id);
  }
}
