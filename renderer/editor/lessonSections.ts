import { $isHeadingNode } from '@lexical/rich-text';
import { $getRoot } from 'lexical';
import type * as Y from 'yjs';
import { readBody } from './headlessBodyEditor';

/** The text under each heading of a body (blocks joined by line breaks), keyed by the heading. */
export function $readSections(): Map<string, string> {
  const sections = new Map<string, string>();
  let heading = '';
  let lines: string[] = [];
  const close = (): void => {
    const text = lines.join('\n').trim();
    if (heading || text) sections.set(heading, [sections.get(heading), text].filter(Boolean).join('\n'));
  };
  for (const block of $getRoot().getChildren()) {
    if ($isHeadingNode(block)) {
      close();
      heading = block.getTextContent().trim();
      lines = [];
    } else {
      lines.push(block.getTextContent());
    }
  }
  close();
  return sections;
}

/** The same, for an entry that is not open in an editor. */
export function readSections(doc: Y.Doc): Map<string, string> {
  return readBody(doc, $readSections);
}
