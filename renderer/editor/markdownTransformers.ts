import {
  BOLD_ITALIC_STAR,
  BOLD_ITALIC_UNDERSCORE,
  BOLD_STAR,
  BOLD_UNDERSCORE,
  CHECK_LIST,
  CODE,
  HEADING,
  INLINE_CODE,
  ITALIC_STAR,
  ITALIC_UNDERSCORE,
  LINK,
  ORDERED_LIST,
  QUOTE,
  STRIKETHROUGH,
  UNORDERED_LIST,
  type ElementTransformer,
  type Transformer,
} from '@lexical/markdown';
import { $isUnsupportedContentNode, UNSUPPORTED_CONTENT_NOTICE, UnsupportedContentNode } from './unsupportedContentNode';

/**
 * A part of the body the editor does not show leaves a comment in the Markdown, so a reader of
 * the file knows something was skipped (a blank line would hide it). Nothing is typed into it.
 */
const UNSUPPORTED_CONTENT: ElementTransformer = {
  dependencies: [UnsupportedContentNode],
  export: (node) => ($isUnsupportedContentNode(node) ? `<!-- ${UNSUPPORTED_CONTENT_NOTICE} -->` : null),
  regExp: /(?!)/,
  replace: () => false,
  type: 'element',
};

/**
 * Lexical's own Markdown transformers, used both for shortcuts while typing and for export.
 * CHECK_LIST is not in Lexical's default set and must come before UNORDERED_LIST, or `- [ ] `
 * would become a bullet followed by "[ ] ".
 */
export const ENTRY_MARKDOWN_TRANSFORMERS: Transformer[] = [
  UNSUPPORTED_CONTENT,
  HEADING,
  QUOTE,
  CODE,
  CHECK_LIST,
  UNORDERED_LIST,
  ORDERED_LIST,
  INLINE_CODE,
  BOLD_ITALIC_STAR,
  BOLD_ITALIC_UNDERSCORE,
  BOLD_STAR,
  BOLD_UNDERSCORE,
  ITALIC_STAR,
  ITALIC_UNDERSCORE,
  STRIKETHROUGH,
  LINK,
];
