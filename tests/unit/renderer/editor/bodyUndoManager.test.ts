import { $isListItemNode, $isListNode } from '@lexical/list';
import { $createParagraphNode, $createTextNode, $getRoot } from 'lexical';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { writeEntryTemplate } from '../../../../renderer/editor/entryTemplateWriter';
import { readBodyMarkdown } from '../../../../renderer/editor/headlessBodyEditor';
import { initEntryDoc } from '../../../../shared/entry/entryDoc';
import type { EntryKind } from '../../../../shared/entry/entryKind';
import { $block, $typeAtEnd } from '../../support/bodyEdits';
import { mountLiveBodyEditor, settle, type LiveBodyEditor } from '../../support/liveBodyEditor';
import { exchangeUpdates } from '../../support/peers';
import { blockAt, stockClientUpdate } from '../../support/stockClient';

/**
 * Ctrl+Z and Ctrl+Shift+Z of the body (renderer/editor/bodyUndoManager.ts), with a colleague
 * editing the same entry: what each undo takes back, and what it must leave.
 */

interface Person {
  readonly doc: Y.Doc;
  readonly body: LiveBodyEditor;
}

async function openTogether(kind: EntryKind): Promise<[Person, Person]> {
  const created = new Y.Doc();
  initEntryDoc(created, { kind, createdAt: Date.UTC(2025, 4, 1), title: 'Shared' });
  writeEntryTemplate(created, kind);
  const people = [0, 1].map(() => {
    const doc = new Y.Doc();
    const body = mountLiveBodyEditor(doc);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(created), 'storage');
    return { doc, body };
  });
  await settle();
  return people as [Person, Person];
}

async function exchange(a: Person, b: Person): Promise<void> {
  exchangeUpdates(a.doc, b.doc);
  await settle();
}

describe('the body’s undo manager', () => {
  it('takes back only my typing, not a write into the body that came from elsewhere', async () => {
    const [ana] = await openTogether('lesson');
    const undo = ana.body.createUndoManager();
    await ana.body.edit(() => $typeAtEnd($block(1), 'Mine.'));
    undo.stopCapturing();
    // Another program writes words behind mine without naming itself (no transaction origin).
    const paragraph = blockAt(ana.doc.get('root', Y.XmlText), 1);
    paragraph.insert(paragraph.length, ' Not mine.');
    await settle();

    undo.undo();
    await settle();
    expect(ana.body.markdown()).toContain('Not mine.');
    expect(ana.body.markdown()).not.toContain('Mine.');
    expect(ana.body.markdown()).toBe(readBodyMarkdown(ana.doc));
  });

  it('leaves my first words’ text node, with the words a peer typed after them, when I undo those words', async () => {
    const [ana, ben] = await openTogether('lesson');
    const undo = ana.body.createUndoManager();
    await ana.body.edit(() => $typeAtEnd($block(1), 'Ana first.'));
    undo.stopCapturing();
    await exchange(ana, ben);
    await ben.body.edit(() => $typeAtEnd($block(1), ' Ben after.'));
    await exchange(ana, ben);
    const textNodeOfAna = blockAt(ana.doc.get('root', Y.XmlText), 1).toDelta()[0]?.insert;

    undo.undo();
    await settle();
    await exchange(ana, ben);
    for (const person of [ana, ben]) {
      // The map Ana's typing created still heads the paragraph's text: nobody had to repair it.
      const [node, text] = blockAt(person.doc.get('root', Y.XmlText), 1).toDelta() as Array<{ insert: unknown }>;
      expect((node?.insert as Y.Map<unknown>)._item?.id).toEqual((textNodeOfAna as Y.Map<unknown>)._item?.id);
      expect(text?.insert).toBe(' Ben after.');
    }
  });

  it('leaves the paragraph I added, with what a peer wrote in it, when I undo adding it', async () => {
    const [ana, ben] = await openTogether('lesson');
    const undo = ana.body.createUndoManager();
    await ana.body.edit(() => $getRoot().append($createParagraphNode().append($createTextNode('New thoughts.'))));
    undo.stopCapturing();
    await exchange(ana, ben);
    await ben.body.edit(() => $typeAtEnd($block(6), ' Ben adds to them.'));
    await exchange(ana, ben);

    undo.undo();
    await settle();
    await exchange(ana, ben);
    for (const person of [ana, ben]) {
      expect(person.body.markdown()).toMatch(/\n\n Ben adds to them\.$/);
      expect(person.body.markdown()).toBe(readBodyMarkdown(person.doc));
    }
  });

  it('still undoes a tick, and gets my typing back with Ctrl+Shift+Z after a peer’s change was repaired', async () => {
    const [ana] = await openTogether('checklist');
    const undo = ana.body.createUndoManager();
    const $firstItem = () => {
      const list = $getRoot().getChildren().find($isListNode);
      const item = list?.getFirstChild();
      if (!$isListItemNode(item)) throw new Error('no check item');
      return item;
    };
    // A new checklist has one empty step: Ana writes it first.
    await ana.body.edit(() => $firstItem().append($createTextNode('First step')));
    undo.stopCapturing();
    await ana.body.edit(() => $firstItem().toggleChecked());
    undo.stopCapturing();
    undo.undo();
    await settle();
    expect(ana.body.read(() => $firstItem().getChecked())).toBe(false);

    await ana.body.edit(() => $typeAtEnd($block(0), ' Mine.'));
    undo.stopCapturing();
    undo.undo();
    await settle();
    // A stock client deletes the map in front of the first step's words (as its undo might), and
    // Ana's binding gives them a text node again: a repair, not Ana's edit, so her redo is kept.
    Y.applyUpdate(ana.doc, stockClientUpdate(ana.doc, (root) => blockAt(blockAt(root, 1), 0).delete(0, 1)), 'peer');
    await settle();
    expect(ana.body.markdown()).toContain('First step');

    undo.redo();
    await settle();
    expect(ana.body.markdown()).toContain(' Mine.');
    expect(ana.body.markdown()).toContain('First step');
    expect(ana.body.markdown()).toBe(readBodyMarkdown(ana.doc));
  });
});
