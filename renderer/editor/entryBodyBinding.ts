import {
  createYjsBinding,
  initLocalState,
  syncCursorPositions,
  syncLexicalUpdateToYjs,
  syncYjsChangesToLexical,
  type Binding,
  type Provider,
} from '@lexical/yjs';
import { $getRoot, SKIP_COLLAB_TAG, type LexicalEditor } from 'lexical';
import type { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { DOC_ORIGINS } from '../../shared/doc/docOrigins';
import { createBodyUndoManager } from './bodyUndoManager';

/** What the editor needs of an open entry: its document and its presence in the room. */
export interface EditorEntry {
  readonly doc: Y.Doc;
  readonly awareness: Awareness;
  /** Lets the derived data (search text, progress) read the body from this editor's state. */
  offerBodyReader(reader: <T>(read: () => T) => T): () => void;
  /**
   * The stored updates the entry was loaded from, while it holds exactly those: the editor's
   * replica is made from them rather than from a fresh encoding of the entry.
   */
  takeLoadedUpdates?(): readonly Uint8Array[] | null;
  /** Set while the entry must not be written from this device (an entry in a newer format). */
  readonly readOnly?: { readonly kind: string } | null;
}

export interface EntryBodyBinding {
  readonly binding: Binding;
  /** Lexical's Yjs functions take a provider; they use only its awareness. */
  readonly provider: Provider;
  /** Undo and redo of this editor's own edits. */
  readonly undoManager: Y.UndoManager;
  dispose(): void;
}

/** The next animation frame where there is one (a page), else a moment later (Node). */
function nextFrame(run: () => void): number {
  return typeof requestAnimationFrame === 'function' ? requestAnimationFrame(run) : (setTimeout(run, 16) as unknown as number);
}

function cancelFrame(frame: number): void {
  if (typeof cancelAnimationFrame === 'function') cancelAnimationFrame(frame);
  else clearTimeout(frame);
}

/** The origin of the entry's changes as they are copied into the editor's replica. */
const FROM_ENTRY = 'peerbook:from-entry';
const BINDING_ID = 'peerbook-entry';

/** A Lexical collaboration provider over an awareness: presence only, the sync is the entry's. */
export function providerFor(awareness: Awareness): Provider {
  const nothing = (): void => {};
  return {
    // Lexical types awareness states more narrowly than y-protocols does.
    awareness: awareness as unknown as Provider['awareness'],
    connect: nothing,
    disconnect: nothing,
    on: nothing,
    off: nothing,
  };
}

/**
 * Binds a Lexical editor to an open entry through Lexical's Yjs binding (V1), which only follows
 * Yjs events and cannot read a document that already holds content. So the editor gets its own
 * replica of the entry: the binding observes the empty replica, the entry's state is copied into
 * it (arriving as events, as a peer's would), and from then on every change is copied both ways,
 * synchronously, with origins that stop the echo. Opening an entry therefore never waits for an
 * editor, and an editor never misses a change that arrives while it mounts. Each binding has a
 * fresh replica, so nothing of an earlier binding (Lexical keeps its collab nodes on the shared
 * types) is ever reused. Undo works on the replica and covers only this editor's own edits.
 *
 * The editor must be empty when bound; `dispose` empties it again.
 */
export function bindEditorToEntry(editor: LexicalEditor, entry: EditorEntry, person: { readonly name: string; readonly color: string }, focusing: boolean): EntryBodyBinding {
  const { doc, awareness } = entry;
  const replica = new Y.Doc();
  const binding = createYjsBinding({ editor, id: BINDING_ID, doc: replica, docMap: new Map([[BINDING_ID, replica]]) });
  // Presence is the entry's, keyed by its document's client id: this editor's own cursor is
  // that one, not the replica's.
  binding.clientID = awareness.clientID;
  const provider = providerFor(awareness);
  const root = binding.root.getSharedType();

  // Colleagues' cursors are drawn once a frame, after the change that moved them is on screen:
  // drawing one measures the page (a forced layout of about a millisecond), which would
  // otherwise come between a keystroke and its sending, and between a colleague's change
  // arriving and its showing.
  let cursorsFrame: number | null = null;
  const drawCursorsSoon = (): void => {
    cursorsFrame ??= nextFrame(() => {
      cursorsFrame = null;
      syncCursorPositions(binding, provider);
    });
  };

  const onYjsChanges = (events: Array<Y.YEvent<Y.XmlText>>, transaction: Y.Transaction): void => {
    if (transaction.origin === binding) return;
    syncYjsChangesToLexical(binding, provider, events, transaction.origin instanceof Y.UndoManager, drawCursorsSoon);
  };
  root.observeDeep(onYjsChanges);
  const stopWriting = editor.registerUpdateListener(({ prevEditorState, editorState, dirtyElements, dirtyLeaves, normalizedNodes, tags }) => {
    if (tags.has(SKIP_COLLAB_TAG)) return;
    syncLexicalUpdateToYjs(binding, provider, prevEditorState, editorState, dirtyElements, dirtyLeaves, normalizedNodes, tags);
  });

  // The entry as it is now, then every change to it, into the replica; the editor's own changes
  // back into the entry as local edits (transaction.local) with the editor as their origin.
  const loaded = entry.takeLoadedUpdates?.() ?? null;
  if (loaded) Y.transact(replica, () => loaded.forEach((update) => Y.applyUpdate(replica, update)), FROM_ENTRY, false);
  else Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc), FROM_ENTRY);
  let copyingEdit = false;
  const intoReplica = (update: Uint8Array, origin: unknown): void => {
    if (copyingEdit && origin === DOC_ORIGINS.editor) return;
    Y.applyUpdate(replica, update, FROM_ENTRY);
  };
  const intoEntry = (update: Uint8Array, origin: unknown): void => {
    if (origin === FROM_ENTRY) return;
    // A read-only entry gets nothing from this editor, not even the binding's repairs of what it
    // read: they stay in the replica, which goes with the editor (the view remounts it when the
    // entry becomes writable again, so no later change depends on one the entry never got).
    if (entry.readOnly) return;
    copyingEdit = true;
    try {
      doc.transact(() => Y.applyUpdate(doc, update), DOC_ORIGINS.editor);
    } finally {
      copyingEdit = false;
    }
  };
  doc.on('update', intoReplica);
  replica.on('update', intoEntry);

  // Ctrl+Z takes back this editor's own edits only, never a colleague's words (bodyUndoManager.ts).
  const undoManager = createBodyUndoManager(binding, root);
  initLocalState(provider, person.name, person.color, focusing, {});
  awareness.on('update', drawCursorsSoon);
  const withdrawReader = entry.offerBodyReader((read) => editor.getEditorState().read(read));

  return {
    binding,
    provider,
    undoManager,
    dispose() {
      withdrawReader();
      awareness.off('update', drawCursorsSoon);
      if (cursorsFrame !== null) cancelFrame(cursorsFrame);
      if (!doc.isDestroyed) awareness.setLocalState(null);
      undoManager.destroy();
      doc.off('update', intoReplica);
      replica.off('update', intoEntry);
      root.unobserveDeep(onYjsChanges);
      stopWriting();
      binding.root.destroy(binding);
      replica.destroy();
      // A later binding starts from an empty editor and fills it from its own replica.
      editor.update(() => $getRoot().clear(), { tag: SKIP_COLLAB_TAG, discrete: true });
    },
  };
}
