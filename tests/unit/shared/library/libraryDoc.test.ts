import { LIBRARY_SCHEMA_VERSION } from '../../../../shared/doc/schemaVersion';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { parseEntryId } from '../../../../shared/entry/entryId';
import type { EntryRow } from '../../../../shared/library/entryRow';
import {
  addEntryRow,
  migrateLibraryDoc,
  getEntryRow,
  listEntryRows,
  removeEntryRow,
  restoreEntry,
  trashEntry,
  UnknownEntryError,
  updateEntryRow,
} from '../../../../shared/library/libraryDoc';
import { queryEntries, trashedEntries } from '../../../../shared/library/libraryQuery';
import { recordUpdateOrigins } from '../../support/updateOrigins';
import { entryRow } from '../../support/entryRows';

const monday = Date.UTC(2025, 2, 10, 9);
const allEntries = { kind: null, tag: null } as const;

function newRow(id: string, changes: Partial<EntryRow> = {}): EntryRow {
  return entryRow(id, monday, changes);
}

function titles(rows: readonly EntryRow[]): string[] {
  return rows.map((row) => row.title).sort();
}

describe('the library', () => {
  it('lists the entries added to it, as they were added', () => {
    const library = new Y.Doc();
    const lesson = newRow('e-lesson0001', { title: 'Feature flags', tags: ['release'] });
    const checklist = newRow('e-checks0001', { kind: 'checklist', title: 'Release day', progress: { done: 1, total: 3 } });
    addEntryRow(library, lesson);
    addEntryRow(library, checklist);

    expect(getEntryRow(library, lesson.id)).toEqual(lesson);
    expect(getEntryRow(library, checklist.id)).toEqual(checklist);
    expect(titles(listEntryRows(library))).toEqual(['Feature flags', 'Release day']);
  });

  it('shows a renamed entry under its new title', () => {
    const library = new Y.Doc();
    const row = newRow('e-lesson0001', { title: 'Draft' });
    addEntryRow(library, row);
    updateEntryRow(library, row.id, { title: 'Feature flags', updatedAt: monday + 60_000 });
    expect(getEntryRow(library, row.id)).toMatchObject({ title: 'Feature flags', updatedAt: monday + 60_000, createdAt: monday });
  });

  it('writes nothing when an update changes nothing', () => {
    const library = new Y.Doc();
    const row = newRow('e-checks0001', { kind: 'checklist', title: 'Release day', progress: { done: 0, total: 3 } });
    addEntryRow(library, row);
    const origins = recordUpdateOrigins(library);
    updateEntryRow(library, row.id, { title: 'Release day', progress: { done: 0, total: 3 } });
    expect(origins).toEqual([]);
  });

  it('refuses to update an entry it does not have', () => {
    const library = new Y.Doc();
    expect(() => updateEntryRow(library, parseEntryId('e-missing001'), { title: 'Ghost' })).toThrow(UnknownEntryError);
  });

  it('moves an entry to the trash and back', () => {
    const library = new Y.Doc();
    const keep = newRow('e-lesson0001', { title: 'Keep me' });
    const bin = newRow('e-lesson0002', { title: 'Bin me' });
    addEntryRow(library, keep);
    addEntryRow(library, bin);

    trashEntry(library, bin.id, monday + 3_600_000);
    expect(getEntryRow(library, bin.id)?.trashedAt).toBe(monday + 3_600_000);
    expect(titles(queryEntries(listEntryRows(library), allEntries, 'updated'))).toEqual(['Keep me']);
    expect(titles(trashedEntries(listEntryRows(library)))).toEqual(['Bin me']);

    restoreEntry(library, bin.id);
    expect(getEntryRow(library, bin.id)?.trashedAt).toBeNull();
    expect(titles(queryEntries(listEntryRows(library), allEntries, 'updated'))).toEqual(['Bin me', 'Keep me']);
    expect(trashedEntries(listEntryRows(library))).toEqual([]);
  });

  it('forgets an entry deleted for good', () => {
    const library = new Y.Doc();
    const row = newRow('e-lesson0001', { title: 'Gone' });
    addEntryRow(library, row);
    trashEntry(library, row.id, monday + 1);
    removeEntryRow(library, row.id);

    expect(getEntryRow(library, row.id)).toBeNull();
    expect(listEntryRows(library)).toEqual([]);
  });

  it('reads a version 1 library (a Y.Map per row) and migrates it to one object per row', () => {
    const library = new Y.Doc();
    const row = newRow('e-lesson0001', { title: 'Written by version 1', tags: ['old'] });
    const v1Row = new Y.Map<unknown>();
    for (const [key, value] of Object.entries(row)) v1Row.set(key, value);
    library.getMap<unknown>('entries').set(row.id, v1Row);
    library.getMap('meta').set('schemaVersion', 1);
    expect(getEntryRow(library, row.id)).toEqual(row);

    expect(migrateLibraryDoc(library)).toBe(true);
    expect(library.getMap('entries').get(row.id)).not.toBeInstanceOf(Y.Map);
    expect(getEntryRow(library, row.id)).toEqual(row);
    expect(library.getMap('meta').get('schemaVersion')).toBe(LIBRARY_SCHEMA_VERSION);
    updateEntryRow(library, row.id, { title: 'Edited by version 2' });
    expect(listEntryRows(library)).toEqual([{ ...row, title: 'Edited by version 2' }]);
  });

  it('leaves out rows it cannot read instead of failing to open', () => {
    const library = new Y.Doc();
    const good = newRow('e-lesson0001', { title: 'Readable' });
    addEntryRow(library, good);

    // What a buggy or hostile peer, or a damaged disk, could leave in the rows map.
    const entries = library.getMap<unknown>('entries');
    const garbage = new Y.Map<unknown>();
    garbage.set('id', 'not an id');
    garbage.set('kind', 'lesson');
    entries.set('e-garbage001', garbage);
    const wrongKind = new Y.Map<unknown>();
    for (const [key, value] of Object.entries(newRow('e-lesson0002'))) wrongKind.set(key, value);
    wrongKind.set('kind', 'novel');
    entries.set('e-lesson0002', wrongKind);
    entries.set('e-plainstr01', 'just a string');
    entries.set('e-number0001', 42);

    expect(listEntryRows(library)).toEqual([good]);
    expect(getEntryRow(library, parseEntryId('e-garbage001'))).toBeNull();
  });
});
