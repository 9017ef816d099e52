import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BodyNotEmptyError, readBodyMarkdown } from '../../../../renderer/editor/headlessBodyEditor';
import { writeEntryTemplate } from '../../../../renderer/editor/entryTemplateWriter';
import { DOC_ORIGINS } from '../../../../shared/doc/docOrigins';
import { initEntryDoc } from '../../../../shared/entry/entryDoc';
import { ENTRY_KINDS, type EntryKind } from '../../../../shared/entry/entryKind';
import { ENTRY_TEMPLATES, templateHeadings, templatePrompts } from '../../../../shared/entry/entryTemplates';
import { exchangeUpdates, joinPeer } from '../../support/peers';
import { recordUpdateOrigins } from '../../support/updateOrigins';

/** The section headings a reader sees in the body, in order. */
function headingsIn(markdown: string): string[] {
  return markdown.split('\n').flatMap((line) => (line.startsWith('## ') ? [line.slice(3)] : []));
}

/** A new entry as the creating device makes it. */
function createEntry(kind: EntryKind): Y.Doc {
  const doc = new Y.Doc();
  initEntryDoc(doc, { kind, createdAt: Date.UTC(2025, 3, 1) });
  writeEntryTemplate(doc, kind);
  return doc;
}

describe('a new entry’s template', () => {
  it('gives each kind its section headings', () => {
    for (const kind of ENTRY_KINDS) {
      expect(headingsIn(readBodyMarkdown(createEntry(kind))), kind).toEqual(templateHeadings(kind));
    }
    // The comparison above is only as good as the templates: lessons and debriefs have sections.
    expect(templateHeadings('lesson').length).toBeGreaterThan(0);
    expect(templateHeadings('debrief').length).toBeGreaterThan(0);
  });

  it('starts a checklist with no made-up items: one empty step to write in, its prompts not written', () => {
    const markdown = readBodyMarkdown(createEntry('checklist'));
    expect(markdown.trim()).toBe('- [ ]');
    const prompts = ENTRY_TEMPLATES.checklist.blocks.flatMap((block) => (block.type !== 'heading' && block.prompt ? [block.prompt] : []));
    expect(prompts).toContain('What this checklist is for, and when to use it.');
    for (const kind of ENTRY_KINDS) {
      const body = readBodyMarkdown(createEntry(kind));
      for (const block of ENTRY_TEMPLATES[kind].blocks) if (block.type !== 'heading' && block.prompt) expect(body).not.toContain(block.prompt);
    }
  });

  it('has a prompt for every section that starts empty', () => {
    for (const kind of ENTRY_KINDS) {
      const prompts = templatePrompts(kind);
      for (const heading of templateHeadings(kind)) expect(prompts.has(heading), `${kind}: ${heading}`).toBe(true);
    }
    expect(templatePrompts('checklist').get('')).toEqual({ paragraph: 'What this checklist is for, and when to use it.', list: 'First step; Enter adds the next' });
  });

  it('is written in one transaction marked as the template', () => {
    const doc = new Y.Doc();
    initEntryDoc(doc, { kind: 'debrief', createdAt: Date.UTC(2025, 3, 1) });
    const origins = recordUpdateOrigins(doc);
    writeEntryTemplate(doc, 'debrief');
    expect(origins).toEqual([DOC_ORIGINS.template]);
  });

  it('is written only once: a second write is refused and leaves the body as it was', () => {
    const doc = createEntry('lesson');
    const before = readBodyMarkdown(doc);
    const state = Y.encodeStateAsUpdate(doc);
    const origins = recordUpdateOrigins(doc);

    expect(() => writeEntryTemplate(doc, 'lesson')).toThrow(BodyNotEmptyError);
    expect(() => writeEntryTemplate(doc, 'debrief')).toThrow(BodyNotEmptyError);

    expect(origins).toEqual([]);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(state);
    expect(readBodyMarkdown(doc)).toBe(before);
  });
});

describe('a peer joining a new entry', () => {
  it('sees the template once, as the creator wrote it', () => {
    for (const kind of ENTRY_KINDS) {
      const creator = createEntry(kind);
      const joiner = joinPeer(creator);
      const markdown = readBodyMarkdown(joiner);
      expect(headingsIn(markdown), kind).toEqual(templateHeadings(kind));
      expect(markdown, kind).toBe(readBodyMarkdown(creator));
    }
  });

  it('still sees the template once after both peers exchange their states, both ways, repeatedly', () => {
    const creator = createEntry('debrief');
    const joiner = new Y.Doc();
    exchangeUpdates(creator, joiner);
    exchangeUpdates(joiner, creator);
    exchangeUpdates(creator, joiner);

    for (const peer of [creator, joiner]) {
      const headings = headingsIn(readBodyMarkdown(peer));
      expect(headings).toEqual(templateHeadings('debrief'));
      expect(new Set(headings).size).toBe(headings.length);
    }
  });

  it('cannot write the template again once it has the creator’s state', () => {
    const creator = createEntry('checklist');
    const joiner = joinPeer(creator);
    expect(() => writeEntryTemplate(joiner, 'checklist')).toThrow(BodyNotEmptyError);
    exchangeUpdates(creator, joiner);
    expect(readBodyMarkdown(creator)).toBe(readBodyMarkdown(createEntry('checklist')));
  });
});
