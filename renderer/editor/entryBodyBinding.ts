import {
  createYjsBinding,
  initLocalState,
  syncCursorPositions,
  syncLexicalUpdateToYjs,
  syncYjsChangesToLexical,
  type Binding,
  type Provider,
} from '@lexical/yjs';
import {
  $getRoot,
  COLLABORATION_TAG,
  COMMAND_PRIORITY_CRITICAL,
  SELECT_ALL_COMMAND,
  SKIP_COLLAB_TAG,
  SKIP_DOM_SELECTION_TAG,
  SKIP_SCROLL_INTO_VIEW_TAG,
  type EditorUpdateOptions,
  type LexicalEditor,
} from 'lexical';
import type { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { DOC_ORIGINS } from '../../shared/doc/docOrigins';
import { createBodyUndoManager } from './bodyUndoManager';
import { documentEdgeOf } from './documentEdgeKeys';

/** What the editor needs of an open entry: its document and its presence in the room. */
export interface EditorEntry {
  readonly doc: Y.Doc;
  readonly awareness: Awareness;
  /**
   * Lets the derived data (search text, progress) read the body from this editor's state, and
   * know while the editor is still drawing it (`drawing`): a read then draws the rest at once.
   */
  offerBodyReader(reader: <T>(read: () => T) => T, drawing?: () => boolean): () => void;
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
  /** Blocks of the body not drawn in the editor yet (a long body is drawn a part at a time). */
  undrawnBlocks(): number;
  /**
   * Draws the rest of the body now, in an update of its own. Whatever works on the whole body
   * through the editor (a restore, select all) does this first. Never inside an editor update.
   */
  drawWholeBody(): void;
  /**
   * Called once if this editor, bound straight to the entry, has stopped because the entry may
   * no longer be written from here: it follows nothing any more and is to be bound again.
   */
  onStale(listener: () => void): () => void;
  dispose(): void;
}

/**
 * How a long body is drawn: its first blocks when the editor opens it, so that it is on screen
 * and editable at once, and the rest a step at a time in the tasks after, each step short enough
 * not to hold up typing. A body of `firstBlocks` blocks or fewer is drawn whole at once.
 */
export interface BodyPaging {
  readonly firstBlocks: number;
  readonly blocksPerStep: number;
  /** Runs the next step in a later task; returns what cancels it. */
  readonly schedule: (step: () => void) => () => void;
}

/**
 * In a task after the page's next frame: what the last step drew is painted, and keys pressed
 * meanwhile are handled, before the next step (a timer alone ran before the first frame, and
 * held the first screen back by a step).
 */
function afterNextFrame(step: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const frame = nextFrame(() => {
    timer = setTimeout(step, 0);
  });
  return () => {
    cancelFrame(frame);
    if (timer) clearTimeout(timer);
  };
}

/**
 * More than a screen of blocks first (a screen holds about 35 of the shortest), then steps of a
 * few milliseconds each: 5,000 paragraphs are drawn whole within about a second of opening.
 */
export const BODY_PAGING: BodyPaging = { firstBlocks: 120, blocksPerStep: 200, schedule: afterNextFrame };

/**
 * What the binding patch gives the body's root for a paged opening (docs/DECISIONS.md, "Lexical's
 * Yjs binding: V1, patched", point 9).
 */
interface PagedRoot {
  /** Before the first sync: only the first `count` blocks are given Lexical nodes. */
  pageFrom(count: number): void;
  undrawnChildrenCount(): number;
  /** Inside an editor update the binding does not write back; returns how many are left. */
  drawMoreBlocks(binding: Binding, count: number): number;
}

function pagedRoot(binding: Binding): PagedRoot {
  return binding.root as unknown as PagedRoot;
}

/** Before the binding's first sync: a body longer than `firstBlocks` blocks is drawn a part at a time. */
export function pageBodyFrom(binding: Binding, firstBlocks: number): void {
  pagedRoot(binding).pageFrom(firstBlocks);
}

/** Blocks of the body the binding has not drawn in its editor yet. */
export function undrawnBlockCount(binding: Binding): number {
  return pagedRoot(binding).undrawnChildrenCount();
}

/**
 * Draws up to `count` more blocks of the body in an update of their own, committed at once so
 * that it never joins an edit (the binding does not write back what a drawing update holds).
 * Never inside an editor update. Returns how many are left.
 */
export function drawMoreBlocks(editor: LexicalEditor, binding: Binding, count: number): number {
  if (undrawnBlockCount(binding) === 0) return 0;
  // An update started inside another joins it, tags and all.
  if (editor._updating) throw new Error('The body cannot be drawn inside an editor update');
  // An edit still pending in the editor is committed on its own first.
  editor.read(() => undefined);
  let left = 0;
  editor.update(() => {
    left = pagedRoot(binding).drawMoreBlocks(binding, count);
  }, DRAWING_UPDATE);
  return left;
}

/** Updates that only draw what the document already holds: not written back, caret untouched. */
const DRAWING_UPDATE: EditorUpdateOptions = {
  tag: [COLLABORATION_TAG, SKIP_SCROLL_INTO_VIEW_TAG, SKIP_DOM_SELECTION_TAG],
  discrete: true,
  skipTransforms: true,
};

/** The binding of each bound editor, for what works on its whole body from outside (a restore). */
const bindings = new WeakMap<LexicalEditor, EntryBodyBinding>();

/** Draws the rest of the body `editor` shows, if it is bound and not yet drawn whole. */
export function drawWholeBody(editor: LexicalEditor): void {
  bindings.get(editor)?.drawWholeBody();
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

/** Entries with an editor bound straight to them: a second editor of the same entry gets a replica. */
const boundDirectly = new WeakSet<Y.Doc>();

/** Whether an editor is bound straight to `doc` now (no other binding may write into it meanwhile). */
export function hasEditorBoundStraight(doc: Y.Doc): boolean {
  return boundDirectly.has(doc);
}

/** A shared type as Lexical's V1 binding leaves it: its collab node kept on the type itself. */
type HoldsCollabNode = { _collabNode?: unknown; readonly _start: Y.Item | null; readonly _map: Map<string, Y.Item> };

/**
 * Lexical keeps the collab node of each shared type on the type itself (`_collabNode`), and a
 * binding that goes never clears them. A binding straight to an entry clears its own when it is
 * disposed, and forgets what other bindings left (the template writer's, a test's) before it
 * reads: it would otherwise take over nodes whose Lexical keys belong to an editor that is gone.
 * Every binding sets the root's, so a root without one has nothing to forget, and opening pays
 * for the walk (5 to 13 ms over 5,000 paragraphs in Node) only after such a binding. A walk
 * with a stack of its own: a body can be nested deeper than the call stack goes.
 */
function forgetEarlierBindings(root: Y.XmlText): void {
  const types: HoldsCollabNode[] = [root as unknown as HoldsCollabNode];
  if (types[0]?._collabNode === undefined) return;
  for (let type = types.pop(); type !== undefined; type = types.pop()) {
    if (type._collabNode !== undefined) type._collabNode = undefined;
    for (let item = type._start; item !== null; item = item.right) {
      if (item.content instanceof Y.ContentType) types.push(item.content.type as unknown as HoldsCollabNode);
    }
    type._map.forEach((item) => {
      if (item.content instanceof Y.ContentType) types.push(item.content.type as unknown as HoldsCollabNode);
    });
  }
}

/** What of the binding's root reads a body that is already in the document (as its first sync does). */
interface ReadingRoot {
  syncPropertiesFromYjs(binding: Binding, keysChanged: null): void;
  applyChildrenYjsDelta(binding: Binding, delta: unknown): void;
  syncChildrenFromYjs(binding: Binding): void;
}

/**
 * Reads the body the entry already holds into a just bound editor, in one update that the
 * binding does not write back, as the first event of a peer's whole state would: Lexical's V1
 * binding only ever follows events. A long body gets its first blocks here (pageFrom).
 */
function readBodyAlreadyThere(editor: LexicalEditor, binding: Binding): void {
  const body = binding.root.getSharedType();
  if (body.length === 0 && Object.keys(body.getAttributes()).length === 0) return;
  const root = binding.root as unknown as ReadingRoot;
  editor.update(
    () => {
      root.syncPropertiesFromYjs(binding, null);
      root.applyChildrenYjsDelta(binding, body.toDelta());
      root.syncChildrenFromYjs(binding);
    },
    { tag: [COLLABORATION_TAG, SKIP_SCROLL_INTO_VIEW_TAG], discrete: true, skipTransforms: true },
  );
}

/**
 * The entry as it is now, then every change to it, into the editor's replica; the editor's own
 * changes back into the entry with the editor as their origin. Returns what stops both.
 */
function followThroughReplica(entry: EditorEntry, replica: Y.Doc, loaded: readonly Uint8Array[] | null): () => void {
  const { doc } = entry;
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
  return () => {
    doc.off('update', intoReplica);
    replica.off('update', intoEntry);
  };
}

/**
 * Binds a Lexical editor to an open entry through Lexical's Yjs binding (V1).
 *
 * - **Straight to the entry's document**, when the entry is writable here and no other editor is
 *   bound straight to it: the body the entry holds is read into the editor as the binding is
 *   made (readBodyAlreadyThere; V1 by itself only follows events), what earlier bindings left on
 *   the body's types is forgotten first (forgetEarlierBindings), and from then on the binding
 *   follows the entry's events and writes the editor's changes into it, with itself as origin.
 *   The entry is decoded once: opening 5,000 paragraphs no longer decodes them a second time
 *   into a copy, and a keystroke is one transaction, not one copied into another.
 * - **Through a replica** otherwise (a read-only entry, a second editor of the same entry): the
 *   binding observes an empty replica, the entry's state is copied into it (arriving as events,
 *   as a peer's would), and from then on every change is copied both ways, synchronously, with
 *   origins that stop the echo. What this editor writes never reaches a read-only entry, not even
 *   the binding's repairs of what it read.
 *
 * Either way, opening an entry never waits for an editor, an editor never misses a change that
 * arrives while it mounts, and undo covers only this editor's own edits. An editor bound
 * straight to the entry stops for good when the entry turns read-only while it is open, and
 * says so (onStale) to be bound again.
 *
 * A long body is drawn a part at a time (`paging`): its first blocks as it is bound, the rest in
 * the tasks after; whatever needs the whole body draws the rest first (`drawWholeBody`).
 *
 * The editor must be empty when bound; `dispose` empties it again.
 */
export function bindEditorToEntry(
  editor: LexicalEditor,
  entry: EditorEntry,
  person: { readonly name: string; readonly color: string },
  focusing: boolean,
  paging: BodyPaging = BODY_PAGING,
): EntryBodyBinding {
  const { doc, awareness } = entry;
  const direct = entry.readOnly == null && !boundDirectly.has(doc);
  const replica = direct ? null : new Y.Doc();
  const target = replica ?? doc;
  if (direct) {
    boundDirectly.add(doc);
    forgetEarlierBindings(doc.get('root', Y.XmlText));
  }
  const binding = createYjsBinding({ editor, id: BINDING_ID, doc: target, docMap: new Map([[BINDING_ID, target]]) });
  pageBodyFrom(binding, paging.firstBlocks);
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

  // Bound straight to the entry, the editor stops for good the moment the entry may no longer be
  // written from here (a peer's update claims a newer format, the link turns out read-only):
  // it neither reads nor writes any more, not even a repair of what it read, and asks to be bound
  // again (onStale), which gives a read-only entry a replica. A replica's editor never stops:
  // what it writes is kept from a read-only entry on its way in (followThroughReplica).
  let stopped = false;
  let disposed = false;
  /** Cancels the next drawing step, while one is scheduled. */
  let cancelStep: (() => void) | null = null;
  const staleListeners = new Set<() => void>();
  let withdrawReader = (): void => {};
  const writable = (): boolean => {
    if (stopped) return false;
    if (replica || entry.readOnly == null) return true;
    stopped = true;
    cancelStep?.();
    cancelStep = null;
    withdrawReader();
    staleListeners.forEach((listener) => listener());
    return false;
  };

  // Set once the drawing steps are defined below: a body that arrives after the editor is bound
  // (an entry joined a moment ago) is drawn a part at a time too.
  let drawLater = (): void => {};
  const onYjsChanges = (events: Array<Y.YEvent<Y.XmlText>>, transaction: Y.Transaction): void => {
    if (transaction.origin === binding || !writable()) return;
    syncYjsChangesToLexical(binding, provider, events, transaction.origin instanceof Y.UndoManager, drawCursorsSoon);
    drawLater();
  };
  root.observeDeep(onYjsChanges);
  const stopWriting = editor.registerUpdateListener(({ prevEditorState, editorState, dirtyElements, dirtyLeaves, normalizedNodes, tags }) => {
    if (tags.has(SKIP_COLLAB_TAG) || !writable()) return;
    syncLexicalUpdateToYjs(binding, provider, prevEditorState, editorState, dirtyElements, dirtyLeaves, normalizedNodes, tags);
  });

  // Straight to the entry: the body it already holds is read now, and its changes arrive as
  // events. Through a replica: the entry as it is now, then every change, is copied in.
  const loaded = entry.takeLoadedUpdates?.() ?? null;
  const stopFollowing = replica ? followThroughReplica(entry, replica, loaded) : (readBodyAlreadyThere(editor, binding), () => {});

  // A long body's first blocks are drawn by now (the binding's first sync); the rest follow a
  // step at a time, each in a task of its own.
  const drawMore = (count: number): void => {
    if (!writable()) return;
    const left = drawMoreBlocks(editor, binding, count);
    drawCursorsSoon();
    if (left > 0 && !disposed) cancelStep ??= paging.schedule(drawStep);
  };
  const drawStep = (): void => {
    cancelStep = null;
    if (!disposed) drawMore(paging.blocksPerStep);
  };
  const drawWholeBody = (): void => {
    if (undrawnBlockCount(binding) === 0) return;
    cancelStep?.();
    cancelStep = null;
    drawMore(Number.POSITIVE_INFINITY);
  };
  drawLater = (): void => {
    if (cancelStep === null && !disposed && undrawnBlockCount(binding) > 0) cancelStep = paging.schedule(drawStep);
  };
  drawLater();
  // Ctrl/Cmd+A selects the whole body and Ctrl/Cmd+End goes to its end: the rest is drawn in the
  // key's own event, before Lexical acts on it, so that a key typed right after replaces all of
  // the body, or lands at its real end, not at the end of what was drawn.
  let keysOn: HTMLElement | null = null;
  const onKeyDown = (event: KeyboardEvent): void => {
    const selectAll = (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'a';
    if (selectAll || documentEdgeOf(event) === 'end') drawWholeBody();
  };
  // A headless editor (no page, no keys) refuses root listeners.
  const headless = editor._headless;
  const stopRootListener = headless
    ? () => {}
    : editor.registerRootListener((rootElement) => {
        keysOn?.removeEventListener('keydown', onKeyDown, true);
        keysOn = rootElement;
        keysOn?.addEventListener('keydown', onKeyDown, true);
      });
  // Select all asked for otherwise (not by its keys): the rest is drawn first, then it runs again.
  const stopSelectAll = editor.registerCommand(
    SELECT_ALL_COMMAND,
    (event) => {
      if (undrawnBlockCount(binding) === 0) return false;
      paging.schedule(() => {
        if (disposed) return;
        drawWholeBody();
        editor.dispatchCommand(SELECT_ALL_COMMAND, event);
      });
      return true;
    },
    COMMAND_PRIORITY_CRITICAL,
  );

  // Ctrl+Z takes back this editor's own edits only, never a colleague's words (bodyUndoManager.ts).
  const undoManager = createBodyUndoManager(binding, root);
  initLocalState(provider, person.name, person.color, focusing, {});
  awareness.on('update', drawCursorsSoon);
  // What is derived from the body (search text, progress) is read from the whole body.
  if (!stopped) {
    withdrawReader = entry.offerBodyReader(
      (read) => {
        drawWholeBody();
        return editor.getEditorState().read(read);
      },
      () => undrawnBlockCount(binding) > 0,
    );
  }

  const bound: EntryBodyBinding = {
    binding,
    provider,
    undoManager,
    undrawnBlocks: () => undrawnBlockCount(binding),
    drawWholeBody,
    onStale(listener) {
      staleListeners.add(listener);
      return () => staleListeners.delete(listener);
    },
    dispose() {
      disposed = true;
      if (bindings.get(editor) === bound) bindings.delete(editor);
      cancelStep?.();
      stopSelectAll();
      stopRootListener();
      keysOn?.removeEventListener('keydown', onKeyDown, true);
      withdrawReader();
      awareness.off('update', drawCursorsSoon);
      if (cursorsFrame !== null) cancelFrame(cursorsFrame);
      if (!doc.isDestroyed) awareness.setLocalState(null);
      staleListeners.clear();
      undoManager.destroy();
      stopFollowing();
      root.unobserveDeep(onYjsChanges);
      stopWriting();
      binding.root.destroy(binding);
      if (replica) replica.destroy();
      else {
        // The entry may stay open without an editor (background sync): its body keeps no collab
        // nodes of an editor that is gone.
        forgetEarlierBindings(root);
        boundDirectly.delete(doc);
      }
      // A later binding starts from an empty editor and reads the body again.
      editor.update(() => $getRoot().clear(), { tag: SKIP_COLLAB_TAG, discrete: true });
    },
  };
  bindings.set(editor, bound);
  return bound;
}
