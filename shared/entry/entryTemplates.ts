import type { EntryKind } from './entryKind';

/**
 * What a new entry's body starts with, as plain data. Headings are the entry's structure (This
 * week, Insights and Make lesson note read them); everything else starts empty, with a prompt
 * that the editor shows in the empty block until the user writes there. Prompts are not content:
 * they are not in the document, so a new checklist has no made-up items to count. The editor module turns these blocks into
 * Lexical nodes once, on the device that creates the entry (ARCHITECTURE.md: a joining peer never
 * bootstraps content, or the template would appear twice).
 */
export type TemplateBlock =
  | { readonly type: 'heading'; readonly text: string }
  | { readonly type: 'paragraph'; readonly text: string; readonly prompt?: string }
  | { readonly type: 'bullets'; readonly items: readonly string[]; readonly prompt?: string }
  | { readonly type: 'checks'; readonly items: readonly string[]; readonly prompt?: string };

export interface EntryTemplate {
  readonly defaultTitle: string;
  readonly blocks: readonly TemplateBlock[];
}

const empty = (prompt: string): TemplateBlock => ({ type: 'paragraph', text: '', prompt });

export const ENTRY_TEMPLATES: Readonly<Record<EntryKind, EntryTemplate>> = {
  lesson: {
    defaultTitle: 'Untitled lesson',
    blocks: [
      { type: 'heading', text: 'What happened' },
      empty('The situation, in a sentence or two.'),
      { type: 'heading', text: 'What I learned' },
      empty('The lesson, in your own words.'),
      { type: 'heading', text: 'How I’ll apply it' },
      empty('What you will do differently next time.'),
    ],
  },
  checklist: {
    defaultTitle: 'Untitled checklist',
    blocks: [
      empty('What this checklist is for, and when to use it.'),
      { type: 'checks', items: [''], prompt: 'First step; Enter adds the next' },
    ],
  },
  debrief: {
    defaultTitle: 'Untitled debrief',
    blocks: [
      { type: 'heading', text: 'What went well' },
      empty('What worked, and why.'),
      { type: 'heading', text: 'What didn’t' },
      empty('What got in the way.'),
      { type: 'heading', text: 'Lessons' },
      { type: 'bullets', items: [''], prompt: 'One lesson a line.' },
      { type: 'heading', text: 'Knowledge exchanges that made a difference' },
      empty('Who helped, and how: type @ and a name to thank them.'),
      { type: 'heading', text: 'Actions' },
      { type: 'checks', items: [''], prompt: 'What is to be done; @ names who does it.' },
    ],
  },
};

/** The prompts of a kind's template, by section (the heading above; '' before any heading). */
export interface SectionPrompts {
  readonly paragraph?: string;
  readonly list?: string;
}

export function templatePrompts(kind: EntryKind): ReadonlyMap<string, SectionPrompts> {
  const prompts = new Map<string, SectionPrompts>();
  let section = '';
  for (const block of ENTRY_TEMPLATES[kind].blocks) {
    if (block.type === 'heading') section = block.text;
    else if (block.prompt) {
      const current = prompts.get(section) ?? {};
      prompts.set(section, block.type === 'paragraph' ? { paragraph: current.paragraph ?? block.prompt, ...current } : { list: current.list ?? block.prompt, ...current });
    }
  }
  return prompts;
}

/** The section headings a kind's template starts with (used by tests and the empty-state copy). */
export function templateHeadings(kind: EntryKind): string[] {
  return ENTRY_TEMPLATES[kind].blocks.flatMap((block) => (block.type === 'heading' ? [block.text] : []));
}
