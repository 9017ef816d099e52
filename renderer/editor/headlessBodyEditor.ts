import { createHeadlessEditor } from '@lexical/headless';
import { $convertToMarkdownString } from '@lexical/markdown';
import {
  createYjsBinding,
  syncLexicalUpdateToYjs,
  syncYjsChangesToLexical,
  type Binding,
  type Provider,
} from '@lexical/yjs';
import { $getRoot, $isDecoratorNode, $isElementNode, $parseSerializedNode, type LexicalEditor, type SerializedEditorState } from 'lexical';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { DocOrigin } from '../../shared/doc/docOrigins';
import { ENTRY_BODY_NODES } from './editorNodes';
import { hasEditorBoundStraight } from './entryBodyBinding';
import { $countUnsupportedContent, $isUnsupportedContentNode } from './unsupportedContentNode';
import { ENTRY_MARKDOWN_TRANSFORMERS } from './markdownTransformers';

/**
 * Lexical editors without a DOM, bound to an entry's Y.Doc through the same collaboration
 * binding as the live editor. They write a new entry's template and read a body for export,
 * so both go through Lexical's own Yjs mapping rather than a second, hand-written one.
 */

function createProviderFor(doc: Y.Doc): Provider {
  const awareness = new Awareness(doc);
  const noop = (): void => {};
  return {
    awareness: awareness as unknown as Provider['awareness'],
    connect: noop,
    disconnect: () => awareness.destroy(),
    on: noop,
    off: noop,
  };
}

function createBodyEditor(namespace: string): LexicalEditor {
  return createHeadlessEditor({
    namespace,
    nodes: [...ENTRY_BODY_NODES],
    onError: (error) => {
      throw error;
    },
  });
}

interface BoundEditor {
  readonly editor: LexicalEditor;
  readonly binding: Binding;
  readonly provider: Provider;
  dispose(): void;
}

function bindEditor(doc: Y.Doc, namespace: string): BoundEditor {
  const editor = createBodyEditor(namespace);
  const binding = createYjsBinding({ editor, id: namespace, doc, docMap: new Map([[namespace, doc]]) });
  const provider = createProviderFor(doc);
  return {
    editor,
    binding,
    provider,
    dispose: () => {
      binding.root.destroy(binding);
      provider.disconnect();
    },
  };
}

/** Writes the editor's updates into the document it is bound to; returns the function that stops. */
function writeEditsToYjs({ editor, binding, provider }: BoundEditor): () => void {
  return editor.registerUpdateListener(({ prevEditorState, editorState, dirtyElements, dirtyLeaves, normalizedNodes, tags }) => {
    syncLexicalUpdateToYjs(binding, provider, prevEditorState, editorState, dirtyElements, dirtyLeaves, normalizedNodes, tags);
  });
}

export class BodyNotEmptyError extends Error {
  constructor() {
    super('The entry already has a body; a template is written only into a new entry.');
    this.name = 'BodyNotEmptyError';
  }
}

/**
 * Runs `build` in a Lexical update and writes the result into the document's body, in one
 * transaction with `origin`. Refuses a body that already has content: template content is
 * written once, by the device that creates the entry.
 */
export function writeBodyOnce(doc: Y.Doc, origin: string, build: () => void): void {
  // This binding leaves its collab nodes on the types it writes; an editor bound straight to the
  // same document would take them for its own. New entries only: none has an editor yet.
  if (hasEditorBoundStraight(doc)) throw new Error('A body is written once, into a new entry that no editor shows yet.');
  const bound = bindEditor(doc, 'peerbook-writer');
  if (bound.binding.root.getSharedType().length > 0) {
    bound.dispose();
    throw new BodyNotEmptyError();
  }
  const stop = writeEditsToYjs(bound);
  try {
    // Nested transactions join the outer one, so Lexical's write carries `origin`.
    doc.transact(() => bound.editor.update(build, { discrete: true }), origin);
  } finally {
    stop();
    bound.dispose();
  }
}

/** The origin of an entry's state as it is replayed into a reader's mirror. */
const FROM_ENTRY = 'peerbook:from-entry';

/**
 * Replays an entry's state into an empty mirror that a headless editor is bound to, exactly as
 * a joining peer receives it, and hands that editor (and the mirror) to `work`.
 */
function withLoadedEditor<T>(doc: Y.Doc, work: (bound: BoundEditor, mirror: Y.Doc) => T): T {
  const mirror = new Y.Doc();
  const bound = bindEditor(mirror, 'peerbook-reader');
  const { binding, provider } = bound;
  const root = binding.root.getSharedType();
  const onChanges = (events: Array<Y.YEvent<Y.XmlText>>, transaction: Y.Transaction): void => {
    // The binding's own writes (it gives characters left without a text node one) are already
    // in the editor.
    if (transaction.origin === binding) return;
    syncYjsChangesToLexical(binding, provider, events, false, () => {});
  };
  root.observeDeep(onChanges);
  try {
    Y.applyUpdate(mirror, Y.encodeStateAsUpdate(doc), FROM_ENTRY);
    return work(bound, mirror);
  } finally {
    root.unobserveDeep(onChanges);
    bound.dispose();
    mirror.destroy();
  }
}

/**
 * Changes an entry's existing body through a headless editor: `edit` runs in a Lexical update
 * over the body as it is, Lexical's binding writes the change into the mirror, and what the
 * mirror gained is applied to the entry in one transaction with `origin`, so editors and peers
 * receive it like any other change. For changes made away from the editor (ticking an action
 * from This week); an editor showing the entry follows through its binding.
 */
export function editBody<T>(doc: Y.Doc, origin: DocOrigin, edit: () => T): T {
  return withLoadedEditor(doc, (bound, mirror) => {
    const { editor } = bound;
    // Commit the replayed body first: an update joined to it would carry the collaboration tag,
    // which the binding does not write back.
    editor.read(() => undefined);
    const stop = writeEditsToYjs(bound);
    let result: T | undefined;
    try {
      editor.update(() => (result = edit()), { discrete: true });
    } finally {
      stop();
    }
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(mirror, Y.encodeStateVector(doc)), origin);
    return result as T;
  });
}

/**
 * Replaces the body of `doc` with the body of `source` (a saved version, a backup), as one
 * change with `origin`: through Lexical's binding, as the editor's own restore does, so the text
 * comes back as new items that reach peers and that no earlier deletion covers.
 */
export function replaceBody(doc: Y.Doc, source: Y.Doc, origin: string): void {
  const replacement = readBodyStateJson(source);
  const written = withLoadedEditor(doc, (bound, mirror) => {
    const { editor } = bound;
    const updates: Uint8Array[] = [];
    // Everything the binding wrote into the mirror, its repairs of what it read included: a
    // later write may build on them.
    const onUpdate = (update: Uint8Array, updateOrigin: unknown): void => {
      if (updateOrigin !== FROM_ENTRY) updates.push(update);
    };
    mirror.on('update', onUpdate);
    const stop = writeEditsToYjs(bound);
    try {
      // Commit what the load gave the editor first: a pending update is tagged as the
      // binding's own, and the replacement would be committed with it, under that tag, unwritten.
      editor.read(() => undefined);
      editor.setEditorState(editor.parseEditorState(replacement));
    } finally {
      stop();
      mirror.off('update', onUpdate);
    }
    return Y.mergeUpdates(updates);
  });
  Y.applyUpdate(doc, written, origin);
}

/**
 * Writes the body of `source` (a saved version) into a new entry's body, once, leaving out the
 * parts no reader shows: in a new entry there is nothing behind them.
 */
export function writeBodyFrom(doc: Y.Doc, source: Y.Doc, origin: string): void {
  const { root } = JSON.parse(readBodyStateJson(source)) as SerializedEditorState;
  writeBodyOnce(doc, origin, () => {
    const body = $getRoot();
    body.clear();
    for (const child of root.children) {
      const node = $parseSerializedNode(child);
      if (!$isUnsupportedContentNode(node) && ($isElementNode(node) || $isDecoratorNode(node))) body.append(node);
    }
  });
}

/** Reads an entry's body through a headless editor (see withLoadedEditor). */
export function readBody<T>(doc: Y.Doc, read: () => T): T {
  return withLoadedEditor(doc, ({ editor }) => editor.read(read));
}

export interface BodyReport<T> {
  readonly value: T;
  /**
   * Parts of the body no reader shows (content of a kind Peerbook does not know, blocks nested
   * too deep, text outside any block): they stay in the document, and `value` leaves them out.
   */
  readonly skippedParts: number;
}

/** readBody, and how many parts of the body it had to skip (see UnsupportedContentNode). */
export function readBodyReport<T>(doc: Y.Doc, read: () => T): BodyReport<T> {
  return readBody(doc, () => ({ value: read(), skippedParts: $countUnsupportedContent() }));
}

/** The body as a serialised Lexical editor state (for a read-only view or a restore). */
export function readBodyStateJson(doc: Y.Doc): string {
  return withLoadedEditor(doc, ({ editor }) => {
    editor.read(() => undefined);
    return JSON.stringify(editor.getEditorState().toJSON());
  });
}

function $readBodyMarkdown(): string {
  return $convertToMarkdownString(ENTRY_MARKDOWN_TRANSFORMERS);
}

/** The body as Markdown, written by Lexical's Markdown transformers. */
export function readBodyMarkdown(doc: Y.Doc): string {
  return readBody(doc, $readBodyMarkdown);
}

/** The same, and how many parts of the body it skipped (for an export to say so). */
export function readBodyMarkdownReport(doc: Y.Doc): BodyReport<string> {
  return readBodyReport(doc, $readBodyMarkdown);
}
