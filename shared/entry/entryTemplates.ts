import type { EntryKind } from './entryKind';

/**
 * What a new entry's body starts with, as plain data. The editor module turns these blocks into
 * Lexical nodes once, on the device that creates the entry: a joining peer never bootstraps
 * content, or the template would appear twice (docs/DECISIONS.md, "Templates are written once").
 */
export type TemplateBlock =
  | { readonly type: 'heading'; readonly text: string }
  | { readonly type: 'paragraph'; readonly text: string }
  | { readonly type: 'bullets'; readonly items: readonly string[] }
  | { readonly type: 'checks'; readonly items: readonly string[] };

export interface EntryTemplate {
  readonly defaultTitle: string;
  readonly blocks: readonly TemplateBlock[];
}

const empty: TemplateBlock = { type: 'paragraph', text: '' };

/** Sections to write in: each a heading over an empty paragraph. */
function sections(...headings: string[]): TemplateBlock[] {
  return headings.flatMap((text): TemplateBlock[] => [{ type: 'heading', text }, empty]);
}

export const ENTRY_TEMPLATES: Readonly<Record<EntryKind, EntryTemplate>> = {
  lesson: {
    defaultTitle: 'Untitled lesson',
    blocks: sections('What happened', 'What I learned', 'How I’ll apply it'),
  },
  checklist: {
    defaultTitle: 'Untitled checklist',
    blocks: [
      { type: 'paragraph', text: 'What this checklist is for, and when to use it.' },
      { type: 'checks', items: ['First step', 'Second step', 'Third step'] },
    ],
  },
  debrief: {
    defaultTitle: 'Untitled debrief',
    blocks: [
      ...sections('What went well', 'What didn’t'),
      { type: 'heading', text: 'Lessons' },
      { type: 'bullets', items: [''] },
      ...sections('Knowledge exchanges that made a difference'),
      { type: 'heading', text: 'Actions' },
      { type: 'checks', items: [''] },
    ],
  },
};

/** The section headings a kind's template starts with (used by tests and the empty-state copy). */
export function templateHeadings(kind: EntryKind): string[] {
  return ENTRY_TEMPLATES[kind].blocks.flatMap((block) => (block.type === 'heading' ? [block.text] : []));
}
