import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DOC_ORIGINS } from '../../../../shared/doc/docOrigins';
import { CURRENT_SCHEMA_VERSION, DocFromNewerVersionError, LIBRARY_SCHEMA_VERSION, migrateDoc } from '../../../../shared/doc/schemaVersion';
import { initEntryDoc, migrateEntryDoc, readEntryMeta } from '../../../../shared/entry/entryDoc';
import { migrateLibraryDoc } from '../../../../shared/library/libraryDoc';
import { recordUpdateOrigins } from '../../support/updateOrigins';

const createdAt = Date.UTC(2024, 10, 1);

/** An entry written by a stock Yjs client that followed docs/FORMAT.md but left the version out. */
function entryWithoutVersion(): Y.Doc {
  const doc = new Y.Doc();
  const meta = doc.getMap('meta');
  meta.set('kind', 'lesson');
  meta.set('createdAt', createdAt);
  return doc;
}

describe('opening a document written in an older format', () => {
  it('brings an entry without a version up to the current format, as a migration', () => {
    const doc = entryWithoutVersion();
    expect(readEntryMeta(doc)?.schemaVersion).toBe(0);

    const origins = recordUpdateOrigins(doc);
    expect(migrateEntryDoc(doc)).toBe(true);

    expect(readEntryMeta(doc)).toEqual({ kind: 'lesson', createdAt, schemaVersion: CURRENT_SCHEMA_VERSION });
    expect(origins).toEqual([DOC_ORIGINS.migration]);
  });

  it('leaves an entry in the current format untouched', () => {
    const doc = new Y.Doc();
    initEntryDoc(doc, { kind: 'checklist', createdAt });
    const origins = recordUpdateOrigins(doc);
    expect(migrateEntryDoc(doc)).toBe(false);
    expect(origins).toEqual([]);
  });

  it('does not write into a joiner’s empty document before the creator’s state arrives', () => {
    const joiner = new Y.Doc();
    const origins = recordUpdateOrigins(joiner);
    expect(migrateEntryDoc(joiner)).toBe(false);
    expect(origins).toEqual([]);
    expect(readEntryMeta(joiner)).toBeNull();
  });

  it('runs every migration above the stored version, in one transaction', () => {
    const doc = new Y.Doc();
    const ran: number[] = [];
    const origins = recordUpdateOrigins(doc);
    const migrations = [0, 1, 2, 3].map((to) => ({ to, migrate: () => ran.push(to) }));
    migrateDoc(doc, 'meta', migrations);
    // Migrations to versions this Peerbook does not know yet do not run.
    expect(ran).toEqual(migrations.map((m) => m.to).filter((to) => to > 0 && to <= CURRENT_SCHEMA_VERSION));
    expect(origins).toEqual([DOC_ORIGINS.migration]);
  });

  it('treats a nonsensical version as no version', () => {
    const doc = entryWithoutVersion();
    doc.getMap('meta').set('schemaVersion', 'one');
    expect(migrateEntryDoc(doc)).toBe(true);
    expect(readEntryMeta(doc)?.schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
  });

  it('gives a new library the current format', () => {
    const library = new Y.Doc();
    const origins = recordUpdateOrigins(library);
    expect(migrateLibraryDoc(library)).toBe(true);
    expect(library.getMap('meta').get('schemaVersion')).toBe(LIBRARY_SCHEMA_VERSION);
    expect(origins).toEqual([DOC_ORIGINS.migration]);
    expect(migrateLibraryDoc(library)).toBe(false);
  });
});

describe('opening a document from a newer Peerbook', () => {
  it('refuses an entry rather than rewrite it', () => {
    const doc = entryWithoutVersion();
    doc.getMap('meta').set('schemaVersion', CURRENT_SCHEMA_VERSION + 1);
    const before = Y.encodeStateAsUpdate(doc);
    const origins = recordUpdateOrigins(doc);

    expect(() => migrateEntryDoc(doc)).toThrow(DocFromNewerVersionError);
    expect(origins).toEqual([]);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });

  it('tells the user which format it found and what to do', () => {
    const doc = entryWithoutVersion();
    doc.getMap('meta').set('schemaVersion', CURRENT_SCHEMA_VERSION + 3);
    let caught: unknown;
    try {
      migrateEntryDoc(doc);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DocFromNewerVersionError);
    expect((caught as DocFromNewerVersionError).found).toBe(CURRENT_SCHEMA_VERSION + 3);
    expect((caught as Error).message).toMatch(/update Peerbook/i);
  });

  it('refuses a library too', () => {
    const library = new Y.Doc();
    library.getMap('meta').set('schemaVersion', LIBRARY_SCHEMA_VERSION + 1);
    expect(() => migrateLibraryDoc(library)).toThrow(DocFromNewerVersionError);
  });
});
