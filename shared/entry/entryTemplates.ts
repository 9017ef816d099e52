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

export const ENTRY_TEMPLATES: Readonly<Record<EntryKind, EntryTemplate>> = {
  lesson: {
    defaultTitle: 'Untitled lesson',
    blocks: [
      { type: 'heading', text: 'What happened' },
      empty,
      { type: 'heading', text: 'What I learned' },
      empty,
      { type: 'heading', text: 'How I’ll apply it' },
      empty,
    ],
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
      { type: 'heading', text: 'What went well' },
      empty,
      { type: 'heading', text: 'What didn’t' },
      empty,
      { type: 'heading', text: 'Lessons' },
      { type: 'bullets', items: [''] },
      { type: 'heading', text: 'Knowledge exchanges that made a difference' },
      empty,
      { type: 'heading', text: 'Actions' },
      { type: 'checks', items: [''] },
    ],
  },
};

/** The section headings a kind's template starts with (used by tests and the empty-state copy). */
export function templateHeadings(kind: EntryKind): string[] {
  return ENTRY_TEMPLATES[kind].blocks.flatMap((block) => (block.type === 'heading' ? [block.text] : []));
}
