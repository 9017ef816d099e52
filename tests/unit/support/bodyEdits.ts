import { $createTextNode, $getRoot, $isElementNode, $isTextNode, type ElementNode } from 'lexical';

/** Edits of a body as a person makes them, for tests; run them inside an editor update. */

/** The block at `index` of the body (headings, paragraphs and lists count as blocks). */
export function $block(index: number): ElementNode {
  const block = $getRoot().getChildAtIndex(index);
  if (!$isElementNode(block)) throw new Error(`no block ${index}`);
  return block;
}

/** Types `text` at the end of a block, as a caret at its end would. */
export function $typeAtEnd(block: ElementNode, text: string): void {
  const last = block.getLastChild();
  if ($isTextNode(last)) last.spliceText(last.getTextContentSize(), 0, text, true);
  else block.append($createTextNode(text)).selectEnd();
}

/** Types `text` at the end of the block at `index` without moving the selection, as a peer's edit lands. */
export function $appendToBlock(index: number, text: string): void {
  const block = $block(index);
  const last = block.getLastChild();
  if ($isTextNode(last)) last.spliceText(last.getTextContentSize(), 0, text, true);
  else block.append($createTextNode(text));
}
