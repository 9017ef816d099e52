import { $createLinkNode } from '@lexical/link';
import { $createListItemNode, $createListNode } from '@lexical/list';
import { $createHeadingNode, type HeadingNode } from '@lexical/rich-text';
import { $createParagraphNode, $createTextNode, $getRoot, $setState, type ParagraphNode } from 'lexical';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { $readBodyActivity } from '../../../../renderer/editor/bodyActivity';
import { checkedAtState, checkedByState } from '../../../../renderer/editor/checkAttribution';
import { writeEntryTemplate } from '../../../../renderer/editor/entryTemplateWriter';
import { readBodyText } from '../../../../renderer/editor/entryText';
import { readBody, readBodyMarkdown, writeBodyOnce } from '../../../../renderer/editor/headlessBodyEditor';
import { readSections } from '../../../../renderer/editor/lessonSections';
import { LESSON_SECTIONS, writeLessonBody } from '../../../../renderer/editor/lessonNoteWriter';
import { titleFromText } from '../../../../renderer/journal/lessonNotes';
import { DOC_ORIGINS } from '../../../../shared/doc/docOrigins';
import { initEntryDoc } from '../../../../shared/entry/entryDoc';
import { parseEntryId } from '../../../../shared/entry/entryId';
import { mentionUrl } from '../../../../shared/entry/mentions';
import { joinPeer } from '../../support/peers';

const debriefId = parseEntryId('e-debrief001') ?? (() => { throw new Error('id'); })();

describe('a lesson note made from a debrief', () => {
  it('has the lesson template, the selected text under "What I learned" and a link back to the debrief', () => {
    const doc = new Y.Doc();
    initEntryDoc(doc, { kind: 'lesson', createdAt: 0, title: 'Dry runs find the bugs' });
    writeLessonBody(doc, {
      [LESSON_SECTIONS.happened]: [['From the debrief ', { id: debriefId, title: 'Payments migration' }, '.']],
      [LESSON_SECTIONS.learned]: [['Dry runs find the bugs that matter.'], ['Use production data.']],
    });
    const sections = readSections(doc);
    expect([...sections.keys()]).toEqual(['What happened', 'What I learned', 'How I’ll apply it']);
    expect(sections.get('What I learned')).toBe('Dry runs find the bugs that matter.\nUse production data.');
    expect(readBodyText(doc).links).toEqual([debriefId]);
    expect(readBodyMarkdown(doc)).toBe(
      [
        '## What happened',
        '',
        `From the debrief [Payments migration](peerbook://entry/${debriefId}).`,
        '',
        '## What I learned',
        '',
        'Dry runs find the bugs that matter.',
        '',
        'Use production data.',
        '',
        '## How I’ll apply it',
        '',
      ].join('\n'),
    );
  });

  it('leaves sections it was not given empty, as a new lesson has them', () => {
    const doc = new Y.Doc();
    writeLessonBody(doc, {});
    const template = new Y.Doc();
    writeEntryTemplate(template, 'lesson');
    expect(readBodyMarkdown(doc)).toBe(readBodyMarkdown(template));
  });

  it('is titled by the first line of the selection, in whole words', () => {
    expect(titleFromText('\n  Feature flags let us roll back.\nSecond line')).toBe('Feature flags let us roll back.');
    const long = 'Rolling back first restores service in minutes, and the cause can be found afterwards, calmly and with the whole team';
    const title = titleFromText(long);
    expect(title.length).toBeLessThanOrEqual(80);
    expect(title).toMatch(/^Rolling back first .* found…$/);
  });
});

type Inline = string | { mention: string };

function $paragraph(...parts: Inline[]): ParagraphNode {
  const paragraph = $createParagraphNode();
  for (const part of parts) {
    paragraph.append(
      typeof part === 'string' ? $createTextNode(part) : $createLinkNode(mentionUrl(part.mention)).append($createTextNode(`@${part.mention}`)),
    );
  }
  return paragraph;
}

function $heading(text: string): HeadingNode {
  return $createHeadingNode('h2').append($createTextNode(text));
}

describe('mentions and thanks in a debrief body', () => {
  it('survive sync and Markdown export, and count as thanks only under "Knowledge exchanges"', () => {
    const doc = new Y.Doc();
    initEntryDoc(doc, { kind: 'debrief', createdAt: 0 });
    writeBodyOnce(doc, DOC_ORIGINS.localEdit, () => {
      const ticked = $createListItemNode(true).append($createTextNode('Write the runbook'));
      $setState(ticked, checkedByState, 'Ana');
      $setState(ticked, checkedAtState, 1_234);
      $getRoot().append(
        $heading('What went well'),
        $paragraph('Thanks ', { mention: 'Ana' }),
        $heading('Knowledge exchanges that made a difference'),
        $paragraph({ mention: 'Ben Okafor' }, ' paired with ', { mention: 'Cy' }),
        $paragraph({ mention: 'Ben Okafor' }, ' again.'),
        $heading('Actions'),
        $createListNode('check').append(ticked, $createListItemNode(false).append($createTextNode('Later'))),
      );
    });
    const peer = joinPeer(doc);
    expect(readBody(peer, $readBodyActivity)).toEqual({
      thanks: [
        { name: 'Ben Okafor', count: 2 },
        { name: 'Cy', count: 1 },
      ],
      ticks: [1_234],
    });
    expect(readBodyMarkdown(peer)).toContain('[@Ben Okafor](peerbook://person/Ben%20Okafor) paired with [@Cy](peerbook://person/Cy)');
    expect(readBodyText(peer).links).toEqual([]);
  });
});
