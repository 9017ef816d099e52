import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { LIBRARY_DATABASE_NAME } from '../../../../renderer/storage/deviceDatabases';
import { readBodyFacts } from '../../../../renderer/editor/bodyFacts';
import { writeMarkdownBody } from '../../../../renderer/editor/markdownBodyWriter';
import { UNSUPPORTED_CONTENT_NOTICE } from '../../../../renderer/editor/unsupportedContentNode';
import { Journal } from '../../../../renderer/journal/journal';
import { composeJournalMarkdown } from '../../../../renderer/journal/journalExport';
import type { EntryId } from '../../../../shared/entry/entryId';
import { damageStoredDocument } from '../../support/deviceStorage';
import { stockClientUpdate } from '../../support/stockClient';

/**
 * A peer holding the link adds content Peerbook does not show (a block of a type it does not
 * know, blocks nested thousands deep). Every reader of the entry that no editor shows skips it
 * and says so, and still gives the rest of the text.
 */

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

function unknownBlock(): Y.XmlText {
  const block = new Y.XmlText();
  block.setAttribute('__type', 'evil-widget');
  return block;
}

/** Quotes inside quotes, `levels` deep, each put in place in turn (as a stock client writes them). */
function nestQuotes(root: Y.XmlText, levels: number): void {
  let parent = root;
  for (let level = 0; level < levels; level++) {
    const quote = new Y.XmlText();
    quote.setAttribute('__type', 'quote');
    parent.insertEmbed(parent.length, quote);
    parent = quote;
  }
}

async function entryWithHiddenParts(journal: Journal): Promise<EntryId> {
  const id = await journal.createEntry('checklist', { title: 'Release', writeBody: (doc) => writeMarkdownBody(doc, 'Ship it carefully.\n\n- [x] Tag the release\n- [ ] Announce it') });
  await journal.entries.use(id, ({ doc }) => {
    Y.applyUpdate(doc, stockClientUpdate(doc, (root) => root.insertEmbed(1, unknownBlock())), 'peer');
    Y.applyUpdate(doc, stockClientUpdate(doc, (root) => nestQuotes(root, 3000)), 'peer');
  });
  return id;
}

describe('readers of an entry holding parts Peerbook does not show', () => {
  it('Export journal writes the text, marks each part with a comment, and counts them', async () => {
    const journal = await Journal.open();
    await entryWithHiddenParts(journal);
    const exported = await composeJournalMarkdown(journal.rows(), journal.entries);
    expect(exported.hiddenParts).toBe(2);
    const text = exported.files[0]?.text ?? '';
    expect(text).toContain('Ship it carefully.');
    expect(text).toContain('- [x] Tag the release');
    expect(text.split(`<!-- ${UNSUPPORTED_CONTENT_NOTICE} -->`)).toHaveLength(3);
  });

  it('search text and progress leave the parts out and say how many they skipped', async () => {
    const journal = await Journal.open();
    const id = await entryWithHiddenParts(journal);
    const facts = await journal.entries.use(id, ({ doc }) => readBodyFacts(doc));
    expect(facts.hiddenParts).toBe(2);
    expect(facts.text.body).toContain('Ship it carefully.');
    expect(facts.progress).toEqual({ done: 1, total: 2 });
  });

  it('a library rebuilt from the entries says which hold such parts', async () => {
    const journal = await Journal.open();
    await entryWithHiddenParts(journal);
    await journal.createEntry('lesson');
    await journal.close();
    // The library's storage is damaged: it is rebuilt from the entries.
    await damageStoredDocument(LIBRARY_DATABASE_NAME);

    const rebuilt = await Journal.open();
    expect(rebuilt.startupProblems[0]).toMatch(/rebuilt it from the 2 entries on this device; 1 of them holds parts written by another app, kept but not shown/);
    expect(rebuilt.rows().find((row) => row.title === 'Release')?.progress).toEqual({ done: 1, total: 2 });
  });
});
