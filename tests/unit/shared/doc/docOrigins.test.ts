import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DOC_ORIGINS } from '../../../../shared/doc/docOrigins';
import { addEntryTag, initEntryDoc, removeEntryTag, setEntryTitle } from '../../../../shared/entry/entryDoc';
import { parseEntryId } from '../../../../shared/entry/entryId';
import {
  addEntryRow,
  removeEntryRow,
  restoreEntry,
  trashEntry,
  updateEntryRow,
} from '../../../../shared/library/libraryDoc';
import { recordUpdateOrigins } from '../../support/updateOrigins';

const now = Date.UTC(2025, 5, 1, 8);
const named = new Set<unknown>(Object.values(DOC_ORIGINS));

describe('every write says where it came from', () => {
  it('marks creating an entry as the template, and the user’s edits as local edits', () => {
    const doc = new Y.Doc();
    const origins = recordUpdateOrigins(doc);

    initEntryDoc(doc, { kind: 'lesson', createdAt: now, title: 'First' });
    setEntryTitle(doc, 'First lesson');
    addEntryTag(doc, 'onboarding', now);
    removeEntryTag(doc, 'onboarding');

    expect(origins).toEqual([DOC_ORIGINS.template, DOC_ORIGINS.localEdit, DOC_ORIGINS.localEdit, DOC_ORIGINS.localEdit]);
  });

  it('passes an import’s origin through to the document', () => {
    const doc = new Y.Doc();
    initEntryDoc(doc, { kind: 'lesson', createdAt: now });
    const origins = recordUpdateOrigins(doc);

    setEntryTitle(doc, 'Imported lesson', DOC_ORIGINS.import);
    addEntryTag(doc, 'imported', now, DOC_ORIGINS.import);

    expect(origins).toEqual([DOC_ORIGINS.import, DOC_ORIGINS.import]);
  });

  it('names the origin of every change to the library', () => {
    const library = new Y.Doc();
    const origins = recordUpdateOrigins(library);
    const id = parseEntryId('e-0000000001');

    addEntryRow(library, {
      id,
      kind: 'checklist',
      title: '',
      tags: [],
      createdAt: now,
      updatedAt: now,
      progress: { done: 0, total: 3 },
      trashedAt: null,
      share: null,
      awaitingPeer: false,
    });
    updateEntryRow(library, id, { title: 'Release day', updatedAt: now + 1 });
    trashEntry(library, id, now + 2);
    restoreEntry(library, id);
    removeEntryRow(library, id);

    expect(origins).toHaveLength(5);
    for (const origin of origins) expect(named).toContain(origin);
    expect(origins.every((origin) => origin === DOC_ORIGINS.localEdit)).toBe(true);
  });
});
