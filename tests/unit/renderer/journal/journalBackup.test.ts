import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { entryDatabaseName } from '../../../../renderer/storage/deviceDatabases';
import { readBodyMarkdown } from '../../../../renderer/editor/headlessBodyEditor';
import { writeMarkdownBody } from '../../../../renderer/editor/markdownBodyWriter';
import { Journal } from '../../../../renderer/journal/journal';
import { bringBackText, restoreJournalBackup } from '../../../../renderer/journal/journalBackup';
import { getEntryTitle, setEntryTitle } from '../../../../shared/entry/entryDoc';
import type { EntryId } from '../../../../shared/entry/entryId';
import { backupFile, backupText } from '../../support/backupFiles';
import { damageStoredDocument, databaseNames } from '../../support/deviceStorage';
import { stockClientUpdate } from '../../support/stockClient';

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

async function lesson(journal: Journal, title: string, body: string): Promise<EntryId> {
  return journal.createEntry('lesson', { title, writeBody: (doc) => writeMarkdownBody(doc, body) });
}

/** A colleague's change to an entry, arriving as a peer's update. */
function fromPeer(journal: Journal, id: EntryId, change: (peer: Y.Doc) => void): Promise<void> {
  return journal.entries.use(id, ({ doc }) => {
    const peer = new Y.Doc();
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc));
    const before = Y.encodeStateVector(peer);
    change(peer);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(peer, before), 'peer');
    peer.destroy();
  });
}

describe('an entry whose stored data cannot be read', () => {
  it('is set aside and named, and the rest of the journal is backed up and restores', async () => {
    const journal = await Journal.open();
    const fine = await lesson(journal, 'Fine', 'All here.');
    const broken = await lesson(journal, 'Broken on disk', 'Lost to a bad sector.');
    await journal.close();
    await damageStoredDocument(entryDatabaseName(broken));

    const reopened = await Journal.open();
    const { file, leftOut } = await backupFile(reopened);
    expect(leftOut).toEqual([{ id: broken, title: 'Broken on disk', reason: expect.stringMatching(/could not be read, and was set aside as “peerbook-entry-.*-quarantined-\d+”/) }]);
    // Set aside, untouched, under another name.
    expect((await databaseNames()).some((name) => name.startsWith(`${entryDatabaseName(broken)}-quarantined-`))).toBe(true);

    globalThis.indexedDB = new IDBFactory();
    const fresh = await Journal.open();
    const outcome = await restoreJournalBackup(fresh, file);
    expect(outcome).toMatchObject({ added: 1, leftOut });
    await fresh.entries.use(fine, ({ doc }) => expect(readBodyMarkdown(doc)).toBe('All here.'));
  });
});

describe('restoring a backup over text deleted since', () => {
  it('says which entries lost text the backup holds, and brings it back as a new change when asked', async () => {
    const journal = await Journal.open();
    const wiped = await lesson(journal, 'Postmortem', 'The pager went to an empty rota for two hours.');
    const untouched = await lesson(journal, 'Untouched', 'Nothing happened here.');
    const file = new Blob([await backupText(journal)]);
    // A colleague holding the link wipes the title and body.
    let colleague = new Y.Doc();
    await journal.entries.use(wiped, ({ doc }) => {
      colleague = new Y.Doc();
      Y.applyUpdate(colleague, Y.encodeStateAsUpdate(doc));
    });
    setEntryTitle(colleague, '');
    Y.applyUpdate(colleague, stockClientUpdate(colleague, (root) => root.delete(0, root.length)));
    await journal.entries.use(wiped, ({ doc }) => Y.applyUpdate(doc, Y.encodeStateAsUpdate(colleague, Y.encodeStateVector(doc)), 'peer'));

    const outcome = await restoreJournalBackup(journal, file);
    // A merge keeps the deletion, which is newer: the text is still gone, and the restore says so.
    expect(outcome).toMatchObject({ added: 0, merged: 2 });
    expect(outcome.lostText.map(({ id, characters }) => ({ id, characters }))).toEqual([{ id: wiped, characters: 'Postmortem'.length + 'The pager went to an empty rota for two hours.'.length }]);
    await journal.entries.use(wiped, ({ doc }) => expect(readBodyMarkdown(doc)).toBe(''));
    expect(outcome.lostText.some(({ id }) => id === untouched)).toBe(false);

    await expect(bringBackText(journal, outcome.lostText)).resolves.toBe(1);
    let update: Uint8Array = new Uint8Array();
    await journal.entries.use(wiped, ({ doc }) => {
      expect(getEntryTitle(doc)).toBe('Postmortem');
      expect(readBodyMarkdown(doc)).toBe('The pager went to an empty rota for two hours.');
      update = Y.encodeStateAsUpdate(doc, Y.encodeStateVector(colleague));
    });
    // As new items: the colleague who deleted the text gets it back too.
    Y.applyUpdate(colleague, update);
    expect(readBodyMarkdown(colleague)).toBe('The pager went to an empty rota for two hours.');
    expect(getEntryTitle(colleague)).toBe('Postmortem');
    // What the entry held before is in its History.
    await journal.entries.use(wiped, async (entry) => {
      const versions = (await journal.historyOf(entry)?.list()) ?? [];
      expect(versions.map((version) => version.name)).toContain('Before bringing back text from a backup');
    });
  });

  it('leaves an entry written by a newer Peerbook as it is, and says so', async () => {
    const journal = await Journal.open();
    const id = await lesson(journal, 'From the future', 'Format 99.');
    const file = new Blob([await backupText(journal)]);
    await fromPeer(journal, id, (peer) => peer.getMap('meta').set('schemaVersion', 99));
    let before: Uint8Array = new Uint8Array();
    await journal.entries.use(id, ({ doc }) => void (before = Y.encodeStateVector(doc)));
    const outcome = await restoreJournalBackup(journal, file);
    expect(outcome).toMatchObject({ merged: 0, unchanged: ['From the future'] });
    await journal.entries.use(id, ({ doc }) => expect(Y.encodeStateVector(doc)).toEqual(before));
  });
});

describe('who made a backup', () => {
  it('travels in the backup and comes back with the restore; a malformed one reads as none', async () => {
    const source = await Journal.open();
    await lesson(source, 'Mine', 'A line.');
    const identity = { name: 'Ana Lima', color: '#2f7d6d', contributorId: 'c6K0v3Qm4B2x9Zt1pLw8aQ' };
    source.deviceIdentity = () => identity;
    const { file } = await backupFile(source);
    source.deviceIdentity = () => ({ ...identity, color: 'red' });
    const { file: malformed } = await backupFile(source);
    source.deviceIdentity = () => null;
    const { file: anonymous } = await backupFile(source);
    await source.close();

    globalThis.indexedDB = new IDBFactory();
    const target = await Journal.open();
    expect((await restoreJournalBackup(target, file)).identity).toEqual(identity);
    expect((await restoreJournalBackup(target, malformed)).identity).toBeNull();
    expect((await restoreJournalBackup(target, anonymous)).identity).toBeNull();
    expect(target.rows().map((row) => row.title)).toEqual(['Mine']);
  });
});
