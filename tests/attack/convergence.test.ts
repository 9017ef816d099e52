import { $createListItemNode, $isListItemNode, $isListNode, type ListItemNode, type ListNode } from '@lexical/list';
import { $isHeadingNode } from '@lexical/rich-text';
import {
  $createParagraphNode,
  $createTextNode,
  $getNodeByKey,
  $getRoot,
  $isElementNode,
  $isParagraphNode,
  $isTextNode,
  type ElementNode,
  type LexicalNode,
  type TextNode,
} from 'lexical';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { writeEntryTemplate } from '../../renderer/editor/entryTemplateWriter';
import { $readChecklistProgress } from '../../renderer/editor/checklistProgress';
import { readBodyMarkdown } from '../../renderer/editor/headlessBodyEditor';
import { addEntryTag, getEntryTags, getEntryTitle, initEntryDoc, removeEntryTag, setEntryTitle } from '../../shared/entry/entryDoc';
import type { EntryKind } from '../../shared/entry/entryKind';
import { mountLiveBodyEditor, settle, type LiveBodyEditor } from '../unit/support/liveBodyEditor';
import { SeededRandom } from './support/seededRandom';
import { SimulatedNetwork } from './support/simulatedNetwork';

/**
 * Randomised convergence, in the style of Yjs's applyRandomTests: 3 to 5 peers edit one entry
 * (title, tags, check items and body, the body through DOM-less Lexical editors bound to their
 * documents as the app binds its editor, tests/unit/support/liveBodyEditor.ts) over a network that partitions, reorders, delays and
 * duplicates messages. After healing and flushing, every peer must show the same entry, each
 * editor must show exactly what its document holds, and every word typed must be there once,
 * unless an operation deleted it.
 *
 * Words are of two kinds, so that deletions can be tracked soundly. Markers (`K<peer>x<n>Q`,
 * unique) are typed and never deleted by a text deletion: only removing their whole block
 * deletes them, and a marker typed into a block that any peer ever removed is not expected (nor
 * one in a text node whose Yjs map a peer deleted, see isExpected).
 * Scratch words (lower-case) are typed and deleted. Both are typed only at word boundaries, so
 * no later insertion can split a marker; scratch and markers share no characters that Lexical's
 * text diff could slide a deletion across.
 *
 * Replay one seed: ATTACK_SEED=<seed> npx vitest run tests/attack/convergence.test.ts
 */

const TIME_BUDGET_MS = 15_000;
const MIN_SEEDS = 10;
const STEPS_PER_SEED = Number(process.env.ATTACK_STEPS ?? 120);
const MARKER = /K\d+x\d+Q/g;
const SCRATCH_WORDS = ['draft', 'todo', 'maybe', 'later', 'check', 'again', 'note'];
const TAG_POOL = ['incident', 'release', 'mobile', 'web', 'on-call'];
const KINDS: readonly EntryKind[] = ['checklist', 'debrief', 'lesson'];
const TITLE_ROOM = 280;
const STORAGE_ORIGIN = 'storage';
/**
 * Typing the first word of an empty block while a peer does the same (or empties the block)
 * breaks @lexical/yjs: about 1 seed in 100 then loses a word, leaves an editor showing other
 * text than its document, or has Lexical throw while restoring the caret after a peer's edit
 * (PointType.set: node not found), which drops that edit from the editor. The word loss is
 * pinned down in lexicalYjsRegressions.test.ts. The random runs leave the trigger out, so that
 * they can find something else; ATTACK_EMPTY_BLOCKS=1 puts it back, e.g. with ATTACK_SEED=194
 * (a lost word), 742 (editor and document apart) or 198 (Lexical throws).
 */
const TYPE_INTO_EMPTY_BLOCKS = process.env.ATTACK_EMPTY_BLOCKS === '1';

interface PeerUnderTest {
  readonly index: number;
  readonly doc: Y.Doc;
  readonly body: LiveBodyEditor;
  typed: number;
}

interface TypedMarker {
  readonly token: string;
  readonly author: number;
  readonly where: 'title' | 'body';
  /**
   * The Yjs identities of the block it was typed into and of the elements around it (a check
   * item's list), body only: removing any of them deletes the marker.
   */
  readonly containers: readonly string[];
  /** The Yjs identity of the text node (its map) that holds it (body only), resolved after the edit. */
  readonly textNode: string | null;
  /** The author's clock right after the edit: the edit reached peer p once p's state has it. */
  readonly clock: number;
}

interface RunLog {
  readonly markers: TypedMarker[];
  /** Blocks (by Yjs identity) that some peer removed at some point. */
  readonly removedBlocks: Set<string>;
  /** Text nodes (by the Yjs identity of their map) that some peer's binding deleted. */
  readonly deletedTextNodes: Set<string>;
  /** Tags that were only ever added (unique to one add), never removed. */
  readonly keptTags: Set<string>;
  operations: number;
  readonly counts: Record<string, number>;
}

// --- Reading a peer ----------------------------------------------------------------------

function $textBlocks(): ElementNode[] {
  const blocks: ElementNode[] = [];
  const visit = (node: LexicalNode): void => {
    if ($isListNode(node)) {
      for (const item of node.getChildren()) visit(item);
    } else if ($isListItemNode(node)) {
      if (node.getChildren().every($isTextNode)) blocks.push(node);
      else for (const child of node.getChildren()) visit(child);
    } else if (($isParagraphNode(node) || $isHeadingNode(node)) && node.getChildren().every($isTextNode)) {
      blocks.push(node);
    }
  };
  for (const child of $getRoot().getChildren()) visit(child);
  return blocks;
}

function $checkItems(): ListItemNode[] {
  const items: ListItemNode[] = [];
  const visit = (node: LexicalNode): void => {
    if ($isListItemNode(node)) {
      const parent = node.getParent();
      if ($isListNode(parent) && parent.getListType() === 'check') items.push(node);
    }
    if ($isElementNode(node)) for (const child of node.getChildren()) visit(child);
  };
  visit($getRoot());
  return items;
}

function $checkLists(): ListNode[] {
  return $getRoot()
    .getChildren()
    .filter((node): node is ListNode => $isListNode(node) && node.getListType() === 'check');
}

/** An element's identity on every peer: the id of the Yjs item that holds it. */
function blockIdOf(body: LiveBodyEditor, key: string): string | null {
  const collab = body.binding.collabNodeMap.get(key);
  if (!collab || !('_xmlText' in collab)) return null;
  const item = collab._xmlText._item;
  return item ? `${item.id.client}:${item.id.clock}` : null;
}

/** The identities of an element and of the elements it sits in, up to the root. */
function containersOf(body: LiveBodyEditor, key: string): string[] {
  return body.read(() => {
    const ids: string[] = [];
    for (let node: LexicalNode | null = $getNodeByKey(key); node && node.getKey() !== 'root'; node = node.getParent()) {
      const id = blockIdOf(body, node.getKey());
      if (id) ids.push(id);
    }
    return ids;
  });
}

/** The identity of the text node that holds `token`, once the edit is in the document. */
function textNodeOf(body: LiveBodyEditor, token: string): string {
  const key = body.read(() => $getRoot().getAllTextNodes().find((node) => node.getTextContent().includes(token))?.getKey() ?? null);
  const collab = key === null ? undefined : body.binding.collabNodeMap.get(key);
  const item = collab && '_map' in collab ? collab._map._item : null;
  // The author's own editor shows what it just typed, in a text node the binding wrote.
  expect(item, `${token} is in a text node of its author's editor`).toBeTruthy();
  return item ? `${item.id.client}:${item.id.clock}` : '';
}

/** Not inside a block or list that some peer removed. */
function outsideRemovedBlocks(marker: TypedMarker, log: RunLog): boolean {
  return marker.where === 'title' || (marker.containers.length > 0 && marker.containers.every((id) => !log.removedBlocks.has(id)));
}

/**
 * Lexical's binding keeps a text node as a Y.Map followed by its characters. When a peer deletes
 * that map (it merged two text nodes, or removed an emptied one) while another peer typed into
 * the node, the typing peer's binding finds the characters without their map and, with no text
 * node before them, deletes them ("dangling text", @lexical/yjs CollabElementNode). That loss is
 * pinned down in lexicalYjsRegressions.test.ts; here a marker whose text node was deleted is
 * counted, not required.
 */
function isExpected(marker: TypedMarker, log: RunLog): boolean {
  if (!outsideRemovedBlocks(marker, log)) return false;
  return marker.where === 'title' || (marker.textNode !== null && !log.deletedTextNodes.has(marker.textNode));
}

interface VisibleEntry {
  readonly title: string;
  readonly tags: readonly string[];
  readonly text: string;
  readonly markdown: string;
  readonly checked: ReadonlyArray<boolean | undefined>;
  readonly progress: string;
}

function visibleEntry(peer: PeerUnderTest): VisibleEntry {
  const { checked, progress } = peer.body.read(() => {
    const counted = $readChecklistProgress();
    return { checked: $checkItems().map((item) => item.getChecked()), progress: `${counted.done}/${counted.total}` };
  });
  return { title: getEntryTitle(peer.doc), tags: getEntryTags(peer.doc), text: peer.body.text(), markdown: peer.body.markdown(), checked, progress };
}

// --- Words at word boundaries --------------------------------------------------------------

/** Offsets where a word may be typed: the start of each word, and the end of the text. */
function boundaries(text: string): number[] {
  const at = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === ' ') at.push(i + 1);
  if (text.length > 0) at.push(text.length);
  return at;
}

/** `word` typed at `offset` of `text`, with the space that separates it from its neighbour. */
function typedAt(text: string, offset: number, word: string): string {
  if (text.length === 0) return word;
  return offset === text.length ? ` ${word}` : `${word} `;
}

/** The range of a scratch word and one space next to it, or null if `text` has none. */
function scratchRange(text: string, random: SeededRandom): { start: number; length: number } | null {
  const words: Array<{ start: number; end: number }> = [];
  for (const match of text.matchAll(/[a-z]+/g)) {
    const start = match.index;
    const end = start + match[0].length;
    // Only whole words: a scratch word glued to a marker (possible after concurrent deletions) stays.
    if ((start === 0 || text[start - 1] === ' ') && (end === text.length || text[end] === ' ')) words.push({ start, end });
  }
  if (words.length === 0) return null;
  const { start, end } = random.pick(words);
  if (end < text.length) return { start, length: end - start + 1 };
  if (start > 0) return { start: start - 1, length: end - start + 1 };
  return { start, length: end - start };
}

/** The text node and offset inside it for a character offset of a block of text nodes. */
function $locate(block: ElementNode, offset: number): { node: TextNode; offset: number } | null {
  let passed = 0;
  for (const child of block.getChildren()) {
    if (!$isTextNode(child)) return null;
    const length = child.getTextContentSize();
    if (offset <= passed + length) return { node: child, offset: offset - passed };
    passed += length;
  }
  return null;
}

// --- One run -------------------------------------------------------------------------------

interface SeedResult {
  readonly peers: number;
  readonly log: RunLog;
  readonly network: SimulatedNetwork['stats'];
  readonly lostWithTextNode: number;
}

async function runSeed(seed: number): Promise<SeedResult> {
  const random = new SeededRandom(seed);
  const peerCount = random.between(3, 5);
  const kind = random.pick(KINDS);
  const docs = Array.from({ length: peerCount }, () => new Y.Doc());
  docs.forEach((doc, index) => {
    doc.clientID = seed * 10 + index + 1; // reproducible client ids, so a seed replays exactly
  });
  const peers: PeerUnderTest[] = docs.map((doc, index) => ({
    index,
    doc,
    body: mountLiveBodyEditor(doc, { userName: `Peer ${index}`, now: () => 1_700_000_000_000 + index }),
    typed: 0,
  }));
  const network = new SimulatedNetwork(docs, random);
  const log: RunLog = { markers: [], removedBlocks: new Set(), deletedTextNodes: new Set(), keptTags: new Set(), operations: 0, counts: {} };
  for (const doc of docs) {
    doc.on('afterTransaction', (transaction: Y.Transaction) => {
      Y.iterateDeletedStructs(transaction, transaction.deleteSet, (struct) => {
        if (struct instanceof Y.Item && struct.content instanceof Y.ContentType && struct.content.type instanceof Y.Map) {
          log.deletedTextNodes.add(`${struct.id.client}:${struct.id.clock}`);
        }
      });
    });
  }
  // ATTACK_TRACE=1 prints every operation and, after each step, what each peer shows, flagging an
  // editor that no longer shows its own document: the first place a replayed seed went wrong.
  const tracing = Boolean(process.env.ATTACK_TRACE);
  const trace = (line: string): void => {
    if (tracing) console.log(line);
  };
  const traceState = (when: string): void => {
    if (!tracing) return;
    for (const peer of peers) {
      const inDocument = readBodyMarkdown(peer.doc);
      const shown = peer.body.markdown();
      const flags = `${inDocument === shown ? '' : ' EDITOR≠DOCUMENT'}${peer.body.errors.length > 0 ? ` ${peer.body.errors.length} ERRORS` : ''}`;
      trace(`  ${when} peer ${peer.index}${flags}: ${JSON.stringify(shown)}`);
    }
  };
  const count = (what: string, detail = ''): void => {
    log.counts[what] = (log.counts[what] ?? 0) + 1;
    log.operations++;
    trace(`#${log.operations} ${what} ${detail}`);
  };

  try {
    // Peer 0 creates the entry with its template and stores it; its open editor then loads it
    // from storage, as the app does (the editor is bound before the content arrives). The others
    // join with empty documents and receive it through the network.
    const created = new Y.Doc();
    created.clientID = seed * 10;
    initEntryDoc(created, { kind, createdAt: 1_700_000_000_000, title: 'Shared entry' });
    writeEntryTemplate(created, kind);
    Y.applyUpdate(docs[0] as Y.Doc, Y.encodeStateAsUpdate(created), STORAGE_ORIGIN);
    created.destroy();
    await settle();
    while (network.deliverOne()) await settle();

    const nextMarker = (peer: PeerUnderTest): string => `K${peer.index}x${peer.typed++}Q`;
    const clockOf = (peer: PeerUnderTest): number => Y.getState(peer.doc.store, peer.doc.clientID);

    const typeIntoBody = async (peer: PeerUnderTest, marker: boolean): Promise<void> => {
      const word = marker ? nextMarker(peer) : random.pick(SCRATCH_WORDS);
      let blockKey: string | null = null;
      await peer.body.edit(() => {
        const blocks = $textBlocks().filter((block) => TYPE_INTO_EMPTY_BLOCKS || block.getTextContentSize() > 0);
        if (blocks.length === 0) return;
        const block = random.pick(blocks);
        const text = block.getTextContent();
        const offset = random.pick(boundaries(text));
        const typed = typedAt(text, offset, word);
        if (block.getChildrenSize() === 0) {
          block.append($createTextNode(typed)).selectEnd();
        } else {
          const at = $locate(block, offset);
          if (!at) return;
          at.node.spliceText(at.offset, 0, typed, true);
        }
        blockKey = block.getKey();
      });
      if (blockKey === null) return;
      count(marker ? 'body marker typed' : 'body word typed', `${word} by ${peer.index} -> ${JSON.stringify(peer.body.text())}`);
      if (marker) {
        log.markers.push({ token: word, author: peer.index, where: 'body', containers: containersOf(peer.body, blockKey), textNode: textNodeOf(peer.body, word), clock: clockOf(peer) });
      }
    };

    const deleteBodyWord = async (peer: PeerUnderTest): Promise<void> => {
      let deleted = false;
      await peer.body.edit(() => {
        const candidates = $textBlocks().filter((block) => /[a-z]/.test(block.getTextContent()));
        if (candidates.length === 0) return;
        const block = random.pick(candidates);
        const range = scratchRange(block.getTextContent(), random);
        if (!range || (!TYPE_INTO_EMPTY_BLOCKS && range.length === block.getTextContentSize())) return;
        const at = $locate(block, range.start);
        if (!at || at.offset + range.length > at.node.getTextContentSize()) return;
        at.node.spliceText(at.offset, range.length, '', true);
        deleted = true;
      });
      if (deleted) count('body word deleted', `by ${peer.index} -> ${JSON.stringify(peer.body.text())}`);
    };

    const addBlock = async (peer: PeerUnderTest): Promise<void> => {
      const word = nextMarker(peer);
      let blockKey: string | null = null;
      let what = '';
      await peer.body.edit(() => {
        const lists = $checkLists();
        if (lists.length > 0 && random.chance(0.5)) {
          const list = random.pick(lists);
          const item = $createListItemNode(false).append($createTextNode(word));
          const before = list.getChildAtIndex(random.int(list.getChildrenSize() + 1));
          if (before) before.insertBefore(item);
          else list.append(item);
          blockKey = item.getKey();
          what = 'check item added';
        } else {
          const root = $getRoot();
          const paragraph = $createParagraphNode().append($createTextNode(word));
          const before = root.getChildAtIndex(random.int(root.getChildrenSize() + 1));
          if (before) before.insertBefore(paragraph);
          else root.append(paragraph);
          blockKey = paragraph.getKey();
          what = 'paragraph added';
        }
      });
      if (blockKey === null) return;
      count(what, `${word} by ${peer.index} -> ${JSON.stringify(peer.body.text())}`);
      log.markers.push({ token: word, author: peer.index, where: 'body', containers: containersOf(peer.body, blockKey), textNode: textNodeOf(peer.body, word), clock: clockOf(peer) });
    };

    const removeBlock = async (peer: PeerUnderTest): Promise<void> => {
      const removed: string[] = [];
      let what = '';
      await peer.body.edit(() => {
        const blocks = $textBlocks().filter((block) => !$isHeadingNode(block));
        if (blocks.length <= 1) return;
        const block = random.pick(blocks);
        what = $isListItemNode(block) ? 'check item removed' : 'paragraph removed';
        // Removing a list's last item removes the list too, with anything a peer added to it meanwhile.
        const around: ElementNode[] = [];
        for (let node: ElementNode | null = block; node && node.getKey() !== 'root'; node = node.getParent()) around.push(node);
        const ids = new Map(around.map((node) => [node, blockIdOf(peer.body, node.getKey())]));
        block.remove();
        for (const [node, id] of ids) if (id && !node.isAttached()) removed.push(id);
      });
      if (removed.length === 0) return;
      for (const id of removed) log.removedBlocks.add(id);
      count(what, `${removed.join(',')} by ${peer.index} -> ${JSON.stringify(peer.body.text())}`);
    };

    const tick = async (peer: PeerUnderTest): Promise<void> => {
      let ticked = false;
      await peer.body.edit(() => {
        const items = $checkItems();
        if (items.length === 0) return;
        const item = random.pick(items);
        if (random.chance(0.7)) item.toggleChecked();
        else item.setChecked(random.chance(0.5));
        ticked = true;
      });
      if (ticked) count('check item ticked or unticked');
    };

    const typeIntoTitle = (peer: PeerUnderTest, marker: boolean): void => {
      const title = getEntryTitle(peer.doc);
      if (title.length > TITLE_ROOM) return;
      const word = marker ? nextMarker(peer) : random.pick(SCRATCH_WORDS);
      const offset = random.pick(boundaries(title));
      setEntryTitle(peer.doc, title.slice(0, offset) + typedAt(title, offset, word) + title.slice(offset));
      count(marker ? 'title marker typed' : 'title word typed');
      if (marker) log.markers.push({ token: word, author: peer.index, where: 'title', containers: [], textNode: null, clock: clockOf(peer) });
    };

    const deleteTitleWord = (peer: PeerUnderTest): void => {
      const title = getEntryTitle(peer.doc);
      if (title.length > 300) return; // setEntryTitle would clip the title: a deletion we do not track
      const range = scratchRange(title, random);
      if (!range) return;
      setEntryTitle(peer.doc, title.slice(0, range.start) + title.slice(range.start + range.length));
      count('title word deleted');
    };

    const editTags = (peer: PeerUnderTest): void => {
      if (random.chance(0.3)) {
        const tag = `kept-${peer.index}-${peer.typed++}`;
        addEntryTag(peer.doc, tag, 1);
        log.keptTags.add(tag);
        count('tag added');
      } else if (random.chance(0.5)) {
        addEntryTag(peer.doc, random.pick(TAG_POOL), 1);
        count('tag added');
      } else {
        removeEntryTag(peer.doc, random.pick(TAG_POOL));
        count('tag removed');
      }
    };

    for (let step = 0; step < STEPS_PER_SEED; step++) {
      const peer = random.pick(peers);
      const action = random.weighted<() => Promise<void> | void>([
        [14, () => typeIntoBody(peer, true)],
        [8, () => typeIntoBody(peer, false)],
        [6, () => deleteBodyWord(peer)],
        [4, () => addBlock(peer)],
        [2, () => removeBlock(peer)],
        [6, () => tick(peer)],
        [5, () => typeIntoTitle(peer, true)],
        [3, () => typeIntoTitle(peer, false)],
        [3, () => deleteTitleWord(peer)],
        [4, () => editTags(peer)],
        [
          40,
          async () => {
            for (let n = random.between(1, 6); n > 0 && network.deliverOne(); n--) await settle();
          },
        ],
        [
          5,
          () => {
            const a = random.int(peerCount);
            const b = (a + 1 + random.int(peerCount - 1)) % peerCount;
            if (network.isUp(a, b)) network.cut(a, b);
            else network.heal(a, b);
          },
        ],
      ]);
      await action();
      await settle();
      traceState(`step ${step}`);
    }

    // The edits each peer made before the end that another peer already had.
    const acknowledged = log.markers.filter((marker) =>
      peers.some((other) => other.index !== marker.author && Y.getState(other.doc.store, (docs[marker.author] as Y.Doc).clientID) >= marker.clock),
    ).length;
    log.counts['acknowledged markers'] = acknowledged;

    network.healAll();
    for (let guard = 0; network.pending > 0; guard++) {
      if (guard > 200_000) throw new Error('the network never went quiet');
      network.deliverOne();
      await settle();
      traceState('flush');
    }
    await settle();

    const lostWithTextNode = checkConverged(peers, log);
    return { peers: peerCount, log, network: network.stats, lostWithTextNode };
  } finally {
    network.destroy();
    for (const peer of peers) peer.body.unmount();
  }
}

/** Checks the end state; returns how many markers in deleted text nodes were lost. */
function checkConverged(peers: readonly PeerUnderTest[], log: RunLog): number {
  for (const peer of peers) {
    if (peer.body.errors.length > 0) console.log(`Lexical errors at peer ${peer.index}:\n${peer.body.errors.map((error) => error.stack).join('\n')}`);
    expect(peer.body.errors, `Lexical errors at peer ${peer.index}`).toEqual([]);
  }

  // Same document everywhere: the same insertions and the same deletions.
  const first = Y.snapshot((peers[0] as PeerUnderTest).doc);
  for (const peer of peers.slice(1)) expect(Y.equalSnapshots(Y.snapshot(peer.doc), first), `peer ${peer.index} has every update`).toBe(true);

  // Each editor shows exactly what its document holds (as a fresh editor would read it).
  const seen = peers.map(visibleEntry);
  for (const [index, peer] of peers.entries()) {
    expect((seen[index] as VisibleEntry).markdown, `peer ${index}'s editor shows its document`).toBe(readBodyMarkdown(peer.doc));
  }
  // Every peer shows the same entry.
  for (const entry of seen.slice(1)) expect(entry).toEqual(seen[0]);

  const shown = seen[0] as VisibleEntry;
  const inBody: string[] = shown.text.match(MARKER) ?? [];
  const inTitle: string[] = shown.title.match(MARKER) ?? [];
  const typed = new Set(log.markers.map((marker) => marker.token));
  // Nothing appears that nobody typed, and nothing appears twice.
  for (const token of [...inBody, ...inTitle]) expect(typed.has(token), `${token} was typed`).toBe(true);
  expect(inBody.length, 'no marker twice in the body').toBe(new Set(inBody).size);
  expect(inTitle.length, 'no marker twice in the title').toBe(new Set(inTitle).size);
  // Every marker is there unless its block was removed (or its text node deleted, see isExpected).
  let lostWithTextNode = 0;
  for (const marker of log.markers) {
    if (marker.where === 'title') {
      expect(inTitle, `title marker ${marker.token}`).toContain(marker.token);
    } else if (isExpected(marker, log)) {
      expect(inBody, `body marker ${marker.token} (text node ${marker.textNode} in ${marker.containers.join(' in ')})`).toContain(marker.token);
    } else if (outsideRemovedBlocks(marker, log) && !inBody.includes(marker.token)) {
      lostWithTextNode++;
    }
  }
  for (const tag of log.keptTags) expect(shown.tags).toContain(tag);
  return lostWithTextNode;
}

describe('randomised convergence of peers editing one entry', () => {
  it('every peer ends with the same entry, holding every edit that was not deleted', async () => {
    const only = process.env.ATTACK_SEED;
    const started = Date.now();
    const totals = { seeds: 0, peers: 0, operations: 0, markers: 0, kept: 0, acknowledged: 0, removed: 0, atRisk: 0, lost: 0 };
    const network = { sent: 0, delivered: 0, dropped: 0, duplicated: 0, reordered: 0, partitions: 0 };
    const seeds: number[] = [];
    for (let seed = only ? Number(only) : 1; ; seed++) {
      let result: SeedResult;
      try {
        result = await runSeed(seed);
      } catch (error) {
        console.log(`convergence: seed ${seed} FAILED; replay with ATTACK_SEED=${seed} npx vitest run tests/attack/convergence.test.ts`);
        throw error;
      }
      seeds.push(seed);
      totals.seeds++;
      totals.peers += result.peers;
      totals.operations += result.log.operations;
      totals.markers += result.log.markers.length;
      totals.kept += result.log.markers.filter((marker) => isExpected(marker, result.log)).length;
      totals.removed += result.log.markers.filter((marker) => !outsideRemovedBlocks(marker, result.log)).length;
      totals.atRisk += result.log.markers.filter((marker) => outsideRemovedBlocks(marker, result.log) && !isExpected(marker, result.log)).length;
      totals.lost += result.lostWithTextNode;
      totals.acknowledged += result.log.counts['acknowledged markers'] ?? 0;
      for (const key of Object.keys(network) as Array<keyof typeof network>) network[key] += result.network[key];
      if (only || (totals.seeds >= MIN_SEEDS && Date.now() - started > TIME_BUDGET_MS)) break;
    }
    const n = (value: number): string => value.toLocaleString('en-US');
    console.log(
      `convergence: ${n(totals.seeds)} seeds (${seeds[0]}–${seeds[seeds.length - 1]}) × 3–5 peers (${n(totals.peers)} in all), ` +
        `${n(totals.operations)} operations, ${n(network.sent)} messages sent, ${n(network.delivered)} delivered, ` +
        `${n(network.dropped)} dropped, ${n(network.duplicated)} duplicated, ${n(network.reordered)} reordered, ${n(network.partitions)} partitions; ` +
        `${n(totals.markers)} marker words typed (${n(totals.acknowledged)} acknowledged before the end): ${n(totals.kept)} required and all present once, ` +
        `${n(totals.removed)} in removed blocks, ${n(totals.atRisk)} in text nodes a peer deleted (${n(totals.lost)} of them lost: Lexical's dangling-text cleanup); ` +
        `${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    expect(totals.seeds).toBeGreaterThanOrEqual(only ? 1 : MIN_SEEDS);
  }, 60_000);
});
