import type * as Y from 'yjs';
import { DOC_ORIGINS } from './docOrigins';

/**
 * Schema versions of Peerbook's documents. A document records the version it was written in;
 * on open, migrations bring it up to its kind's current version inside one transaction with the
 * `migration` origin. A document from a newer Peerbook is refused, not rewritten.
 */
/** The entry document's current version (entries travel between peers). */
export const CURRENT_SCHEMA_VERSION = 1;
/** The library document's current version (it never leaves the device). */
export const LIBRARY_SCHEMA_VERSION = 2;

export class DocFromNewerVersionError extends Error {
  constructor(readonly found: number) {
    super(`This entry was written by a newer Peerbook (format ${found}); update Peerbook to open it.`);
    this.name = 'DocFromNewerVersionError';
  }
}

export interface Migration {
  /** The version this migration produces; it runs on documents below it. */
  readonly to: number;
  readonly migrate: (doc: Y.Doc) => void;
}

/**
 * The version a document says it is written in: a whole number of at least 0, or 0 when it
 * records none (or nonsense).
 */
export function readSchemaVersion(doc: Y.Doc, metaKey: string): number {
  const raw = doc.getMap<unknown>(metaKey).get('schemaVersion');
  return typeof raw === 'number' && Number.isInteger(raw) && raw >= 0 ? raw : 0;
}

/**
 * Reads the version recorded in `meta`, runs every migration above it and records the result.
 * A document with no version yet (written by a stock client that followed docs/FORMAT.md but
 * left the version out) is treated as version 0. Returns whether anything was written.
 */
export function migrateDoc(
  doc: Y.Doc,
  metaKey: string,
  migrations: readonly Migration[],
  current: number = CURRENT_SCHEMA_VERSION,
): boolean {
  const meta = doc.getMap<unknown>(metaKey);
  const found = readSchemaVersion(doc, metaKey);
  if (found > current) throw new DocFromNewerVersionError(found);
  if (found === current) return false;
  doc.transact(() => {
    for (const migration of [...migrations].sort((a, b) => a.to - b.to)) {
      if (migration.to > found && migration.to <= current) migration.migrate(doc);
    }
    meta.set('schemaVersion', current);
  }, DOC_ORIGINS.migration);
  return true;
}
