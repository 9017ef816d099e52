import { $convertToMarkdownString } from '@lexical/markdown';
import {
  createYjsBinding,
  initLocalState,
  syncLexicalUpdateToYjs,
  syncYjsChangesToLexical,
  type Binding,
  type Provider,
} from '@lexical/yjs';
import { $getRoot, createEditor, SKIP_COLLAB_TAG, type LexicalEditor } from 'lexical';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { createBodyUndoManager } from '../../../renderer/editor/bodyUndoManager';
import { registerCheckAttribution } from '../../../renderer/editor/checkAttribution';
import { drawMoreBlocks, pageBodyFrom, providerFor, undrawnBlockCount } from '../../../renderer/editor/entryBodyBinding';
import { ENTRY_BODY_NODES } from '../../../renderer/editor/editorNodes';
import { ENTRY_MARKDOWN_TRANSFORMERS } from '../../../renderer/editor/markdownTransformers';
import { registerTextStyleGuard } from '../../../renderer/editor/textStyleGuard';

/**
 * A body editor as the app mounts it, without a DOM: a Lexical editor with the entry's
 * nodes, bound to a live Y.Doc in both directions the way Lexical's CollaborationPlugin binds the
 * real one (useYjsCollaboration): Yjs events that the binding did not write become Lexical
 * updates, and every Lexical update not tagged skip-collab is written to the document. Check
 * attribution and the text style guard are registered as in the app. Nothing here reads the
 * document when it mounts: it is mounted on an empty document and follows its events, as
 * Lexical's own plugin does (docs/DECISIONS.md, "Lexical's Yjs binding: V1, patched"). The app's
 * editor, which also reads what the entry already holds, is mountEntryEditor (entryEditor.ts).
 *
 * Lexical commits updates in a microtask; `settle()` waits until every pending update (and the
 * updates those schedule) is committed, as the browser does before it runs the next task.
 */
export interface LiveBodyEditor {
  readonly editor: LexicalEditor;
  readonly binding: Binding;
  readonly provider: Provider;
  readonly awareness: Awareness;
  /** Errors Lexical reported (its onError), in order. */
  readonly errors: readonly Error[];
  /** Runs `change` as a local edit (a Lexical update, as typing makes) and waits until it is committed. */
  edit(change: () => void): Promise<void>;
  read<T>(reader: () => T): T;
  /** The body as the user sees it: blocks on their own lines. */
  text(): string;
  markdown(): string;
  /** An undo manager over the body, as the app's collaboration plugin makes for Ctrl+Z. */
  createUndoManager(): Y.UndoManager;
  /** Blocks of a long body not drawn in the editor yet (see MountOptions.pageFrom). */
  undrawnBlocks(): number;
  /** Draws up to `count` more of them, as the app does a step at a time, and waits for the commit. */
  drawMore(count: number): Promise<void>;
  /** Unmounts the editor: the binding stops observing and is destroyed, as on the plugin's unmount. */
  unmount(): void;
}

/** Waits until Lexical has committed every pending update: microtasks run before the next task. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export interface MountOptions {
  /** The name this editor's user shows to peers (awareness) and on the check items they tick. */
  readonly userName?: string;
  /** Milliseconds since the epoch for check attribution; fixed so runs are reproducible. */
  readonly now?: () => number;
  /** Draw only this many blocks of the body's first content, the rest when asked (drawMore). */
  readonly pageFrom?: number;
}

export function mountLiveBodyEditor(doc: Y.Doc, { userName = 'Tester', now = () => 0, pageFrom }: MountOptions = {}): LiveBodyEditor {
  const errors: Error[] = [];
  // createEditor without a root element, not createHeadlessEditor: the latter refuses the
  // mutation listener that check attribution registers (it is a no-op without a DOM).
  const editor = createEditor({
    namespace: 'peerbook-entry',
    nodes: [...ENTRY_BODY_NODES],
    onError: (error) => {
      errors.push(error);
    },
  });
  const id = 'peerbook-entry';
  const binding = createYjsBinding({ editor, id, doc, docMap: new Map([[id, doc]]) });
  if (pageFrom !== undefined) pageBodyFrom(binding, pageFrom);
  const awareness = new Awareness(doc);
  const provider = providerFor(awareness);
  initLocalState(provider, userName, '#3366aa', true, {});

  const root = binding.root.getSharedType();
  const onYjsChanges = (events: Array<Y.YEvent<Y.Text>>, transaction: Y.Transaction): void => {
    if (transaction.origin === binding) return;
    syncYjsChangesToLexical(binding, provider, events, transaction.origin instanceof Y.UndoManager);
  };
  root.observeDeep(onYjsChanges);
  const stopWriting = editor.registerUpdateListener(({ prevEditorState, editorState, dirtyElements, dirtyLeaves, normalizedNodes, tags }) => {
    if (tags.has(SKIP_COLLAB_TAG)) return;
    syncLexicalUpdateToYjs(binding, provider, prevEditorState, editorState, dirtyElements, dirtyLeaves, normalizedNodes, tags);
  });
  const stopAttribution = registerCheckAttribution(editor, () => userName, now);
  const stopStyleGuard = registerTextStyleGuard(editor);

  return bodyEditorHandle(editor, {
    binding,
    provider,
    awareness,
    errors,
    createUndoManager: () => createBodyUndoManager(binding, root),
    dispose() {
      root.unobserveDeep(onYjsChanges);
      stopWriting();
      stopAttribution();
      stopStyleGuard();
      binding.root.destroy(binding);
      awareness.destroy();
    },
  });
}

/** What both test editors share: editing, reading and unmounting an editor bound by `parts`. */
export function bodyEditorHandle(
  editor: LexicalEditor,
  parts: Pick<LiveBodyEditor, 'binding' | 'provider' | 'awareness' | 'errors' | 'createUndoManager'> & { dispose(): void },
): LiveBodyEditor {
  const { dispose, ...bound } = parts;
  let mounted = true;
  return {
    editor,
    ...bound,
    async edit(change) {
      if (!mounted) throw new Error('the editor is unmounted');
      editor.update(change);
      await settle();
    },
    read: (reader) => editor.getEditorState().read(reader),
    text: () => editor.getEditorState().read(() => $getRoot().getTextContent()),
    undrawnBlocks: () => undrawnBlockCount(bound.binding),
    async drawMore(count) {
      drawMoreBlocks(editor, bound.binding, count);
      await settle();
    },
    markdown: () => editor.getEditorState().read(() => $convertToMarkdownString(ENTRY_MARKDOWN_TRANSFORMERS)),
    unmount() {
      if (!mounted) return;
      mounted = false;
      dispose();
    },
  };
}
