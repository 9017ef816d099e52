/**
 * One peer of the peer-sync integration tests, running in its own Node process: a separate
 * device. y-webrtc keeps module-level state (one provider per room name, shared signaling
 * connections) and links providers of one process through BroadcastChannel, bypassing WebRTC, so
 * two peers in one process would prove nothing about WebRTC.
 *
 * The parent (peerHarness.ts) bundles this file with esbuild, forks it, and drives it over IPC
 * (workerChild.ts).
 */
import { createHash } from 'node:crypto';
import * as wrtc from '@roamhq/wrtc';
import { $createHeadingNode } from '@lexical/rich-text';
import { $createParagraphNode, $createTextNode, $getRoot } from 'lexical';
import { Awareness } from 'y-protocols/awareness';
import { WebrtcProvider } from 'y-webrtc';
import * as Y from 'yjs';
import { isRecord, serveCommands } from './workerChild';
import { withChunkedDataChannels, type ChannelGateFactory } from '../../../renderer/collab/chunkedPeerConnection';
import { PeerSync, type PeerSyncStatus } from '../../../renderer/collab/peerSync';
import { decodeWriteProofMessage, encodeWriteProofMessage, WRITE_PROOF_MESSAGE } from '../../../shared/sync/writeProof';
import { readBodyMarkdown, writeBodyOnce } from '../../../renderer/editor/headlessBodyEditor';
import { writeEntryTemplate } from '../../../renderer/editor/entryTemplateWriter';
import { DOC_ORIGINS } from '../../../shared/doc/docOrigins';
import { addEntryTag, getEntryTags, getEntryTitle, initEntryDoc, readEntryMeta, setEntryTitle } from '../../../shared/entry/entryDoc';
import { isEntryKind, type EntryKind } from '../../../shared/entry/entryKind';

/**
 * How the peer reaches its room. 'chunked' is Peerbook's PeerSync; 'raw' is a stock y-webrtc
 * provider on @roamhq/wrtc without message chunking (the control that shows why chunking exists).
 * 'replay' is a y-webrtc provider on Peerbook's data channels that takes part in the write proof
 * (shared/sync/writeProof.ts) only to cheat: every challenge it receives it sends on to every
 * peer (the one that sent it too), and every proof it receives it passes to every peer that
 * challenged it, as if the proof were its own. It applies whatever it receives.
 */
export type PeerTransport = 'chunked' | 'raw' | 'replay';

// A type, not an interface: commands travel as plain records.
export type ConnectCommand = {
  readonly type: 'connect';
  readonly room: string;
  readonly key: string;
  readonly signaling: readonly string[];
  readonly transport: PeerTransport;
  /** The entry's public write key (read-only links); with `write`, this peer may edit. */
  readonly verify?: string;
  readonly write?: string;
};

export type PeerCommand =
  | ConnectCommand
  | { readonly type: 'disconnect' }
  | { readonly type: 'createEntry'; readonly kind: EntryKind; readonly title: string }
  | { readonly type: 'fillEntry'; readonly title: string; readonly minStateBytes: number }
  | { readonly type: 'insertIntoTitle'; readonly at: 'start' | 'end'; readonly text: string }
  | { readonly type: 'addTag'; readonly tag: string }
  | { readonly type: 'setPresence'; readonly name: string; readonly mark: number }
  | { readonly type: 'snapshot'; readonly withBody: boolean }
  | { readonly type: 'exit' };

export type PeerCommandType = PeerCommand['type'];

/** What another device's presence looks like from here. */
export interface SeenPresence {
  readonly name: string;
  readonly mark: number;
}

export interface BodySnapshot {
  /** The body as Markdown, when short enough to be worth sending back whole. */
  readonly markdown: string | null;
  readonly length: number;
  readonly sha256: string;
  /** Y.encodeStateAsUpdate(doc).byteLength: the size of a full sync of this document. */
  readonly stateBytes: number;
}

export interface PeerSnapshot {
  readonly title: string;
  readonly tags: readonly string[];
  /** The entry's kind, or null while the document holds no entry (a joiner before sync). */
  readonly kind: EntryKind | null;
  readonly connection: PeerSyncStatus['state'] | 'disconnected';
  /** Peers connected over WebRTC right now. */
  readonly peers: number;
  /** How many times a connected peer went away since this peer connected. */
  readonly dropped: number;
  readonly presence: readonly SeenPresence[];
  readonly body: BodySnapshot | null;
  /** 'replay' peers: proofs received from one peer and passed to others as their own. */
  readonly proofsReplayed: number;
}

export interface FilledEntry {
  readonly stateBytes: number;
  readonly paragraphs: number;
  readonly millis: number;
}

/** The result each command answers with. */
export interface PeerResults {
  connect: null;
  disconnect: null;
  createEntry: null;
  fillEntry: FilledEntry;
  /** The title right after this peer's own edit: tells whether it had seen others' edits yet. */
  insertIntoTitle: string;
  addTag: null;
  setPresence: null;
  snapshot: PeerSnapshot;
  exit: null;
}



// ---------------------------------------------------------------------------------------------
// Everything below runs only in the child process.

interface Connection {
  readonly status: () => Pick<PeerSyncStatus, 'state' | 'peers'>;
  readonly dropped: () => number;
  readonly close: () => void;
}

const doc = new Y.Doc();
const awareness = new Awareness(doc);
let connection: Connection | null = null;

function connectChunked(command: ConnectCommand): Connection {
  const { verify, write } = command;
  const sync = new PeerSync(
    doc,
    awareness,
    { room: command.room, key: command.key, signaling: command.signaling, iceServers: [], ...(verify ? { verify, ...(write ? { write } : {}) } : {}) },
    Date.now,
    wrtc,
  );
  // What the app sees: PeerSync's status (refreshed on y-webrtc's 'peers' events and each second).
  let dropped = 0;
  let peers = 0;
  sync.onStatus((status) => {
    if (status.peers < peers) dropped += peers - status.peers;
    peers = status.peers;
  });
  return { status: () => sync.currentStatus, dropped: () => dropped, close: () => sync.destroy() };
}

let proofsReplayed = 0;

/** The gates of a 'replay' peer (see PeerTransport): one per data channel, sharing what they heard. */
function replayingGates(): ChannelGateFactory {
  const senders = new Set<(message: Uint8Array) => void>();
  const challengers = new Set<(message: Uint8Array) => void>();
  const nonces: Uint8Array[] = [];
  return () => {
    let own: ((message: Uint8Array) => void) | null = null;
    return {
      open(send) {
        own = send;
        senders.add(send);
        // Challenges heard before this peer came go to it too.
        for (const nonce of nonces) send(encodeWriteProofMessage({ kind: 'challenge', nonce }));
      },
      isOwn: (message) => message[0] === WRITE_PROOF_MESSAGE,
      handleOwn(message) {
        const parsed = decodeWriteProofMessage(message);
        if (!parsed || !own) return;
        if (parsed.kind === 'challenge') {
          challengers.add(own);
          nonces.push(parsed.nonce);
          for (const send of senders) send(encodeWriteProofMessage({ kind: 'challenge', nonce: parsed.nonce }));
        } else if (parsed.kind === 'proof') {
          for (const send of challengers) {
            send(encodeWriteProofMessage({ kind: 'proof', signature: parsed.signature }));
            proofsReplayed++;
          }
        }
      },
      admit: () => Promise.resolve(true),
    };
  };
}

function connectRaw(command: ConnectCommand): Connection {
  const provider = new WebrtcProvider(command.room, doc, {
    signaling: [...command.signaling],
    password: command.key,
    awareness,
    maxConns: 20,
    filterBcConns: true,
    peerOpts: { wrtc: command.transport === 'replay' ? withChunkedDataChannels(wrtc, () => true, replayingGates()) : wrtc, config: { iceServers: [] } },
  });
  const connectedPeers = (): number => (provider.room ? [...provider.room.webrtcConns.values()].filter((conn) => conn.connected).length : 0);
  // A connection that fails right after it opens (as one does here when a message is too large)
  // may never show in a poll: follow each simple-peer connection's own events instead.
  let dropped = 0;
  const followed = new WeakSet<object>();
  provider.on('peers', () => {
    for (const conn of provider.room?.webrtcConns.values() ?? []) {
      if (followed.has(conn)) continue;
      followed.add(conn);
      const peer: unknown = conn.peer;
      if (!isRecord(peer) || typeof peer.once !== 'function') continue;
      const once = (event: string, listener: () => void): void => {
        (peer.once as (event: string, listener: () => void) => void).call(peer, event, listener);
      };
      once('connect', () => once('close', () => dropped++));
    }
  });
  return {
    dropped: () => dropped,
    status: () => {
      const now = connectedPeers();
      return { state: now > 0 ? 'connected' : 'connecting', peers: now };
    },
    close: () => {
      provider.disconnect();
      provider.destroy();
    },
  };
}

/** Deterministic, varied prose: every paragraph differs, as in a real long entry. */
function* prose(seed: number): Generator<string> {
  const words = [
    'deploy', 'rollback', 'latency', 'replica', 'failover', 'the', 'on-call', 'pager', 'queue', 'backlog',
    'customer', 'timeout', 'retry', 'budget', 'we', 'learned', 'that', 'cache', 'warmed', 'slowly',
    'migration', 'index', 'lock', 'contention', 'after', 'midnight', 'dashboard', 'alert', 'fired', 'twice',
  ];
  let state = seed >>> 0;
  for (;;) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    yield words[(state >>> 16) % words.length] as string;
  }
}

/**
 * A new entry whose body is at least `minStateBytes` of text, written once by this device as
 * Lexical paragraphs (the same path a template or an import takes).
 */
function fillEntry(title: string, minStateBytes: number): FilledEntry {
  const started = Date.now();
  initEntryDoc(doc, { kind: 'debrief', createdAt: started, title });
  const words = prose(minStateBytes);
  let paragraphs = 0;
  writeBodyOnce(doc, DOC_ORIGINS.import, () => {
    const root = $getRoot();
    root.clear();
    // Text alone reaches the target size; Lexical's and Yjs's structure only adds to it.
    let characters = 0;
    while (characters < minStateBytes) {
      if (paragraphs % 40 === 0) root.append($createHeadingNode('h2').append($createTextNode(`Part ${paragraphs / 40 + 1}`)));
      let text = `${paragraphs + 1}.`;
      while (text.length < 900) text += ` ${words.next().value as string}`;
      root.append($createParagraphNode().append($createTextNode(text)));
      characters += text.length;
      paragraphs++;
    }
  });
  return { stateBytes: Y.encodeStateAsUpdate(doc).byteLength, paragraphs, millis: Date.now() - started };
}

function presenceOf(state: unknown): SeenPresence | null {
  if (typeof state !== 'object' || state === null || !('user' in state)) return null;
  const user: unknown = state.user;
  if (typeof user !== 'object' || user === null || !('name' in user) || !('mark' in user)) return null;
  return typeof user.name === 'string' && typeof user.mark === 'number' ? { name: user.name, mark: user.mark } : null;
}

function snapshot(withBody: boolean): PeerSnapshot {
  const status = connection?.status() ?? null;
  const presence: SeenPresence[] = [];
  awareness.getStates().forEach((state, clientId) => {
    const seen = clientId === doc.clientID ? null : presenceOf(state);
    if (seen) presence.push(seen);
  });
  let body: BodySnapshot | null = null;
  if (withBody) {
    const markdown = readBodyMarkdown(doc);
    body = {
      markdown: markdown.length <= 64 * 1024 ? markdown : null,
      length: markdown.length,
      sha256: createHash('sha256').update(markdown).digest('hex'),
      stateBytes: Y.encodeStateAsUpdate(doc).byteLength,
    };
  }
  return {
    title: getEntryTitle(doc),
    tags: getEntryTags(doc),
    kind: readEntryMeta(doc)?.kind ?? null,
    connection: status?.state ?? 'disconnected',
    peers: status?.peers ?? 0,
    dropped: connection?.dropped() ?? 0,
    presence,
    body,
    proofsReplayed,
  };
}

function run(command: PeerCommand): PeerResults[PeerCommandType] {
  switch (command.type) {
    case 'connect':
      if (connection) throw new Error('already connected; disconnect first');
      connection = command.transport === 'chunked' ? connectChunked(command) : connectRaw(command);
      return null;
    case 'disconnect':
      connection?.close();
      connection = null;
      return null;
    case 'createEntry':
      initEntryDoc(doc, { kind: command.kind, createdAt: Date.now(), title: command.title });
      writeEntryTemplate(doc, command.kind);
      return null;
    case 'fillEntry':
      return fillEntry(command.title, command.minStateBytes);
    case 'insertIntoTitle': {
      const current = getEntryTitle(doc);
      setEntryTitle(doc, command.at === 'start' ? command.text + current : current + command.text);
      return getEntryTitle(doc);
    }
    case 'addTag':
      addEntryTag(doc, command.tag, Date.now());
      return null;
    case 'setPresence':
      awareness.setLocalStateField('user', { name: command.name, mark: command.mark });
      return null;
    case 'snapshot':
      return snapshot(command.withBody);
    case 'exit':
      connection?.close();
      connection = null;
      setTimeout(() => process.exit(0), 10);
      return null;
  }
}

// --- Validation of what the parent sends: it arrives as `unknown`. ---


function stringField(record: Record<string, unknown>, name: string): string {
  const value = record[name];
  if (typeof value !== 'string') throw new Error(`command field ${name} must be a string`);
  return value;
}

function numberField(record: Record<string, unknown>, name: string): number {
  const value = record[name];
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`command field ${name} must be a number`);
  return value;
}

function parseCommand(value: unknown): PeerCommand {
  if (!isRecord(value)) throw new Error('a command must be an object');
  switch (value.type) {
    case 'connect': {
      const signaling = value.signaling;
      if (!Array.isArray(signaling) || !signaling.every((url): url is string => typeof url === 'string')) {
        throw new Error('connect.signaling must be a list of URLs');
      }
      const transport = value.transport;
      if (transport !== 'chunked' && transport !== 'raw' && transport !== 'replay') throw new Error('connect.transport must be chunked, raw or replay');
      const keys = {
        ...(typeof value.verify === 'string' ? { verify: value.verify } : {}),
        ...(typeof value.write === 'string' ? { write: value.write } : {}),
      };
      return { type: 'connect', room: stringField(value, 'room'), key: stringField(value, 'key'), signaling, transport, ...keys };
    }
    case 'createEntry': {
      const kind = value.kind;
      if (!isEntryKind(kind)) throw new Error('createEntry.kind must be an entry kind');
      return { type: 'createEntry', kind, title: stringField(value, 'title') };
    }
    case 'fillEntry':
      return { type: 'fillEntry', title: stringField(value, 'title'), minStateBytes: numberField(value, 'minStateBytes') };
    case 'insertIntoTitle': {
      const at = value.at;
      if (at !== 'start' && at !== 'end') throw new Error('insertIntoTitle.at must be start or end');
      return { type: 'insertIntoTitle', at, text: stringField(value, 'text') };
    }
    case 'addTag':
      return { type: 'addTag', tag: stringField(value, 'tag') };
    case 'setPresence':
      return { type: 'setPresence', name: stringField(value, 'name'), mark: numberField(value, 'mark') };
    case 'snapshot':
      return { type: 'snapshot', withBody: value.withBody === true };
    case 'disconnect':
    case 'exit':
      return { type: value.type };
    default:
      throw new Error(`unknown command ${String(value.type)}`);
  }
}

serveCommands((message) => run(parseCommand(message)));
