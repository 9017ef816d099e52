// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import type { EntryId } from '../../../../shared/entry/entryId';
import type { EntryRow } from '../../../../shared/library/entryRow';
import { entryToReopen, rememberOpenEntry } from '../../../../renderer/app/lastOpenEntry';

const OPEN = 'e-0123456789abcdef' as EntryId;

function library(rows: Array<Pick<EntryRow, 'id' | 'trashedAt'>>): (id: EntryId) => EntryRow | null {
  return (id) => (rows.find((row) => row.id === id) as EntryRow | undefined) ?? null;
}

describe('the entry a reload reopens', () => {
  beforeEach(() => localStorage.clear());

  it('is the one last open, while the journal still has it', () => {
    rememberOpenEntry(OPEN);
    expect(entryToReopen(library([{ id: OPEN, trashedAt: null }]))).toBe(OPEN);
  });

  it('is none when that entry is in the Trash, gone, or nothing was open', () => {
    expect(entryToReopen(library([{ id: OPEN, trashedAt: null }]))).toBeNull();
    rememberOpenEntry(OPEN);
    expect(entryToReopen(library([{ id: OPEN, trashedAt: 1_700_000_000_000 }]))).toBeNull();
    expect(entryToReopen(library([]))).toBeNull();
    localStorage.setItem('peerbook:last-open-entry', '../../etc/passwd');
    expect(entryToReopen(library([{ id: OPEN, trashedAt: null }]))).toBeNull();
  });
});
