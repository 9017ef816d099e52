import { $createLinkNode } from '@lexical/link';
import { $createHeadingNode } from '@lexical/rich-text';
import { $createParagraphNode, $createTextNode, $getRoot, type ParagraphNode } from 'lexical';
import type * as Y from 'yjs';
import { DOC_ORIGINS } from '../../shared/doc/docOrigins';
import type { EntryId } from '../../shared/entry/entryId';
import { ENTRY_TEMPLATES } from '../../shared/entry/entryTemplates';
import { entryLinkUrl } from './entryText';
import { writeBodyOnce } from './headlessBodyEditor';

/** A run of text, or a link to another entry (shown by its title). */
export type LessonInline = string | { readonly id: EntryId; readonly title: string };

/**
 * A lesson note that starts with content: paragraphs for some of the lesson template's sections,
 * keyed by the section's heading. Sections not given stay empty, as in a new lesson.
 */
export type LessonDraft = Readonly<Partial<Record<string, ReadonlyArray<readonly LessonInline[]>>>>;

export const LESSON_SECTIONS = {
  happened: 'What happened',
  learned: 'What I learned',
  apply: 'How I’ll apply it',
} as const;

function $paragraph(parts: readonly LessonInline[]): ParagraphNode {
  const paragraph = $createParagraphNode();
  for (const part of parts) {
    if (typeof part === 'string') {
      if (part) paragraph.append($createTextNode(part));
    } else {
      paragraph.append($createLinkNode(entryLinkUrl(part.id)).append($createTextNode(part.title)));
    }
  }
  return paragraph;
}

/**
 * Writes a new lesson's body: the lesson template, with the draft's paragraphs in place of the
 * empty paragraph under their section's heading. Written once, by the creating device, like
 * every template (writeBodyOnce).
 */
export function writeLessonBody(doc: Y.Doc, draft: LessonDraft): void {
  writeBodyOnce(doc, DOC_ORIGINS.template, () => {
    const root = $getRoot();
    root.clear();
    let section: string | null = null;
    for (const block of ENTRY_TEMPLATES.lesson.blocks) {
      if (block.type === 'heading') {
        section = block.text;
        root.append($createHeadingNode('h2').append($createTextNode(block.text)));
        continue;
      }
      const paragraphs = section ? draft[section] : undefined;
      if (paragraphs && paragraphs.length > 0) for (const parts of paragraphs) root.append($paragraph(parts));
      else if (block.type === 'paragraph') root.append($paragraph([block.text]));
      section = null;
    }
  });
}
