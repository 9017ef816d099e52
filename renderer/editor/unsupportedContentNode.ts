import { $getRoot, $isElementNode, DecoratorNode, type LexicalNode, type SerializedLexicalNode } from 'lexical';
import { countOf } from '../../shared/locale/localeFormat';

/**
 * Content of an entry's body that the editor does not show: a block or inline node of a type
 * Peerbook does not know (written by another app, or by a peer sending anything), blocks nested
 * deeper than the binding reads (64 levels of elements), and text written straight into the
 * body's root. The patched Yjs binding (patches/@lexical+yjs+0.52.0.patch) maps each such part
 * to one node of this type, by the type name `unsupported`, and never reads into or writes to
 * what it hides, so the part stays in the document for the app that wrote it. The editor shows
 * a short notice in its place; readers (Markdown, search text, progress) skip it and can count
 * it with $countUnsupportedContent.
 */
export const UNSUPPORTED_CONTENT_NOTICE = 'Part of this entry was written by another app and is not shown';

export class UnsupportedContentNode extends DecoratorNode<null> {
  static override getType(): string {
    return 'unsupported';
  }

  static override clone(node: UnsupportedContentNode): UnsupportedContentNode {
    return new UnsupportedContentNode(node.__key);
  }

  static override importJSON(): UnsupportedContentNode {
    return new UnsupportedContentNode();
  }

  override exportJSON(): SerializedLexicalNode {
    return { ...super.exportJSON(), type: UnsupportedContentNode.getType(), version: 1 };
  }

  override createDOM(): HTMLElement {
    const element = document.createElement('span');
    element.className = 'pb-unsupported';
    element.contentEditable = 'false';
    element.setAttribute('role', 'note');
    element.textContent = UNSUPPORTED_CONTENT_NOTICE;
    return element;
  }

  override updateDOM(): boolean {
    return false;
  }

  override decorate(): null {
    return null;
  }

  override isInline(): boolean {
    return false;
  }

  /** Nothing of the hidden part goes into text, search or Markdown. */
  override getTextContent(): string {
    return '';
  }
}

export function $isUnsupportedContentNode(node: LexicalNode | null | undefined): node is UnsupportedContentNode {
  return node instanceof UnsupportedContentNode;
}

/** How many parts of the body are not shown (see UnsupportedContentNode). */
export function $countUnsupportedContent(): number {
  let count = 0;
  const visit = (node: LexicalNode): void => {
    if ($isUnsupportedContentNode(node)) count++;
    else if ($isElementNode(node)) for (const child of node.getChildren()) visit(child);
  };
  visit($getRoot());
  return count;
}

/** How readers say what they skipped: "2 parts written by another app are not shown". */
export function describeHiddenParts(parts: number): string {
  return `${countOf(parts, { one: 'part', other: 'parts' })} written by another app ${parts === 1 ? 'is' : 'are'} not shown`;
}
