// @vitest-environment happy-dom
import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import { useEntryCredits, type EntryCredits } from '../../../../renderer/app/useEntryCredits';
import { classifyChange } from '../../../../renderer/collab/changeSource';
import { DOC_ORIGINS } from '../../../../shared/doc/docOrigins';
import { initEntryDoc, setEntryTitle } from '../../../../shared/entry/entryDoc';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | null = null;
afterEach(() => {
  act(() => root?.unmount());
  root = null;
});

/** An open entry on this device, credited through the hook the entry view uses. */
function openCredits(doc: Y.Doc): { current: () => EntryCredits } {
  const session = { doc, awareness: new Awareness(doc), changeSource: (transaction: Y.Transaction) => classifyChange(transaction, () => false) };
  let credits: EntryCredits | null = null;
  function Entry() {
    credits = useEntryCredits({ session, loaded: true, name: 'Ana Lima', color: '#4f46e5' });
    return null;
  }
  const container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  act(() => root?.render(createElement(Entry)));
  return { current: () => credits as unknown as EntryCredits };
}

/** Lets the hook's deferred record run. */
const settle = () => act(() => new Promise((resolve) => setTimeout(resolve, 10)));

describe('who is credited on an open entry', () => {
  it('is not this device for a colleague’s change that came through the relay, nor a peer’s', async () => {
    const doc = new Y.Doc();
    initEntryDoc(doc, { kind: 'lesson', createdAt: 1 });
    const credits = openCredits(doc);
    await settle();

    const colleague = new Y.Doc();
    Y.applyUpdate(colleague, Y.encodeStateAsUpdate(doc));
    setEntryTitle(colleague, 'Roll back before you debug');
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(colleague, Y.encodeStateVector(doc)), DOC_ORIGINS.relay);
    setEntryTitle(colleague, 'Roll back first');
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(colleague, Y.encodeStateVector(doc)), DOC_ORIGINS.remote);
    await settle();
    expect(credits.current().contributors.map((person) => person.name)).toEqual([]);

    // Control: this device's own edit credits it.
    setEntryTitle(doc, 'Roll back first, then debug');
    await settle();
    expect(credits.current().contributors.map((person) => person.name)).toEqual(['Ana Lima']);
  });
});
