import { isEntryId, type EntryId } from '../../shared/entry/entryId';
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

const REASONS: readonly VersionReason[] = ['manual', 'pause', 'close', 'before-merge', 'before-deletion'];

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
  private constructor(private readonly db: HistoryDatabaseConnection) {}

  static async open(): Promise<VersionStore> {
    return new VersionStore(await openHistoryDatabase());
  }

  /** An entry's versions, newest first. */
  async list(entryId: EntryId): Promise<EntryVersion[]> {
    const all = await this.db.getAllFromIndex('versions', 'entryId', entryId);
    return all.map(parseVersion).filter((v): v is EntryVersion => v !== null).sort((a, b) => b.createdAt - a.createdAt || b.id - a.id);
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
