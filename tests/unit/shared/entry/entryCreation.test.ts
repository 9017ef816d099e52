import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CURRENT_SCHEMA_VERSION } from '../../../../shared/doc/schemaVersion';
import { getEntryTitle, initEntryDoc, MAX_TITLE_LENGTH, readEntryMeta } from '../../../../shared/entry/entryDoc';
import { ENTRY_KINDS } from '../../../../shared/entry/entryKind';
import { joinPeer } from '../../support/peers';

const createdAt = Date.UTC(2025, 2, 14, 9, 30);

describe('creating an entry', () => {
  it('records the kind, when it was created and the format it was written in', () => {
    for (const kind of ENTRY_KINDS) {
      const doc = new Y.Doc();
      initEntryDoc(doc, { kind, createdAt });
      expect(readEntryMeta(doc), kind).toEqual({ kind, createdAt, schemaVersion: CURRENT_SCHEMA_VERSION });
    }
  });

  it('starts with the title the user gave, or none', () => {
    const named = new Y.Doc();
    initEntryDoc(named, { kind: 'lesson', createdAt, title: 'Rollbacks need a runbook' });
    expect(getEntryTitle(named)).toBe('Rollbacks need a runbook');

    const unnamed = new Y.Doc();
    initEntryDoc(unnamed, { kind: 'lesson', createdAt });
    expect(getEntryTitle(unnamed)).toBe('');
  });

  it('clips an overlong starting title', () => {
    const doc = new Y.Doc();
    initEntryDoc(doc, { kind: 'debrief', createdAt, title: 'x'.repeat(MAX_TITLE_LENGTH + 50) });
    expect(getEntryTitle(doc)).toHaveLength(MAX_TITLE_LENGTH);
  });

  it('shows a joiner no entry until the creator’s state arrives', () => {
    const joiner = new Y.Doc();
    expect(readEntryMeta(joiner)).toBeNull();

    const creator = new Y.Doc();
    initEntryDoc(creator, { kind: 'checklist', createdAt, title: 'Release day' });
    const synced = joinPeer(creator);
    expect(readEntryMeta(synced)).toEqual(readEntryMeta(creator));
    expect(getEntryTitle(synced)).toBe('Release day');
  });

  it('does not take a document whose kind is unknown for an entry', () => {
    const doc = new Y.Doc();
    doc.getMap('meta').set('kind', 'novel');
    doc.getMap('meta').set('createdAt', createdAt);
    expect(readEntryMeta(doc)).toBeNull();
  });
});
