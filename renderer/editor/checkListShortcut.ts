import { $isListItemNode, $isListNode } from '@lexical/list';
import { $getSelection, $isRangeSelection, TextNode, type LexicalEditor } from 'lexical';

const CHECK_PREFIX = /^\[( |x)?\]\s/i;

/**
 * Makes `- [ ] ` (and `- [x] `) typed at the start of a line a check item. Lexical's Markdown
 * shortcuts turn `- ` into a bullet the moment the space is typed, and do not look at list items
 * after that, so the `[ ] ` that follows would stay text. This finishes the job: `[ ] ` typed at
 * the start of the only item of a bullet list turns that list into a check list.
 */
export function registerCheckListShortcut(editor: LexicalEditor): () => void {
  return editor.registerNodeTransform(TextNode, (text) => {
    const match = CHECK_PREFIX.exec(text.getTextContent());
    if (!match) return;
    const item = text.getParent();
    if (!$isListItemNode(item) || item.getFirstChild() !== text) return;
    const list = item.getParent();
    if (!$isListNode(list) || list.getListType() !== 'bullet' || list.getChildrenSize() !== 1) return;
    const selection = $getSelection();
    if (!$isRangeSelection(selection) || !selection.isCollapsed()) return;
    if (selection.anchor.getNode() !== text || selection.anchor.offset !== match[0].length) return;
    list.setListType('check');
    item.setChecked(match[1]?.toLowerCase() === 'x');
    const rest = text.getTextContent().slice(match[0].length);
    text.setTextContent(rest);
    text.select(0, 0);
  });
}
