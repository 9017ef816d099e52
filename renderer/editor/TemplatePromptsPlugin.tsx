import { $isListItemNode, $isListNode } from '@lexical/list';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $isHeadingNode } from '@lexical/rich-text';
import { $getRoot, $isElementNode, $isParagraphNode, type LexicalNode, type NodeKey } from 'lexical';
import { useEffect } from 'react';
import type { EntryKind } from '../../shared/entry/entryKind';
import { templatePrompts } from '../../shared/entry/entryTemplates';

const isBlank = (node: LexicalNode): boolean => node.getTextContent().trim() === '';

/**
 * The blocks that show a prompt now, by node key: in each section of the body (the blocks under a
 * heading), the first empty paragraph while no paragraph of the section has text, and the first
 * item of the first list while none of that list's items has text.
 */
function $promptedBlocks(kind: EntryKind): Map<NodeKey, string> {
  const prompts = templatePrompts(kind);
  const sections: LexicalNode[][] = [[]];
  for (const block of $getRoot().getChildren()) {
    if ($isHeadingNode(block)) sections.push([block]);
    else sections.at(-1)?.push(block);
  }
  const shown = new Map<NodeKey, string>();
  for (const blocks of sections) {
    const heading = blocks[0];
    const section = prompts.get(heading && $isHeadingNode(heading) ? heading.getTextContent() : '');
    if (!section) continue;
    const paragraphs = blocks.filter($isParagraphNode);
    const emptyParagraph = paragraphs.every(isBlank) ? paragraphs[0] : undefined;
    if (section.paragraph && emptyParagraph) shown.set(emptyParagraph.getKey(), section.paragraph);
    const list = blocks.find($isListNode);
    const firstItem = list?.getFirstChild();
    if (section.list && list && isBlank(list) && $isListItemNode(firstItem) && firstItem.getChecked() !== true) shown.set(firstItem.getKey(), section.list);
  }
  return shown;
}

/** Check lists, and their check items that have no text yet, by node key. */
function $checkLists(): { lists: NodeKey[]; emptyItems: NodeKey[] } {
  const lists: NodeKey[] = [];
  const emptyItems: NodeKey[] = [];
  const visit = (node: LexicalNode): void => {
    if ($isListNode(node) && node.getListType() === 'check') {
      lists.push(node.getKey());
      for (const item of node.getChildren()) if ($isListItemNode(item) && !$isListNode(item.getFirstChild()) && isBlank(item)) emptyItems.push(item.getKey());
    }
    if ($isElementNode(node)) for (const child of node.getChildren()) visit(child);
  };
  visit($getRoot());
  return { lists, emptyItems };
}

/** Sets an attribute on the elements given and takes it off those it was on before. */
class MarkedElements {
  private marked = new Map<HTMLElement, string>();
  constructor(private readonly attribute: string) {}

  set(wanted: ReadonlyMap<HTMLElement, string>): void {
    for (const element of this.marked.keys()) if (!wanted.has(element)) element.removeAttribute(this.attribute);
    for (const [element, value] of wanted) if (element.getAttribute(this.attribute) !== value) element.setAttribute(this.attribute, value);
    this.marked = new Map(wanted);
  }
}

/**
 * Shows the template's prompts in the empty blocks of an entry's body until the user writes there
 * (shared/entry/entryTemplates.ts). A prompt is a `data-prompt` attribute on the block's element,
 * drawn by the stylesheet: it is never in the document, so it is not content, not counted, not
 * exported and not sent to peers. For screen readers, an empty check item is named by its prompt
 * (or "Empty item"), and a check list is a group of checkboxes: Lexical gives each item the role
 * of a checkbox, which a list may not hold.
 */
export function TemplatePromptsPlugin({ kind }: { readonly kind: EntryKind }) {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    const prompts = new MarkedElements('data-prompt');
    const names = new MarkedElements('aria-label');
    const roles = new MarkedElements('role');
    const elements = (keys: Iterable<[NodeKey, string]>): Map<HTMLElement, string> => {
      const found = new Map<HTMLElement, string>();
      for (const [key, value] of keys) {
        const element = editor.getElementByKey(key);
        if (element) found.set(element, value);
      }
      return found;
    };
    const redraw = (): void => {
      const { shown, lists, emptyItems } = editor.getEditorState().read(() => ({ shown: $promptedBlocks(kind), ...$checkLists() }));
      prompts.set(elements(shown));
      names.set(elements(emptyItems.map((key) => [key, shown.get(key) ?? 'Empty item'])));
      roles.set(elements(lists.map((key) => [key, 'group'])));
    };
    redraw();
    // A move of the caret or a selection changes no block: only content changes are walked again
    // (in a 5,000-paragraph entry the walk is every block).
    const stop = editor.registerUpdateListener(({ dirtyElements, dirtyLeaves }) => {
      if (dirtyElements.size > 0 || dirtyLeaves.size > 0) redraw();
    });
    return () => {
      stop();
      for (const marks of [prompts, names, roles]) marks.set(new Map());
    };
  }, [editor, kind]);
  return null;
}
