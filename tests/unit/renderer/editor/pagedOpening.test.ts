import { $createParagraphNode, $createTextNode, $getRoot, $isElementNode, $selectAll, SELECT_ALL_COMMAND } from 'lexical';
import { afterEach, describe, expect, it } from 'vitest';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { readBodyMarkdown } from '../../../../renderer/editor/headlessBodyEditor';
import { drawWholeBody, type BodyPaging, type EditorEntry } from '../../../../renderer/editor/entryBodyBinding';
import { readBodyStateJson } from '../../../../renderer/editor/headlessBodyEditor';
import { $block, $typeAtEnd } from '../../support/bodyEdits';
import { mountEntryEditor } from '../../support/entryEditor';
import { mountLiveBodyEditor, settle, type LiveBodyEditor } from '../../support/liveBodyEditor';
import { exchangeUpdates } from '../../support/peers';

/**
 * A long body opens a part at a time (renderer/editor/entryBodyBinding.ts, and point 9 of the
 * binding patch): its first blocks are drawn when the editor opens it, the rest in steps after.
 * While part of it is drawn, nothing a person or a colleague writes may be lost or land in the
 * wrong place, and once it is whole the editor shows exactly its document. The steps here are
 * taken by the test (a manual schedule) so that edits fall between them.
 */

const PARAGRAPHS = 60;

let mounted: LiveBodyEditor[] = [];
afterEach(() => {
  for (const body of mounted) body.unmount();
  mounted = [];
});

function keep<T extends LiveBodyEditor>(body: T): T {
  mounted.push(body);
  return body;
}

/** Ana's entry holding `count` paragraphs "Paragraph 0" … , written by an editor as the app writes. */
async function longEntry(count = PARAGRAPHS): Promise<Y.Doc> {
  const doc = new Y.Doc();
  const writer = mountLiveBodyEditor(doc);
  await writer.edit(() => {
    const root = $getRoot();
    root.clear();
    for (let index = 0; index < count; index++) root.append($createParagraphNode().append($createTextNode(`Paragraph ${index}`)));
  });
  writer.unmount();
  return doc;
}

function openEntry(doc: Y.Doc): EditorEntry {
  return { doc, awareness: new Awareness(doc), offerBodyReader: () => () => {} };
}

/** Steps the test takes itself: `step()` runs the next one. */
function manualSchedule(firstBlocks: number, blocksPerStep: number): BodyPaging & { step(): Promise<void>; readonly waiting: number } {
  const queue: Array<() => void> = [];
  return {
    firstBlocks,
    blocksPerStep,
    schedule(step) {
      queue.push(step);
      return () => {
        const at = queue.indexOf(step);
        if (at !== -1) queue.splice(at, 1);
      };
    },
    async step() {
      queue.shift()?.();
      await settle();
    },
    get waiting() {
      return queue.length;
    },
  };
}

/** Ana opens `doc` in an editor that draws 10 blocks first and `perStep` a step, steps taken by the test. */
async function openPaged(doc: Y.Doc, perStep: number) {
  const paging = manualSchedule(10, perStep);
  const body = keep(mountEntryEditor(openEntry(doc), 'Ana', paging));
  await settle();
  return { paging, body };
}

/** The body's paragraphs as lines, as the editor shows them. */
function shownLines(body: LiveBodyEditor): string[] {
  return body.read(() => $getRoot().getChildren().map((block) => block.getTextContent()));
}

function documentLines(doc: Y.Doc): string[] {
  return readBodyMarkdown(doc).split('\n\n');
}

function paragraphs(from: number, to: number): string[] {
  return Array.from({ length: to - from }, (_, index) => `Paragraph ${from + index}`);
}

describe('opening a long body a part at a time', () => {
  it('draws the first blocks at once and the rest in steps, and the document keeps every block meanwhile', async () => {
    const doc = await longEntry();
    const { paging, body } = await openPaged(doc, 20);
    expect(shownLines(body)).toEqual(paragraphs(0, 10));
    expect(body.undrawnBlocks()).toBe(PARAGRAPHS - 10);
    expect(documentLines(doc)).toEqual(paragraphs(0, PARAGRAPHS));

    await paging.step();
    expect(shownLines(body)).toEqual(paragraphs(0, 30));
    await paging.step();
    await paging.step();
    expect(paging.waiting).toBe(0);
    expect(shownLines(body)).toEqual(paragraphs(0, PARAGRAPHS));
    expect(body.markdown()).toBe(readBodyMarkdown(doc));
    expect(body.errors).toEqual([]);
  });

  it('draws a long body that arrives after the editor is bound (an entry just joined) in steps too', async () => {
    const doc = new Y.Doc();
    const { paging, body } = await openPaged(doc, 20);
    expect(paging.waiting).toBe(0);
    // The colleague's entry arrives.
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(await longEntry()));
    await settle();
    expect(shownLines(body)).toEqual(paragraphs(0, 10));
    expect(paging.waiting).toBe(1);
    while (paging.waiting > 0) await paging.step();
    expect(shownLines(body)).toEqual(paragraphs(0, PARAGRAPHS));
    expect(body.markdown()).toBe(readBodyMarkdown(doc));
  });

  it('a short body is drawn whole at once', async () => {
    const doc = await longEntry(8);
    const { paging, body } = await openPaged(doc, 20);
    expect(shownLines(body)).toEqual(paragraphs(0, 8));
    expect(paging.waiting).toBe(0);
  });

  it('puts what is typed, added and removed while part is drawn where it was done, and loses nothing not drawn', async () => {
    const doc = await longEntry();
    const { paging, body } = await openPaged(doc, 25);
    // Words in block 3, a new paragraph after the last drawn block (Enter at the end of it), block 5 removed.
    await body.edit(() => $typeAtEnd($block(3), ' and more'));
    await body.edit(() => {
      $getRoot().append($createParagraphNode().append($createTextNode('Added after 9')));
    });
    await body.edit(() => $block(5).remove());
    const expected = [...paragraphs(0, 3), 'Paragraph 3 and more', 'Paragraph 4', ...paragraphs(6, 10), 'Added after 9', ...paragraphs(10, PARAGRAPHS)];
    expect(documentLines(doc)).toEqual(expected);

    // A step, then words at the end of the newly drawn part.
    await paging.step();
    await body.edit(() => $typeAtEnd($block(34), ' typed at the new end'));
    expected[34] += ' typed at the new end';
    expect(documentLines(doc)).toEqual(expected);
    while (paging.waiting > 0) await paging.step();
    expect(shownLines(body)).toEqual(expected);
    expect(body.markdown()).toBe(readBodyMarkdown(doc));
    expect(body.errors).toEqual([]);
  });

  it("shows a colleague's changes to blocks not drawn yet once they are drawn, the same as the colleague", async () => {
    const doc = await longEntry();
    // Ben's editor is bound before the entry arrives, as a peer's first sync fills it.
    const ben = new Y.Doc();
    const benBody = keep(mountLiveBodyEditor(ben, { userName: 'Ben' }));
    Y.applyUpdate(ben, Y.encodeStateAsUpdate(doc));
    await settle();
    const { paging, body: ana } = await openPaged(doc, 25);

    // Ben edits a block Ana has not drawn, removes another, adds one among them and one right
    // after Ana's last drawn block.
    const benRoot = ben.get('root', Y.XmlText);
    const blockOf = (index: number): Y.XmlText => (benRoot.toDelta() as Array<{ insert: unknown }>)[index]?.insert as Y.XmlText;
    ben.transact(() => {
      const block = blockOf(40);
      block.insert(block.length, ' edited by Ben');
      benRoot.delete(30, 1);
    });
    exchangeUpdates(doc, ben);
    await settle();
    await benBody.edit(() => {
      $block(20).insertAfter($createParagraphNode().append($createTextNode('Ben between 20 and 21')));
      $block(9).insertAfter($createParagraphNode().append($createTextNode('Ben after 9')));
    });
    exchangeUpdates(doc, ben);
    await settle();
    // Ana types meanwhile, in what she has.
    await ana.edit(() => $typeAtEnd($block(2), ' and Ana'));
    exchangeUpdates(doc, ben);
    await settle();

    while (paging.waiting > 0) await paging.step();
    expect(ana.markdown()).toBe(readBodyMarkdown(doc));
    expect(readBodyMarkdown(ben)).toBe(readBodyMarkdown(doc));
    const lines = shownLines(ana);
    expect(lines).toContain('Paragraph 2 and Ana');
    expect(lines).toContain('Ben after 9');
    expect(lines).toContain('Ben between 20 and 21');
    expect(lines).toContain('Paragraph 40 edited by Ben');
    expect(lines).not.toContain('Paragraph 30');
    expect(lines).toHaveLength(PARAGRAPHS + 1);
    expect(lines.indexOf('Ben after 9')).toBe(lines.indexOf('Paragraph 9') + 1);
    expect(ana.errors).toEqual([]);
    expect(benBody.errors).toEqual([]);
  });

  it('undoes only her own edit while part of the body is drawn', async () => {
    const doc = await longEntry();
    const { paging, body: ana } = await openPaged(doc, 25);
    const undo = ana.bound.undoManager;
    await ana.edit(() => $typeAtEnd($block(1), ' typo'));
    undo.stopCapturing();
    await ana.edit(() => $getRoot().append($createParagraphNode().append($createTextNode('New last drawn'))));
    undo.undo();
    await settle();
    undo.undo();
    await settle();
    expect(documentLines(doc)).toEqual(paragraphs(0, PARAGRAPHS));
    undo.redo();
    await settle();
    await paging.step();
    expect(documentLines(doc)).toEqual(['Paragraph 0', 'Paragraph 1 typo', ...paragraphs(2, PARAGRAPHS)]);
    while (paging.waiting > 0) await paging.step();
    expect(ana.markdown()).toBe(readBodyMarkdown(doc));
    expect(ana.errors).toEqual([]);
  });

  it('select all draws the whole body first, so deleting the selection deletes all of it', async () => {
    const doc = await longEntry();
    const { paging, body: ana } = await openPaged(doc, 25);
    let selectedAll = false;
    // Lexical's rich-text plugin selects everything on the command; here the test does.
    ana.editor.registerCommand(
      SELECT_ALL_COMMAND,
      () => {
        $selectAll();
        selectedAll = true;
        return true;
      },
      0,
    );
    ana.editor.dispatchCommand(SELECT_ALL_COMMAND, null as unknown as KeyboardEvent);
    expect(selectedAll).toBe(false);
    // The command comes back once the body is drawn (the next scheduled task).
    while (paging.waiting > 0) await paging.step();
    expect(selectedAll).toBe(true);
    expect(ana.undrawnBlocks()).toBe(0);
    await ana.edit(() => {
      for (const block of $getRoot().getChildren()) if ($isElementNode(block)) block.remove();
      $getRoot().append($createParagraphNode().append($createTextNode('Only this')));
    });
    expect(documentLines(doc)).toEqual(['Only this']);
  });

  it('a restore replaces the whole body, not only the part drawn', async () => {
    const version = await longEntry(3);
    const doc = await longEntry();
    const { body: ana } = await openPaged(doc, 25);
    // As the app's restore (EntryEditor's BodyControllerPlugin) does.
    drawWholeBody(ana.editor);
    ana.editor.read(() => undefined);
    ana.editor.setEditorState(ana.editor.parseEditorState(readBodyStateJson(version)));
    await settle();
    expect(documentLines(doc)).toEqual(paragraphs(0, 3));
    expect(ana.markdown()).toBe(readBodyMarkdown(doc));
  });
});
