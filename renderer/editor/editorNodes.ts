import { CodeNode } from '@lexical/code';
import { AutoLinkNode, LinkNode } from '@lexical/link';
import { ListItemNode, ListNode } from '@lexical/list';
import { HeadingNode, QuoteNode } from '@lexical/rich-text';
import type { EditorThemeClasses, Klass, LexicalNode } from 'lexical';
import { UnsupportedContentNode } from './unsupportedContentNode';

/** Every node an entry body may hold. The live editor and the headless ones share this list. */
export const ENTRY_BODY_NODES: ReadonlyArray<Klass<LexicalNode>> = [
  HeadingNode,
  QuoteNode,
  ListNode,
  ListItemNode,
  LinkNode,
  AutoLinkNode,
  CodeNode,
  UnsupportedContentNode,
];

export const ENTRY_EDITOR_THEME: EditorThemeClasses = {
  paragraph: 'pb-paragraph',
  heading: { h1: 'pb-h1', h2: 'pb-h2', h3: 'pb-h3' },
  quote: 'pb-quote',
  link: 'pb-link',
  code: 'pb-code-block',
  list: {
    ul: 'pb-ul',
    ol: 'pb-ol',
    listitem: 'pb-li',
    listitemChecked: 'pb-li-checked',
    listitemUnchecked: 'pb-li-unchecked',
    nested: { listitem: 'pb-li-nested' },
  },
  text: {
    bold: 'pb-bold',
    italic: 'pb-italic',
    code: 'pb-code',
    strikethrough: 'pb-strike',
    underline: 'pb-underline',
  },
};

export function reportEditorError(error: Error): void {
  console.error('[editor]', error);
}

/**
 * How a shown body's editor starts (React's LexicalComposer): the body's nodes and theme, errors
 * reported; `editorState` null where the collaboration binding owns the content.
 */
export function bodyComposerConfig(namespace: string, editable: boolean, editorState: string | null) {
  return { namespace, nodes: [...ENTRY_BODY_NODES], theme: ENTRY_EDITOR_THEME, onError: reportEditorError, editable, editorState };
}
