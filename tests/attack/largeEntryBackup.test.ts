import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readBodyMarkdown } from '../../renderer/editor/headlessBodyEditor';
import { writeMarkdownBody } from '../../renderer/editor/markdownBodyWriter';
import { Journal } from '../../renderer/journal/journal';
import { restoreJournalBackup } from '../../renderer/journal/journalBackup';
import { getEntryTitle } from '../../shared/entry/entryDoc';
import type { EntryId } from '../../shared/entry/entryId';
import { backupFile } from '../unit/support/backupFiles';

/**
 * A colleague's link in the wrong hands, over hours (the limits on what peers push slow this,
 * they do not forbid it): one shared entry grows past 400 MB. Built as one string, every backup
 * of the journal failed from then on (V8's strings end at 2^29 − 24 characters, and the entry's
 * state in base64 is longer). Backups are written and read in lines now. This test holds about
 * 4 GB of memory for half a minute.
 */

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

/** The longest string V8 makes. */
const LONGEST_STRING = 2 ** 29 - 24;

async function lesson(journal: Journal, title: string, body: string): Promise<EntryId> {
  return journal.createEntry('lesson', { title, writeBody: (doc) => writeMarkdownBody(doc, body) });
}

describe('a backup larger than a string can be', () => {
  it('backs up and restores a journal after a peer pushed 410 MB into one shared entry', async () => {
    const journal = await Journal.open();
    const kept = await lesson(journal, 'Small and precious', 'Write the runbook before the incident.');
    const bloated = await lesson(journal, 'Shared with the wrong person', 'Still readable.');
    await journal.entries.use(bloated, ({ doc }) => {
      const peer = new Y.Doc();
      Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc));
      const before = Y.encodeStateVector(peer);
      peer.getMap('attachments').set('junk', new Uint8Array(410 * 1024 * 1024));
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(peer, before), 'peer');
      peer.destroy();
    });
    await journal.flush();

    const { file, longestLine, characters } = await backupFile(journal);
    // More than one string could hold, and never held as one: each line is small.
    expect(characters).toBeGreaterThan(LONGEST_STRING);
    expect(longestLine).toBeLessThan(2 * 1024 * 1024);
    await journal.close();

    globalThis.indexedDB = new IDBFactory();
    const fresh = await Journal.open();
    await expect(restoreJournalBackup(fresh, file)).resolves.toMatchObject({ added: 2, merged: 0 });
    await fresh.entries.use(kept, ({ doc }) => expect(readBodyMarkdown(doc)).toBe('Write the runbook before the incident.'));
    await fresh.entries.use(bloated, ({ doc }) => {
      expect(getEntryTitle(doc)).toBe('Shared with the wrong person');
      expect((doc.getMap('attachments').get('junk') as Uint8Array).byteLength).toBe(410 * 1024 * 1024);
    });
  }, 300_000);
});
