import { $createLinkNode } from '@lexical/link';
import { $createListItemNode, $createListNode } from '@lexical/list';
import { $createHeadingNode } from '@lexical/rich-text';
import { $createParagraphNode, $createTextNode, $getRoot } from 'lexical';
import type * as Y from 'yjs';
import { DOC_ORIGINS } from '../../shared/doc/docOrigins';
import type { EntryId } from '../../shared/entry/entryId';
import type { SampleEntry } from '../../shared/seed/sampleEntries';
import { entryLinkUrl } from './entryText';
import { writeBodyOnce } from './headlessBodyEditor';

/** Writes a sample entry's body (sections, check items, links) into a new entry document. */
export function writeSampleBody(doc: Y.Doc, sample: SampleEntry, links: ReadonlyArray<{ id: EntryId; title: string }>): void {
  writeBodyOnce(doc, DOC_ORIGINS.import, () => {
    const root = $getRoot();
    for (const section of sample.sections) {
      if (section.heading) root.append($createHeadingNode('h2').append($createTextNode(section.heading)));
      for (const text of section.paragraphs) root.append($createParagraphNode().append($createTextNode(text)));
    }
    if (sample.checks.length > 0) {
      const list = $createListNode('check');
      sample.checks.forEach((text, index) => list.append($createListItemNode(index % 3 === 0).append($createTextNode(text))));
      root.append(list);
    }
    for (const link of links) {
      root.append(
        $createParagraphNode().append($createTextNode('See also '), $createLinkNode(entryLinkUrl(link.id)).append($createTextNode(link.title))),
      );
    }
  });
}

/** Writes a long body of plain paragraphs (for the large-entry benchmark). */
export function writeParagraphsBody(doc: Y.Doc, paragraphs: readonly string[]): void {
  writeBodyOnce(doc, DOC_ORIGINS.import, () => {
    const root = $getRoot();
    for (const text of paragraphs) root.append($createParagraphNode().append($createTextNode(text)));
  });
}
