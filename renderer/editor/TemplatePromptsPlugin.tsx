import { $isListItemNode, $isListNode } from '@lexical/list';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $isHeadingNode } from '@lexical/rich-text';
import { $getRoot, $isParagraphNode, type LexicalNode, type NodeKey } from 'lexical';
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

/**
 * Shows the template's prompts in the empty blocks of an entry's body until the user writes there
 * (shared/entry/entryTemplates.ts). A prompt is a `data-prompt` attribute on the block's element,
 * drawn by the stylesheet: it is never in the document, so it is not content, not counted, not
 * exported and not sent to peers.
 */
export function TemplatePromptsPlugin({ kind }: { readonly kind: EntryKind }) {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    let marked = new Set<HTMLElement>();
    const redraw = (): void => {
      const wanted = new Map<HTMLElement, string>();
      for (const [key, prompt] of editor.getEditorState().read(() => $promptedBlocks(kind))) {
        const element = editor.getElementByKey(key);
        if (element) wanted.set(element, prompt);
      }
      for (const element of marked) if (!wanted.has(element)) element.removeAttribute('data-prompt');
      for (const [element, prompt] of wanted) if (element.getAttribute('data-prompt') !== prompt) element.setAttribute('data-prompt', prompt);
      marked = new Set(wanted.keys());
    };
    redraw();
    const stop = editor.registerUpdateListener(redraw);
    return () => {
      stop();
      for (const element of marked) element.removeAttribute('data-prompt');
    };
  }, [editor, kind]);
  return null;
}
