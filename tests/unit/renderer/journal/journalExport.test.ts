import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { Journal } from '../../../../renderer/journal/journal';
import { composeJournalMarkdown } from '../../../../renderer/journal/journalExport';
import { addEntryTag, setEntryTitle } from '../../../../shared/entry/entryDoc';
import type { EntryId } from '../../../../shared/entry/entryId';
import { isSafeMarkdownFileName } from '../../../../shared/entry/exportFileNames';
import { createShareSecrets } from '../../../../shared/invite/inviteLink';

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

const start = Date.UTC(2025, 2, 14, 9, 0);

async function write(journal: Journal, id: EntryId, title: string, tags: string[] = []): Promise<void> {
  await journal.entries.use(id, ({ doc }) => {
    setEntryTitle(doc, title);
    for (const tag of tags) addEntryTag(doc, tag, start);
  });
}

function frontMatter(markdown: string): Record<string, string> {
  const [, block = ''] = /^---\n([\s\S]*?)\n---\n/.exec(markdown) ?? [];
  return Object.fromEntries(block.split('\n').map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 2)]));
}

describe('the whole journal as Markdown files', () => {
  it('writes one file per live entry, with kind, tags and dates, under unique safe names', async () => {
    let now = start;
    const journal = await Journal.open(() => now);
    const first = await journal.createEntry('debrief');
    now += 60_000;
    const second = await journal.createEntry('debrief');
    now += 60_000;
    const checklist = await journal.createEntry('checklist');
    now += 60_000;
    const untitled = await journal.createEntry('lesson');
    await write(journal, first, 'Retro: Q3 launch', ['release', 'team']);
    await write(journal, second, 'Retro: Q3 launch');
    await write(journal, checklist, 'Release checklist', ['on-call']);

    const { files, notArrived } = await composeJournalMarkdown(journal.rows(), journal.entries);

    expect(notArrived).toBe(0);
    expect(files.map((file) => file.name)).toEqual([
      'retro-q3-launch.md',
      'retro-q3-launch-2.md',
      'release-checklist.md',
      expect.stringMatching(/\.md$/),
    ]);
    expect(files.every((file) => isSafeMarkdownFileName(file.name))).toBe(true);

    const [debrief, , list, lesson] = files.map((file) => file.text);
    expect(frontMatter(debrief ?? '')).toEqual({
      title: '"Retro: Q3 launch"',
      kind: 'debrief',
      tags: '["release", "team"]',
      created: '2025-03-14T09:00:00.000Z',
      updated: expect.stringMatching(/^2025-03-14T/),
    });
    expect(debrief).toContain('# Retro: Q3 launch\n\n## What went well');
    expect(frontMatter(list ?? '')).toMatchObject({ kind: 'checklist', tags: '["on-call"]' });
    expect(list).toContain('# Release checklist\n\n- [ ] ');
    expect(frontMatter(lesson ?? '')).toMatchObject({ kind: 'lesson', tags: '[]' });
    expect(journal.row(untitled)).not.toBeNull();
  });

  it('leaves out the trash, and joined entries that have not arrived from a peer yet', async () => {
    const journal = await Journal.open(() => start);
    const kept = await journal.createEntry('lesson');
    await write(journal, kept, 'Rollbacks need a runbook');
    const binned = await journal.createEntry('lesson');
    await write(journal, binned, 'Thrown away');
    journal.trash(binned);
    journal.joinEntry({ ...createShareSecrets((length) => crypto.getRandomValues(new Uint8Array(length))), signaling: ['ws://10.0.0.2:4444'], title: 'Ben’s retro' });

    const { files, notArrived } = await composeJournalMarkdown(journal.rows(), journal.entries);
    expect(files.map((file) => file.name)).toEqual(['rollbacks-need-a-runbook.md']);
    expect(notArrived).toBe(1);
  });

  it('reads an entry that is open and being edited, as it is on screen', async () => {
    const journal = await Journal.open(() => start);
    const id = await journal.createEntry('lesson');
    const lease = journal.acquireEntry(id);
    await lease.entry.whenLoaded;
    setEntryTitle(lease.entry.doc, 'Open while exporting');

    const { files } = await composeJournalMarkdown(journal.rows(), journal.entries);
    expect(files.map((file) => file.name)).toEqual(['open-while-exporting.md']);
    // The open entry keeps working after the export read it.
    setEntryTitle(lease.entry.doc, 'Still editable');
    lease.release();
    const again = await composeJournalMarkdown(journal.rows(), journal.entries);
    expect(again.files.map((file) => file.name)).toEqual(['still-editable.md']);
  });

  it('has nothing to write for an empty journal', async () => {
    const journal = await Journal.open();
    await expect(composeJournalMarkdown(journal.rows(), journal.entries)).resolves.toEqual({ files: [], notArrived: 0, hiddenParts: 0 });
  });
});
