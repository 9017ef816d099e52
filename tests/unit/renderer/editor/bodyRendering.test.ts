// @vitest-environment happy-dom
import { $getRoot, $isElementNode, $isTextNode } from 'lexical';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { writeEntryTemplate } from '../../../../renderer/editor/entryTemplateWriter';
import { readBodyMarkdown } from '../../../../renderer/editor/headlessBodyEditor';
import { UNSUPPORTED_CONTENT_NOTICE } from '../../../../renderer/editor/unsupportedContentNode';
import { initEntryDoc } from '../../../../shared/entry/entryDoc';
import { mountLiveBodyEditor, settle, type LiveBodyEditor } from '../../support/liveBodyEditor';
import { blockAt, stockClientUpdate } from '../../support/stockClient';

/**
 * What the page shows of a body a peer wrote things into that Peerbook does not write itself: a
 * block of a kind it does not know (a notice in its place), and text carrying an inline style
 * (the text, without the style). The editor renders into a DOM here (happy-dom).
 */

const mounted: LiveBodyEditor[] = [];
afterEach(() => {
  for (const body of mounted.splice(0)) body.unmount();
  document.body.replaceChildren();
});

/** Ana's body editor on the page, with a lesson loaded. */
async function openLesson(): Promise<{ doc: Y.Doc; body: LiveBodyEditor; page: HTMLElement }> {
  const created = new Y.Doc();
  initEntryDoc(created, { kind: 'lesson', createdAt: Date.UTC(2025, 4, 1), title: 'Rendered' });
  writeEntryTemplate(created, 'lesson');
  const doc = new Y.Doc();
  const body = mountLiveBodyEditor(doc, { userName: 'Ana' });
  mounted.push(body);
  const page = document.createElement('div');
  page.contentEditable = 'true';
  document.body.append(page);
  body.editor.setRootElement(page);
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(created), 'storage');
  await settle();
  return { doc, body, page };
}

/** A change written by a stock Yjs client into the body of `doc`, applied as a peer's. */
async function writeAsStockClient(doc: Y.Doc, write: (root: Y.XmlText) => void): Promise<void> {
  Y.applyUpdate(doc, stockClientUpdate(doc, write), 'peer');
  await settle();
}

describe('a body rendered on the page', () => {
  it('shows a notice where a peer put a block of a kind Peerbook does not know', async () => {
    const { doc, body, page } = await openLesson();
    await writeAsStockClient(doc, (root) => {
      const widget = new Y.XmlText();
      widget.setAttribute('__type', 'survey-widget');
      root.insertEmbed(2, widget);
    });
    const notice = [...page.querySelectorAll('[role="note"]')];
    expect(notice.map((element) => element.textContent)).toEqual([UNSUPPORTED_CONTENT_NOTICE]);
    // In its place: after the first section's paragraph, before the second heading.
    expect(notice[0]?.previousElementSibling?.tagName).toBe('P');
    expect(notice[0]?.nextElementSibling?.textContent).toBe('What I learned');
    expect(body.errors).toEqual([]);
  });

  it('shows a peer’s styled text without the style, and editing it takes the style out of the document', async () => {
    const { doc, body, page } = await openLesson();
    const cover = 'position: fixed; inset: 0; z-index: 2147483647; background: red; font-size: 400px';
    await writeAsStockClient(doc, (root) => {
      const paragraph = blockAt(root, 1);
      paragraph.insertEmbed(0, new Y.Map<unknown>([['__type', 'text'], ['__format', 1], ['__style', cover], ['__mode', 0], ['__detail', 0]]));
      paragraph.insert(1, 'Look at me');
    });
    const styled = [...page.querySelectorAll('[data-lexical-text="true"]')].find((element) => element.textContent === 'Look at me');
    expect(styled).toBeDefined();
    expect(styled?.getAttribute('style')).toBeNull();
    // The formatting the editor writes itself still shows.
    expect(styled?.tagName).toBe('STRONG');

    await body.edit(() => {
      const paragraph = $getRoot().getChildAtIndex(1);
      const text = $isElementNode(paragraph) ? paragraph.getFirstChild() : null;
      if ($isTextNode(text)) text.spliceText(text.getTextContentSize(), 0, ', please', true);
    });
    const textNode = blockAt(doc.get('root', Y.XmlText), 1).toDelta()[0]?.insert as Y.Map<unknown>;
    expect(textNode.get('__style')).toBe('');
    expect(readBodyMarkdown(doc)).toContain('**Look at me, please**');
    expect(page.querySelector('[style*="fixed"]')).toBeNull();
  });
});
