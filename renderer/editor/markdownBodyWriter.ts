import { $convertFromMarkdownString } from '@lexical/markdown';
import type * as Y from 'yjs';
import { DOC_ORIGINS } from '../../shared/doc/docOrigins';
import { writeBodyOnce } from './headlessBodyEditor';
import { ENTRY_MARKDOWN_TRANSFORMERS } from './markdownTransformers';

/** Writes Markdown into a new entry's body with Lexical's own transformers (Import Markdown). */
export function writeMarkdownBody(doc: Y.Doc, markdown: string): void {
  writeBodyOnce(doc, DOC_ORIGINS.import, () => $convertFromMarkdownString(markdown, ENTRY_MARKDOWN_TRANSFORMERS));
}
