import { $createListItemNode, $createListNode } from '@lexical/list';
import { $createParagraphNode, $createTextNode, $getRoot } from 'lexical';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readChecklistProgress } from '../../../../renderer/editor/checklistProgress';
import { writeEntryTemplate } from '../../../../renderer/editor/entryTemplateWriter';
import { writeBodyOnce } from '../../../../renderer/editor/headlessBodyEditor';
import { DOC_ORIGINS } from '../../../../shared/doc/docOrigins';
import { initEntryDoc } from '../../../../shared/entry/entryDoc';
import { joinPeer } from '../../support/peers';

function checkItem(text: string, checked: boolean) {
  return $createListItemNode(checked).append($createTextNode(text));
}

describe('checklist progress', () => {
  it('is nothing of nothing for a new checklist: its prompts are not items', () => {
    const doc = new Y.Doc();
    initEntryDoc(doc, { kind: 'checklist', createdAt: Date.UTC(2025, 3, 1) });
    writeEntryTemplate(doc, 'checklist');
    expect(readChecklistProgress(doc)).toEqual({ done: 0, total: 0 });
  });

  it('does not count an item with no text, ticked or not', () => {
    const doc = new Y.Doc();
    writeBodyOnce(doc, DOC_ORIGINS.import, () => {
      $getRoot().append($createListNode('check').append(checkItem('Freeze merges', false), checkItem(' ', true), $createListItemNode(false)));
    });
    expect(readChecklistProgress(doc)).toEqual({ done: 0, total: 1 });
  });

  it('counts ticked items, also as a peer sees them', () => {
    const doc = new Y.Doc();
    writeBodyOnce(doc, DOC_ORIGINS.import, () => {
      $getRoot().append(
        $createListNode('check').append(checkItem('Freeze merges', true), checkItem('Tag the release', true), checkItem('Announce', false)),
      );
    });
    expect(readChecklistProgress(doc)).toEqual({ done: 2, total: 3 });
    expect(readChecklistProgress(joinPeer(doc))).toEqual({ done: 2, total: 3 });
  });

  it('counts check items in every list and in nested lists, but not bullets', () => {
    const doc = new Y.Doc();
    writeBodyOnce(doc, DOC_ORIGINS.import, () => {
      // Lexical nests a list inside an item of its own that holds only the nested list.
      const nested = $createListItemNode().append(
        $createListNode('check').append(checkItem('Drain the node', true), checkItem('Patch it', false)),
      );
      $getRoot().append(
        $createListNode('check').append(checkItem('Before', true), nested),
        $createParagraphNode().append($createTextNode('Then, later:')),
        $createListNode('bullet').append($createListItemNode().append($createTextNode('A plain bullet'))),
        $createListNode('check').append(checkItem('After', false)),
      );
    });
    expect(readChecklistProgress(doc)).toEqual({ done: 2, total: 4 });
  });

  it('is zero of zero for a body without check items', () => {
    const doc = new Y.Doc();
    initEntryDoc(doc, { kind: 'lesson', createdAt: Date.UTC(2025, 3, 1) });
    writeEntryTemplate(doc, 'lesson');
    expect(readChecklistProgress(doc)).toEqual({ done: 0, total: 0 });
    expect(readChecklistProgress(new Y.Doc())).toEqual({ done: 0, total: 0 });
  });
});
