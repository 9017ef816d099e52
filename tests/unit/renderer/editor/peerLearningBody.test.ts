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
import { createHeadlessEditor } from '@lexical/headless';
import { setDebriefActionDone } from '../../../../renderer/editor/debriefActionWriter';
import { ENTRY_BODY_NODES } from '../../../../renderer/editor/editorNodes';
import { $wholeMentionText } from '../../../../renderer/editor/MentionsPlugin';
import { readBody, readBodyMarkdown, writeBodyOnce } from '../../../../renderer/editor/headlessBodyEditor';
import { readSections } from '../../../../renderer/editor/lessonSections';
import { LESSON_SECTIONS, writeLessonBody } from '../../../../renderer/editor/lessonNoteWriter';
import { titleFromText } from '../../../../renderer/journal/lessonNotes';
import { DOC_ORIGINS } from '../../../../shared/doc/docOrigins';
import { initEntryDoc } from '../../../../shared/entry/entryDoc';
import { parseEntryId } from '../../../../shared/entry/entryId';
import { mentionUrl } from '../../../../shared/entry/mentions';
import { exchangeUpdates, joinPeer } from '../../support/peers';
import { recordUpdateOrigins } from '../../support/updateOrigins';

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
      actions: [
        { text: 'Write the runbook', owners: [], done: true },
        { text: 'Later', owners: [], done: false },
      ],
    });
    expect(readBodyMarkdown(peer)).toContain('[@Ben Okafor](peerbook://person/Ben%20Okafor) paired with [@Cy](peerbook://person/Cy)');
    expect(readBodyText(peer).links).toEqual([]);
  });
});

describe('an action ticked away from its debrief (This week)', () => {
  function debriefWithActions(): Y.Doc {
    const doc = new Y.Doc();
    initEntryDoc(doc, { kind: 'debrief', createdAt: 0 });
    writeBodyOnce(doc, DOC_ORIGINS.template, () => {
      const runbook = $createListItemNode(false).append($createTextNode('Update the runbook '));
      runbook.append($createLinkNode(mentionUrl('Ana')).append($createTextNode('@Ana')));
      $getRoot().append(
        $heading('What went well'),
        $paragraph('The canary caught it.'),
        $heading('Actions'),
        $createListNode('check').append($createListItemNode(false).append($createTextNode('Book the retro room')), runbook),
      );
    });
    return doc;
  }

  it('is ticked in the document, with who ticked it and when, as one local edit that every peer receives', () => {
    const doc = debriefWithActions();
    const peer = joinPeer(doc);
    const origins = recordUpdateOrigins(doc);

    expect(setDebriefActionDone(doc, { index: 1, text: 'Update the runbook @Ana' }, true, { name: 'Ana', at: 5_000 })).toBe(true);
    expect(origins).toEqual([DOC_ORIGINS.localEdit]);
    exchangeUpdates(doc, peer);
    expect(readBody(peer, $readBodyActivity)).toMatchObject({
      ticks: [5_000],
      actions: [
        { text: 'Book the retro room', owners: [], done: false },
        { text: 'Update the runbook @Ana', owners: ['Ana'], done: true },
      ],
    });
    expect(readBodyMarkdown(peer)).toContain('- [ ] Book the retro room\n- [x] Update the runbook [@Ana](peerbook://person/Ana)');
    // The rest of the body is as it was.
    expect(readBodyMarkdown(peer)).toContain('## What went well\n\nThe canary caught it.');
  });

  it('is found by its text when the row is a moment behind the document, and unticking clears who ticked it', () => {
    const doc = debriefWithActions();
    setDebriefActionDone(doc, { index: 1, text: 'Update the runbook @Ana' }, true, { name: 'Ana', at: 5_000 });
    // A colleague has since added an action above it: the row's index points at another item.
    expect(setDebriefActionDone(doc, { index: 0, text: 'Update the runbook @Ana' }, false, { name: 'Ana', at: 6_000 })).toBe(true);
    expect(readBody(doc, $readBodyActivity)).toMatchObject({
      ticks: [],
      actions: [
        { text: 'Book the retro room', done: false },
        { text: 'Update the runbook @Ana', done: false },
      ],
    });
  });

  it('changes nothing when the debrief no longer has the action', () => {
    const doc = debriefWithActions();
    const origins = recordUpdateOrigins(doc);
    expect(setDebriefActionDone(doc, { index: 1, text: 'Update the wiki @Ana' }, true, { name: 'Ana', at: 5_000 })).toBe(false);
    expect(origins).toEqual([]);
  });
});

describe('choosing a person after @', () => {
  it('replaces everything typed after @, even when the menu still had the match of an earlier keystroke', () => {
    const editor = createHeadlessEditor({ nodes: [...ENTRY_BODY_NODES], onError: (error) => { throw error; } });
    let replaced = '';
    editor.update(
      () => {
        // Lexical split off "n" of "@An" (the match it held was that of "@" alone).
        const typed = $createTextNode('n');
        $getRoot().append($createParagraphNode().append($createTextNode('Book the room @A'), typed));
        const whole = $wholeMentionText(typed);
        replaced = whole.node.getTextContent();
        whole.node.replace($createTextNode(`[${whole.name}]`));
      },
      { discrete: true },
    );
    expect(replaced).toBe('@An');
    expect(editor.getEditorState().read(() => $getRoot().getTextContent())).toBe('Book the room [An]');
  });
});
