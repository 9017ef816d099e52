import { createHeadlessEditor } from '@lexical/headless';
import { $createTextNode, $getRoot, $isElementNode, $isTextNode } from 'lexical';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readChecklistProgress } from '../../renderer/editor/checklistProgress';
import { ENTRY_BODY_NODES } from '../../renderer/editor/editorNodes';
import { writeEntryTemplate } from '../../renderer/editor/entryTemplateWriter';
import { readBodyText } from '../../renderer/editor/entryText';
import { readBodyMarkdown, readBodyMarkdownReport, readBodyReport, readBodyStateJson } from '../../renderer/editor/headlessBodyEditor';
import { readSections } from '../../renderer/editor/lessonSections';
import { $countUnsupportedContent, $isUnsupportedContentNode, UNSUPPORTED_CONTENT_NOTICE } from '../../renderer/editor/unsupportedContentNode';
import { initEntryDoc } from '../../shared/entry/entryDoc';
import { mountLiveBodyEditor, settle } from '../unit/support/liveBodyEditor';
import { exchangeUpdates } from '../unit/support/peers';
import { blockAt, stockClientUpdate } from '../unit/support/stockClient';

/**
 * A peer holding the link can write anything into a body with a stock Yjs client: a block or an
 * inline node of a type Peerbook does not know, shapes Lexical never writes, text outside any
 * paragraph, blocks nested thousands of levels deep. Each used to make Lexical's binding throw
 * (the live editor dropped the change, the headless readers behind export, search, checklist
 * progress and the history view failed) or, for text in the root, read the rest of the body at
 * the wrong place. Now every reader shows the rest of the entry and says a part was skipped, the
 * part stays in the document untouched, and co-editing goes on.
 */

const HEADINGS = ['## What happened', '## What I learned', '## How I’ll apply it'];

/** What a stock client writes: Lexical's attributes on Yjs types, or anything else. */
function block(type: unknown, text = ''): Y.XmlText {
  const element = new Y.XmlText();
  element.setAttribute('__type', type as string);
  if (text) {
    element.insertEmbed(0, textNode());
    element.insert(1, text);
  }
  return element;
}

function textNode(type: unknown = 'text'): Y.Map<unknown> {
  return new Y.Map<unknown>([
    ['__type', type],
    ['__format', 0],
    ['__style', ''],
    ['__mode', 0],
    ['__detail', 0],
  ]);
}

/** Blocks inside blocks, `levels` deep, the innermost a paragraph holding `text`. */
function nest(root: Y.XmlText, levels: number, text: string): void {
  let parent = root;
  for (let level = 1; level < levels; level++) {
    const quote = block('quote');
    parent.insertEmbed(parent.length, quote);
    parent = quote;
  }
  parent.insertEmbed(parent.length, block('paragraph', text));
}

interface HostileWrite {
  readonly name: string;
  readonly write: (root: Y.XmlText) => void;
  /** The most bytes the update may take, where its smallness is the point. */
  readonly maxBytes?: number;
}

const HOSTILE_WRITES: readonly HostileWrite[] = [
  { name: 'a block of a type Peerbook does not register', write: (root) => root.insertEmbed(2, block('evil-widget')), maxBytes: 64 },
  { name: 'an inline node of an unknown type in a paragraph', write: (root) => blockAt(root, 1).insertEmbed(0, textNode('evil-inline')) },
  {
    name: 'a decorator of an unknown type',
    write: (root) => {
      const embed = new Y.XmlElement('evil');
      embed.setAttribute('__type', 'evil-embed');
      root.insertEmbed(2, embed);
    },
  },
  { name: 'a block without a type', write: (root) => root.insertEmbed(2, new Y.XmlText()) },
  { name: 'a block whose type is a number', write: (root) => root.insertEmbed(2, block(42)) },
  { name: 'a block whose type is the root’s', write: (root) => root.insertEmbed(2, block('root', 'second root')) },
  { name: 'a block of a text node’s type', write: (root) => root.insertEmbed(2, block('text', 'not a block')) },
  { name: 'a text node directly in the root', write: (root) => (root.insertEmbed(2, textNode()), root.insert(3, 'loose words')) },
  { name: 'text straight into the root', write: (root) => root.insert(2, 'words outside any paragraph') },
  { name: 'a paragraph shaped like a text node', write: (root) => blockAt(root, 1).insertEmbed(0, textNode('paragraph')) },
  { name: 'an unknown block in a paragraph’s text', write: (root) => blockAt(root, 0).insertEmbed(5, block('evil-widget', 'hidden')) },
  { name: 'blocks nested 3,000 levels deep', write: (root) => nest(root, 3_000, 'deep down') },
];

/** An entry as its creating device stores it. */
function createdLesson(): Y.Doc {
  const doc = new Y.Doc();
  initEntryDoc(doc, { kind: 'lesson', createdAt: Date.UTC(2025, 4, 1), title: 'Incident review' });
  writeEntryTemplate(doc, 'lesson');
  return doc;
}

/** Every item of `update` is in `doc` and not deleted: nothing of it was dropped or rewritten. */
function expectKept(doc: Y.Doc, update: Uint8Array): void {
  const { ds } = Y.snapshot(doc);
  for (const struct of Y.decodeUpdate(update).structs) {
    if (struct instanceof Y.Item) expect(Y.isDeleted(ds, struct.id), `item ${struct.id.client}:${struct.id.clock} kept`).toBe(false);
  }
}

const tally = { writes: 0, readers: 0 };
afterAll(() => {
  console.log(
    `hostile body content: ${tally.writes} kinds of content no reader shows, each through ${tally.readers / Math.max(tally.writes, 1)} readers and a live editor: ` +
      'the rest of the entry shown, the part counted as skipped and kept in the document, co-editing going on',
  );
});

describe('content of a body that no reader shows', () => {
  it.each(HOSTILE_WRITES)('$name: readers skip it and say so, and it stays in the document', async ({ write, maxBytes }) => {
    const entry = createdLesson();
    const update = stockClientUpdate(entry, write);
    if (maxBytes !== undefined) expect(update.byteLength).toBeLessThanOrEqual(maxBytes);
    const written = new Y.Doc();
    Y.applyUpdate(written, Y.encodeStateAsUpdate(entry));
    Y.applyUpdate(written, update);

    // The readers of an entry that is not open: export, search text, progress, history view.
    const { value: markdown, skippedParts } = readBodyMarkdownReport(written);
    // Each skipped part leaves a comment where it was (inside a heading's text, too).
    expect(markdown).toContain(`<!-- ${UNSUPPORTED_CONTENT_NOTICE} -->`);
    for (const heading of HEADINGS) expect(markdown.replaceAll(`<!-- ${UNSUPPORTED_CONTENT_NOTICE} -->`, '')).toContain(heading);
    expect(skippedParts).toBeGreaterThanOrEqual(1);
    expect(readBodyText(written).body).toContain('What I learned');
    expect(readChecklistProgress(written)).toEqual({ done: 0, total: 0 });
    expect([...readSections(written).keys()]).toEqual(expect.arrayContaining(['What happened', 'What I learned']));
    const version = createHeadlessEditor({ namespace: 'version', nodes: [...ENTRY_BODY_NODES], onError: (error) => { throw error; } });
    version.setEditorState(version.parseEditorState(readBodyStateJson(written)));
    expect(version.read($countUnsupportedContent)).toBe(skippedParts);
    tally.readers += 5;

    // Ana has the entry open; Eve's update arrives; Ana and Ben go on co-editing.
    const [anaDoc, benDoc] = [new Y.Doc(), new Y.Doc()];
    const ana = mountLiveBodyEditor(anaDoc, { userName: 'Ana' });
    Y.applyUpdate(anaDoc, Y.encodeStateAsUpdate(entry), 'storage');
    Y.applyUpdate(benDoc, Y.encodeStateAsUpdate(entry), 'peer');
    await settle();
    Y.applyUpdate(anaDoc, update, 'peer');
    await settle();
    expect(ana.errors).toEqual([]);
    expect(ana.markdown()).toBe(readBodyMarkdown(anaDoc));
    expect(ana.read($countUnsupportedContent)).toBe(skippedParts);
    await ana.edit(() => {
      const learned = $getRoot().getChildren().find((node) => node.getTextContent() === 'What I learned')?.getNextSibling();
      if (!$isElementNode(learned)) throw new Error('no paragraph under What I learned');
      const last = learned.getLastChild();
      if ($isTextNode(last)) last.spliceText(last.getTextContentSize(), 0, ' Ana goes on.', true);
      else learned.append($createTextNode('Ana goes on.'));
    });
    exchangeUpdates(anaDoc, benDoc);
    await settle();
    expect(ana.errors).toEqual([]);
    expect(readBodyMarkdown(benDoc)).toContain('Ana goes on.');
    expect(ana.markdown()).toBe(readBodyMarkdown(benDoc));
    expectKept(anaDoc, update);
    ana.unmount();
    tally.writes++;
  });
});

describe('the nesting limit', () => {
  it('reads blocks down to 64 levels below the root and skips what lies deeper', () => {
    for (const [levels, read] of [
      [64, true],
      [65, false],
    ] as const) {
      const entry = createdLesson();
      Y.applyUpdate(entry, stockClientUpdate(entry, (root) => nest(root, levels, 'deep down')));
      const { value, skippedParts } = readBodyReport(entry, () => $getRoot().getTextContent());
      expect(value.includes('deep down'), `${levels} levels`).toBe(read);
      expect(skippedParts, `${levels} levels`).toBe(read ? 0 : 1);
    }
  });
});

describe('the notice of a part no reader shows', () => {
  it('goes with its part when deleted like any block, and Ctrl+Z brings both back', async () => {
    const entry = createdLesson();
    Y.applyUpdate(entry, stockClientUpdate(entry, (root) => root.insertEmbed(2, block('survey-widget', 'answers the app keeps'))));
    const doc = new Y.Doc();
    const body = mountLiveBodyEditor(doc, { userName: 'Ana' });
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(entry), 'storage');
    await settle();
    const undo = body.createUndoManager();

    await body.edit(() => $getRoot().getChildren().find($isUnsupportedContentNode)?.remove());
    expect(readBodyReport(doc, $countUnsupportedContent).value).toBe(0);
    undo.undo();
    await settle();
    expect(body.read($countUnsupportedContent)).toBe(1);
    expect(body.markdown()).toBe(readBodyMarkdown(doc));
    const restored = doc.get('root', Y.XmlText).toDelta()[2]?.insert;
    expect(restored instanceof Y.XmlText ? restored.toString() : null).toContain('answers the app keeps');
    expect(body.errors).toEqual([]);
    body.unmount();
  });
});
