import { $isListItemNode, $isListNode, type ListItemNode } from '@lexical/list';
import { $createParagraphNode, $createTextNode, $getRoot, type LexicalNode } from 'lexical';
import { WebSocket as NodeWebSocket } from 'ws';
import * as Y from 'yjs';
import type { RelayCompactionPolicy } from '../../../../renderer/collab/relayLogCompaction';
import { RelaySync } from '../../../../renderer/collab/relaySync';
import { readChecklistProgress } from '../../../../renderer/editor/checklistProgress';
import { readBodyMarkdown } from '../../../../renderer/editor/headlessBodyEditor';
import { getEntryTags, getEntryTitle } from '../../../../shared/entry/entryDoc';
import { mountLiveBodyEditor, settle, type LiveBodyEditor } from '../../../unit/support/liveBodyEditor';

/** Waits for `promise`, or fails saying what it waited for. */
export async function within<T>(promise: Promise<T>, what: string, timeoutMs = 20_000): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms waiting until ${what}`)), timeoutMs);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** What a colleague sees of an entry: its title, tags, ticks and body. */
export function entryAsSeen(doc: Y.Doc): { title: string; tags: string[]; progress: { done: number; total: number }; body: string } {
  const { done, total } = readChecklistProgress(doc);
  return { title: getEntryTitle(doc), tags: getEntryTags(doc).sort(), progress: { done, total }, body: readBodyMarkdown(doc) };
}

/**
 * A colleague's device: the entry's document stays on the device between sessions; a session
 * connects it to the relay with RelaySync, as the app's background sync would.
 */
export class Colleague {
  readonly doc = new Y.Doc();
  private sync: RelaySync | null = null;
  /** Mounted before anything is in the document, as the app's editor is: it follows every change. */
  private readonly body: LiveBodyEditor;

  constructor(readonly name: string) {
    this.body = mountLiveBodyEditor(this.doc, { userName: name, now: () => Date.now() });
  }

  get relay(): RelaySync {
    if (this.sync === null) throw new Error(`${this.name} is offline`);
    return this.sync;
  }

  /**
   * Comes online with the relay and waits until the entry is in step with it. `access` is for an
   * entry with read-only links: its public write key, and the write key (null for a reader).
   */
  async online(
    url: string,
    key: string,
    compaction?: Partial<RelayCompactionPolicy>,
    batchMs?: number,
    access?: { readonly verify: string; readonly write: string | null },
  ): Promise<void> {
    this.sync = new RelaySync(this.doc, {
      url,
      key,
      ...(access ?? {}),
      WebSocket: NodeWebSocket as unknown as typeof WebSocket,
      ...(compaction ? { compaction } : {}),
      ...(batchMs === undefined ? {} : { batchMs }),
    });
    await within(this.sync.whenInStep(), `${this.name} is in step with the relay`);
  }

  /** Sends what is left and closes the app. */
  async offline(): Promise<void> {
    if (this.sync === null) return;
    await within(this.sync.flush(), `${this.name}'s changes reached the relay`);
    this.sync.destroy();
    this.sync = null;
  }

  /** Loads a stored state into the device's document, as opening the app does, and lets the editor show it. */
  async load(state: Uint8Array): Promise<void> {
    Y.applyUpdate(this.doc, state, 'storage');
    await settle();
  }

  /** Edits the body as typing would (a Lexical update through the collaboration binding). */
  async editBody(change: () => void): Promise<void> {
    await this.body.edit(change);
  }

  async tickItem(index: number): Promise<void> {
    await this.editBody(() => {
      const items: ListItemNode[] = [];
      const walk = (node: LexicalNode): void => {
        const list = node.getParent();
        if ($isListItemNode(node) && $isListNode(list) && list.getListType() === 'check') items.push(node);
        if ('getChildren' in node && typeof node.getChildren === 'function') for (const child of node.getChildren() as LexicalNode[]) walk(child);
      };
      walk($getRoot());
      items[index]?.setChecked(true);
    });
  }

  async writeParagraph(text: string): Promise<void> {
    await this.editBody(() => {
      $getRoot().append($createParagraphNode().append($createTextNode(text)));
    });
  }

  close(): void {
    this.sync?.destroy();
    this.sync = null;
    this.body.unmount();
    this.doc.destroy();
  }
}
