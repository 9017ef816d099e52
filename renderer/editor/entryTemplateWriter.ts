import { $createListItemNode, $createListNode } from '@lexical/list';
import { $createHeadingNode } from '@lexical/rich-text';
import { $createParagraphNode, $createTextNode, $getRoot, type ElementNode } from 'lexical';
import type * as Y from 'yjs';
import { DOC_ORIGINS } from '../../shared/doc/docOrigins';
import type { EntryKind } from '../../shared/entry/entryKind';
import { ENTRY_TEMPLATES, type TemplateBlock } from '../../shared/entry/entryTemplates';
import { writeBodyOnce } from './headlessBodyEditor';

function withText<T extends ElementNode>(node: T, text: string): T {
  if (text.length > 0) node.append($createTextNode(text));
  return node;
}

function $createBlock(block: TemplateBlock): ElementNode {
  switch (block.type) {
    case 'heading':
      return withText($createHeadingNode('h2'), block.text);
    case 'paragraph':
      return withText($createParagraphNode(), block.text);
    case 'bullets':
    case 'checks': {
      const list = $createListNode(block.type === 'checks' ? 'check' : 'bullet');
      for (const item of block.items) {
        list.append(withText($createListItemNode(block.type === 'checks' ? false : undefined), item));
      }
      return list;
    }
  }
}

/** Writes the kind's template into a new entry's body (once; see writeBodyOnce). */
export function writeEntryTemplate(doc: Y.Doc, kind: EntryKind): void {
  writeBodyOnce(doc, DOC_ORIGINS.template, () => {
    const root = $getRoot();
    root.clear();
    for (const block of ENTRY_TEMPLATES[kind].blocks) root.append($createBlock(block));
  });
}
