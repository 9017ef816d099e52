import { createHeadlessEditor } from '@lexical/headless';
import { $createListItemNode, $createListNode } from '@lexical/list';
import { $createHeadingNode } from '@lexical/rich-text';
import {
  createBindingV2__EXPERIMENTAL,
  createYjsBinding,
  syncLexicalUpdateToYjs,
  syncLexicalUpdateToYjsV2__EXPERIMENTAL,
  syncYjsChangesToLexical,
  syncYjsChangesToLexicalV2__EXPERIMENTAL,
  type Provider,
} from '@lexical/yjs';
import { $createParagraphNode, $createTextNode, $getRoot, $isElementNode, $isTextNode, type LexicalEditor } from 'lexical';
import { bench, describe } from 'vitest';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { ENTRY_BODY_NODES } from '../renderer/editor/editorNodes';
import { BODY_PAGING, bindEditorToEntry, type BodyPaging } from '../renderer/editor/entryBodyBinding';
import { sampleEntry, sampleParagraphs } from '../shared/seed/sampleEntries';

/**
 * Lexical's Yjs binding, V1 (what Peerbook uses, patched: `root`, Y.XmlText) against V2
 * (`CollaborationPluginV2__EXPERIMENTAL`: `root-v2`, Y.XmlElement), on the same bodies: the
 * 5,000-paragraph entry of the scale benchmarks and a written-up debrief. For each: the Yjs
 * state's size, the cost to open (the state arriving into an empty editor bound to an empty
 * document, as an entry loads), and the cost of one keystroke (a Lexical update and its sync to
 * Yjs) in the middle of the body. Figures are the median of several runs with the fastest and
 * slowest; docs/DECISIONS.md ("Lexical's Yjs binding: V1, patched") records them.
 */

const OPEN_RUNS = 7;
const KEYSTROKES = 60;
const BINDINGS = ['V1', 'V2'] as const;
type BindingVersion = (typeof BINDINGS)[number];

interface Body {
  readonly name: string;
  readonly blocks: number;
  readonly build: () => void;
}

const debrief = Array.from({ length: 40 }, (_, index) => sampleEntry(index)).find((entry) => entry.kind === 'debrief');
if (!debrief) throw new Error('no sample debrief');

const BODIES: readonly Body[] = [
  {
    name: '5,000 paragraphs',
    blocks: 5_000,
    build: () => {
      for (const text of sampleParagraphs(5_000)) $getRoot().append($createParagraphNode().append($createTextNode(text)));
    },
  },
  {
    name: 'a written-up debrief',
    blocks: debrief.sections.reduce((sum, section) => sum + (section.heading ? 1 : 0) + section.paragraphs.length, 1),
    build: () => {
      const root = $getRoot();
      for (const section of debrief.sections) {
        if (section.heading) root.append($createHeadingNode('h2').append($createTextNode(section.heading)));
        for (const text of section.paragraphs) root.append($createParagraphNode().append($createTextNode(text)));
      }
      root.append($createListNode('check').append(...debrief.checks.map((text) => $createListItemNode(false).append($createTextNode(text)))));
    },
  },
];

function providerFor(doc: Y.Doc): Provider {
  const noop = (): void => {};
  return { awareness: new Awareness(doc) as unknown as Provider['awareness'], connect: noop, disconnect: noop, on: noop, off: noop };
}

/** An editor bound to `doc` both ways, as a collaboration plugin binds it. */
function bindEditor(doc: Y.Doc, version: BindingVersion): { editor: LexicalEditor; dispose: () => void } {
  const editor = createHeadlessEditor({ namespace: 'bench', nodes: [...ENTRY_BODY_NODES], onError: (error) => { throw error; } });
  const provider = providerFor(doc);
  if (version === 'V1') {
    const binding = createYjsBinding({ editor, id: 'bench', doc, docMap: new Map([['bench', doc]]) });
    const root = binding.root.getSharedType();
    const onChanges = (events: Array<Y.YEvent<Y.XmlText>>, transaction: Y.Transaction): void => {
      if (transaction.origin !== binding) syncYjsChangesToLexical(binding, provider, events, false, () => {});
    };
    root.observeDeep(onChanges);
    const stop = editor.registerUpdateListener(({ prevEditorState, editorState, dirtyElements, dirtyLeaves, normalizedNodes, tags }) =>
      syncLexicalUpdateToYjs(binding, provider, prevEditorState, editorState, dirtyElements, dirtyLeaves, normalizedNodes, tags),
    );
    return { editor, dispose: () => (root.unobserveDeep(onChanges), stop()) };
  }
  const binding = createBindingV2__EXPERIMENTAL(editor, 'bench', doc, new Map([['bench', doc]]));
  const onChanges = (events: Array<Y.YEvent<Y.XmlElement>>, transaction: Y.Transaction): void => {
    if (transaction.origin !== binding) syncYjsChangesToLexicalV2__EXPERIMENTAL(binding, provider, events, transaction, false);
  };
  binding.root.observeDeep(onChanges);
  const stop = editor.registerUpdateListener(({ prevEditorState, editorState, dirtyElements, dirtyLeaves, normalizedNodes, tags }) =>
    syncLexicalUpdateToYjsV2__EXPERIMENTAL(binding, provider, prevEditorState, editorState, dirtyElements, dirtyLeaves, normalizedNodes, tags),
  );
  return { editor, dispose: () => (binding.root.unobserveDeep(onChanges), stop()) };
}

/** The body written through the binding into a new document; its state. */
function writtenState(body: Body, version: BindingVersion): Uint8Array {
  const doc = new Y.Doc();
  // A fixed client id of a typical (random 32-bit) size, so sizes do not vary from run to run.
  doc.clientID = 3_000_000_000;
  const { editor, dispose } = bindEditor(doc, version);
  editor.update(body.build, { discrete: true });
  dispose();
  return Y.encodeStateAsUpdate(doc);
}

/** An editor showing the state, loaded as an entry loads: bound first, then the state arrives. */
function open(state: Uint8Array, version: BindingVersion, blocks: number): LexicalEditor {
  const doc = new Y.Doc();
  const { editor } = bindEditor(doc, version);
  Y.applyUpdate(doc, state, 'storage');
  const shown = editor.read(() => $getRoot().getChildrenSize());
  if (shown !== blocks) throw new Error(`${version} opened ${shown} blocks of ${blocks}`);
  return editor;
}

/** Types one letter at the end of the middle block's text, and commits (which syncs to Yjs). */
function typeInTheMiddle(editor: LexicalEditor): void {
  editor.update(
    () => {
      const root = $getRoot();
      const block = root.getChildAtIndex(Math.floor(root.getChildrenSize() / 2));
      const text = $isElementNode(block) ? block.getLastChild() : null;
      if ($isTextNode(text)) text.spliceText(text.getTextContentSize(), 0, 'x', true);
    },
    { discrete: true },
  );
}

function timed(work: () => void): number {
  const started = performance.now();
  work();
  return performance.now() - started;
}

function summary(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  const median = sorted.length % 2 ? (sorted[Math.floor(middle)] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
  const ms = (value: number): string => (value < 10 ? value.toFixed(2) : value.toFixed(0));
  return `${ms(median)} ms (${ms(sorted[0] as number)}–${ms(sorted[sorted.length - 1] as number)}, ${samples.length} runs)`;
}

const states = new Map(BODIES.flatMap((body) => BINDINGS.map((version) => [`${body.name} ${version}`, writtenState(body, version)] as const)));
const stateOf = (body: Body, version: BindingVersion): Uint8Array => states.get(`${body.name} ${version}`) as Uint8Array;

// The figures, printed once: median (fastest–slowest).
for (const body of BODIES) {
  for (const version of BINDINGS) {
    const state = stateOf(body, version);
    const opening = Array.from({ length: OPEN_RUNS }, () => timed(() => void open(state, version, body.blocks)));
    const editor = open(state, version, body.blocks);
    const typing = Array.from({ length: KEYSTROKES }, () => timed(() => typeInTheMiddle(editor)));
    console.log(
      `${body.name}, ${version}: state ${state.byteLength.toLocaleString('en-US')} bytes; open ${summary(opening)}; one keystroke ${summary(typing)}`,
    );
  }
}

/**
 * What the app's binding costs (renderer/editor/entryBodyBinding.ts), on the 5,000-paragraph
 * body: decoding the state into a fresh document (the floor: what loading the entry costs
 * anyway), encoding it, and binding an editor the two ways the app does: straight to the entry
 * (a writable entry: the body read from the document as it is) and through a replica (a
 * read-only entry, or a second editor of one entry: the state encoded and applied to the
 * replica, Lexical's nodes made from its events). Then one keystroke bound straight.
 */
function replicaCosts(): void {
  const body = BODIES[0] as Body;
  const state = stateOf(body, 'V1');
  const entryDoc = (): Y.Doc => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, state, 'storage');
    return doc;
  };
  const decoding = Array.from({ length: OPEN_RUNS }, () => timed(() => void entryDoc()));
  const encoding = Array.from({ length: OPEN_RUNS }, () => {
    const doc = entryDoc();
    return timed(() => void Y.encodeStateAsUpdate(doc));
  });
  // The app draws a long body's first blocks as it binds and the rest in later steps; here the
  // later steps never run, so `firstScreen` is what comes before the body is editable.
  const never = (): (() => void) => () => {};
  const firstScreen: BodyPaging = { ...BODY_PAGING, schedule: never };
  const whole: BodyPaging = { firstBlocks: Number.POSITIVE_INFINITY, blocksPerStep: 0, schedule: never };
  // A read-only entry is the one the app binds through a replica.
  const bind = (doc: Y.Doc, paging: BodyPaging, throughReplica: boolean): LexicalEditor => {
    const editor = createHeadlessEditor({ namespace: 'bench', nodes: [...ENTRY_BODY_NODES], onError: (error) => { throw error; } });
    const entry = { doc, awareness: new Awareness(doc), offerBodyReader: () => () => {}, readOnly: throughReplica ? { kind: 'bench' } : null };
    bindEditorToEntry(editor, entry, { name: 'Bench', color: '#000' }, false, paging);
    return editor;
  };
  const bindTimes = (paging: BodyPaging, throughReplica: boolean): number[] =>
    Array.from({ length: OPEN_RUNS }, () => {
      const doc = entryDoc();
      return timed(() => void bind(doc, paging, throughReplica));
    });
  const straight = bindTimes(whole, false);
  const straightFirst = bindTimes(firstScreen, false);
  const replica = bindTimes(whole, true);
  const replicaFirst = bindTimes(firstScreen, true);
  const editor = bind(entryDoc(), whole, false);
  const typing = Array.from({ length: KEYSTROKES }, () => timed(() => typeInTheMiddle(editor)));
  console.log(
    `${body.name}, the app's binding: decode the state ${summary(decoding)}; encode it ${summary(encoding)}; ` +
      `bind an editor straight to the entry ${summary(straight)}, its first ${BODY_PAGING.firstBlocks} blocks only ${summary(straightFirst)}; ` +
      `through a replica (a read-only entry) ${summary(replica)}, first ${BODY_PAGING.firstBlocks} blocks ${summary(replicaFirst)}; ` +
      `one keystroke bound straight ${summary(typing)}`,
  );
}
replicaCosts();

for (const body of BODIES) {
  describe(`Lexical's Yjs binding, ${body.name}: opening`, () => {
    for (const version of BINDINGS) bench(version, () => void open(stateOf(body, version), version, body.blocks), { iterations: 5, warmupIterations: 1 });
  });
  describe(`Lexical's Yjs binding, ${body.name}: one keystroke`, () => {
    for (const version of BINDINGS) {
      const editor = open(stateOf(body, version), version, body.blocks);
      bench(version, () => typeInTheMiddle(editor));
    }
  });
}
