import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { writeMarkdownBody } from '../../../../renderer/editor/markdownBodyWriter';
import { Journal } from '../../../../renderer/journal/journal';
import { composeJournalMarkdown } from '../../../../renderer/journal/journalExport';
import { ENTRY_KINDS, type EntryKind } from '../../../../shared/entry/entryKind';
import { parseMarkdownNote } from '../../../../shared/entry/markdownImport';

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

const WRITTEN: Readonly<Record<EntryKind, { title: string; tags: string[]; body: string }>> = {
  lesson: {
    title: 'Rollbacks need a runbook',
    tags: ['release', 'on-call'],
    body: '## What happened\n\nWe rolled back **by hand**.\n\n## What I learned\n\nA runbook beats memory.\n\n## How I’ll apply it\n\n- Write it\n- Try it',
  },
  checklist: { title: 'Release day', tags: ['release'], body: 'Before every release.\n\n- [x] Freeze merges\n- [ ] Tag the release\n- [ ] ' },
  debrief: {
    title: 'Retro: Q3 launch, “v2”',
    tags: ['team', 'q3'],
    body: '## What went well\n\nThe canary.\n\n## What didn’t\n\nPaging.\n\n## Actions\n\n- [ ] Write the runbook\n- [x] Rotate the keys',
  },
};

/** The file with its dates left out: what an export says of the entry itself. */
const withoutDates = (text: string): string => text.replace(/^(created|updated): .*\n/gm, '');

describe('exporting as Markdown and importing the file back', () => {
  it('gives back the same kind, title, tags and text for every kind', async () => {
    const journal = await Journal.open();
    for (const kind of ENTRY_KINDS) {
      const { title, tags, body } = WRITTEN[kind];
      await journal.createEntry(kind, { title, tags, writeBody: (doc) => writeMarkdownBody(doc, body) });
    }
    const exported = await composeJournalMarkdown(journal.rows(), journal.entries);
    expect(exported.files).toHaveLength(3);

    // Another device: a journal of its own that has only the files.
    await journal.close();
    globalThis.indexedDB = new IDBFactory();
    const again = await Journal.open();
    for (const file of exported.files) await again.importNote(parseMarkdownNote(file.name, file.text));
    const reimported = await composeJournalMarkdown(again.rows(), again.entries);

    const byTitle = (files: typeof exported.files) => Object.fromEntries(files.map((file) => [file.name, withoutDates(file.text)]));
    expect(byTitle(reimported.files)).toEqual(byTitle(exported.files));
    for (const kind of ENTRY_KINDS) {
      const row = again.rows().find((candidate) => candidate.title === WRITTEN[kind].title);
      expect(row, kind).toMatchObject({ kind, tags: [...WRITTEN[kind].tags].sort() });
      const file = reimported.files.find((candidate) => candidate.text.includes(`kind: ${kind}\n`));
      expect(file?.text, kind).toContain(`${WRITTEN[kind].body}\n`);
    }
  });
});
