import { readFileSync } from 'node:fs';
import { $createListItemNode, $createListNode } from '@lexical/list';
import { $createHeadingNode } from '@lexical/rich-text';
import { $createTextNode, $getRoot } from 'lexical';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { writeEntryTemplate } from '../../../../renderer/editor/entryTemplateWriter';
import { readBodyMarkdown, writeBodyOnce } from '../../../../renderer/editor/headlessBodyEditor';
import { DOC_ORIGINS } from '../../../../shared/doc/docOrigins';
import { addEntryTag, getEntryTags, getEntryTitle, initEntryDoc, readEntryMeta } from '../../../../shared/entry/entryDoc';
import { ENTRY_KINDS, type EntryKind } from '../../../../shared/entry/entryKind';
import { composeEntryMarkdown } from '../../../../shared/entry/entryMarkdownFile';
import { joinPeer } from '../../support/peers';

/**
 * The golden files are what a person gets when they export a new entry of each kind. They were
 * written from this test's output once and read by a person; when the export changes on purpose,
 * rewrite them the same way and read the diff. They keep meaningful trailing spaces (`- ` and
 * `- [ ] ` are empty items): do not let an editor strip them.
 */
const golden = (name: string): string => readFileSync(new URL(`./golden/${name}.md`, import.meta.url), 'utf8');

const createdAt = Date.UTC(2025, 2, 14, 9, 30);
const updatedAt = Date.UTC(2025, 2, 15, 17, 5);

const TITLES: Record<EntryKind, string> = {
  lesson: 'Rollbacks need a runbook',
  checklist: 'Release day',
  debrief: 'DNS outage, 14 March',
};
const TAGS: Record<EntryKind, string[]> = {
  lesson: ['Release', '#on call'],
  checklist: ['release'],
  debrief: ['incident', 'dns'],
};

function exportEntry(doc: Y.Doc): string {
  const meta = readEntryMeta(doc);
  if (!meta) throw new Error('not an entry');
  return composeEntryMarkdown(
    { title: getEntryTitle(doc), kind: meta.kind, tags: getEntryTags(doc), createdAt: meta.createdAt, updatedAt },
    readBodyMarkdown(doc),
  );
}

function newEntry(kind: EntryKind): Y.Doc {
  const doc = new Y.Doc();
  initEntryDoc(doc, { kind, createdAt, title: TITLES[kind] });
  for (const tag of TAGS[kind]) addEntryTag(doc, tag, createdAt);
  writeEntryTemplate(doc, kind);
  return doc;
}

describe('exporting an entry as Markdown', () => {
  for (const kind of ENTRY_KINDS) {
    it(`writes a new ${kind} as the golden file shows`, () => {
      expect(exportEntry(newEntry(kind))).toBe(golden(kind));
    });
  }

  it('exports the same file from a peer that joined the entry', () => {
    for (const kind of ENTRY_KINDS) expect(exportEntry(joinPeer(newEntry(kind))), kind).toBe(golden(kind));
  });

  it('writes a ticked item as "- [x] "', () => {
    const doc = new Y.Doc();
    initEntryDoc(doc, { kind: 'checklist', createdAt, title: 'Release day' });
    writeBodyOnce(doc, DOC_ORIGINS.import, () => {
      $getRoot().append(
        $createHeadingNode('h2').append($createTextNode('Steps')),
        $createListNode('check').append(
          $createListItemNode(false).append($createTextNode('First step')),
          $createListItemNode(true).append($createTextNode('Second step')),
          $createListItemNode(false).append($createTextNode('Third step')),
        ),
      );
    });
    const lines = exportEntry(doc).split('\n');
    const steps = lines.slice(lines.indexOf('## Steps') + 2, lines.indexOf('## Steps') + 5);
    expect(steps).toEqual(['- [ ] First step', '- [x] Second step', '- [ ] Third step']);
  });
});
