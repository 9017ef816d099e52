// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { writeEntryTemplate } from '../../renderer/editor/entryTemplateWriter';
import { readBodyMarkdown } from '../../renderer/editor/headlessBodyEditor';
import { initEntryDoc } from '../../shared/entry/entryDoc';
import { mountLiveBodyEditor, settle } from '../unit/support/liveBodyEditor';
import { exchangeUpdates } from '../unit/support/peers';
import { $appendToBlock } from '../unit/support/bodyEdits';

/**
 * The body written twice (docs/DECISIONS.md, "Lexical's Yjs binding: V1, patched"):
 * mounting the body's content-editable while a collaboration update was pending committed that
 * update without its tag, and the binding wrote the whole body back as new content. The app now
 * mounts the element once and hides it; this pins down what Lexical does when the element comes
 * and goes while a peer's updates are pending, in a DOM (happy-dom, which @lexical/headless
 * already brings).
 */

describe('mounting the body’s element while a peer’s update is pending', () => {
  it('writes nothing twice, however often the element comes and goes', async () => {
    const created = new Y.Doc();
    initEntryDoc(created, { kind: 'lesson', createdAt: Date.UTC(2025, 4, 1), title: 'Mounted' });
    writeEntryTemplate(created, 'lesson');
    const [anaDoc, benDoc] = [new Y.Doc(), new Y.Doc()];
    const ana = mountLiveBodyEditor(anaDoc, { userName: 'Ana' });
    const ben = mountLiveBodyEditor(benDoc, { userName: 'Ben' });
    const element = document.createElement('div');
    element.contentEditable = 'true';
    document.body.append(element);

    // Ana's entry loads while her element is being mounted.
    Y.applyUpdate(anaDoc, Y.encodeStateAsUpdate(created), 'storage');
    ana.editor.setRootElement(element);
    Y.applyUpdate(benDoc, Y.encodeStateAsUpdate(created), 'peer');
    await settle();

    const rounds = 8;
    for (let round = 0; round < rounds; round++) {
      await ben.edit(() => $appendToBlock(1, ` ben${round}`));
      // Ben's words reach Ana; her editor has not shown them yet when the element changes.
      exchangeUpdates(anaDoc, benDoc);
      ana.editor.setRootElement(round % 2 === 0 ? null : element);
      await settle();
    }
    ana.editor.setRootElement(element);
    await settle();
    await ana.edit(() => $appendToBlock(1, ' Ana, mounted'));
    exchangeUpdates(anaDoc, benDoc);
    await settle();

    for (const [name, editor, doc] of [['Ana', ana, anaDoc], ['Ben', ben, benDoc]] as const) {
      const body = editor.markdown();
      expect(body, `${name}'s editor shows the document`).toBe(readBodyMarkdown(doc));
      expect(editor.errors).toEqual([]);
      for (const heading of ['## What happened', '## What I learned', '## How I’ll apply it']) expect(body.split(heading)).toHaveLength(2);
      expect(body.match(/ben\d+/g)).toEqual(Array.from({ length: rounds }, (_, round) => `ben${round}`));
      expect(body.split('Ana, mounted')).toHaveLength(2);
    }
    // What the page shows is the document.
    expect(element.textContent).toContain(`ben${rounds - 1} Ana, mounted`);
    expect(element.textContent?.split('What happened')).toHaveLength(2);
    console.log(`body element mounted and unmounted ${rounds} times with a peer's update pending: body once, every word once, page and document agree`);
    ana.unmount();
    ben.unmount();
  });
});
