import { describe, expect, it } from 'vitest';
import { displayTitle, formatProgress, parseEntryRow } from '../../../../shared/library/entryRow';

const stored = {
  id: 'e-checks0001',
  kind: 'checklist',
  title: 'Release day',
  tags: ['release'],
  createdAt: Date.UTC(2025, 0, 1),
  updatedAt: Date.UTC(2025, 0, 2),
  progress: { done: 1, total: 3 },
  trashedAt: null,
  share: null,
  awaitingPeer: false,
};

describe('reading a library row from disk or from a peer', () => {
  it('reads a well-formed row as it was stored', () => {
    expect(parseEntryRow(stored)).toEqual(stored);
  });

  it('refuses a row without a valid id, kind or dates', () => {
    for (const broken of [
      { ...stored, id: 'entry-1' },
      { ...stored, kind: 'novel' },
      { ...stored, createdAt: -1 },
      { ...stored, updatedAt: Number.NaN },
      { ...stored, createdAt: '2025-01-01' },
    ]) {
      expect(parseEntryRow(broken), JSON.stringify(broken)).toBeNull();
    }
    for (const notARow of [null, undefined, 'row', 42, []]) expect(parseEntryRow(notARow)).toBeNull();
  });

  it('repairs what it can: a missing title, stray tags, impossible progress, a bad trash date', () => {
    const row = parseEntryRow({
      ...stored,
      title: 7,
      tags: ['release', 3, null, 'on-call'],
      progress: { done: 4, total: 3 },
      trashedAt: 'yesterday',
    });
    expect(row).toMatchObject({ title: '', tags: ['release', 'on-call'], progress: null, trashedAt: null });
  });
});

describe('how the library shows an entry', () => {
  it('names an untitled entry by its kind', () => {
    expect(displayTitle({ title: '', kind: 'lesson' })).toBe('Untitled lesson');
    expect(displayTitle({ title: '   ', kind: 'checklist' })).toBe('Untitled checklist');
    expect(displayTitle({ title: '  Release day ', kind: 'checklist' })).toBe('Release day');
  });

  it('shows checklist progress as done of total', () => {
    expect(formatProgress({ done: 2, total: 5 })).toBe('2 of 5');
    expect(formatProgress({ done: 0, total: 0 })).toBe('0 of 0');
  });
});
