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
  type TextMatchTransformer,
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

/** The same comment for such a part inside a block (a quote, a list item), where Lexical exports children. */
const UNSUPPORTED_CONTENT_INSIDE: TextMatchTransformer = {
  dependencies: [UnsupportedContentNode],
  export: (node) => ($isUnsupportedContentNode(node) ? `<!-- ${UNSUPPORTED_CONTENT_NOTICE} -->` : null),
  importRegExp: /(?!)/,
  regExp: /(?!)/,
  replace: () => undefined,
  type: 'text-match',
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
  UNSUPPORTED_CONTENT_INSIDE,
];
