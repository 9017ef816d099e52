/**
 * The parent side of the peer-sync integration tests: bundles peerProcess.ts once per test file,
 * forks one Node process per peer (a separate device each, see peerProcess.ts) and drives them
 * with typed calls. Every wait is bounded and says what it waited for; stopAll() leaves no
 * process behind.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { WebSocket } from 'ws';
import { startSignalingServer, type RunningSignalingServer } from '../../../services/signaling/signalingServer';
import { createShareSecrets } from '../../../shared/invite/inviteLink';
import type { FilledEntry, PeerCommand, PeerCommandType, PeerResults, PeerSnapshot, PeerTransport } from './peerProcess';
import type { EntryKind } from '../../../shared/entry/entryKind';
import { buildWorkerScript, COMMAND_TIMEOUT_MS, forkWorker, stopWorkers, withTimeout, type WorkerScript } from './workerParent';

export const DEFAULT_WAIT_MS = 20_000;

export type PeerScript = WorkerScript;

/** Bundles the peer entry point (peerProcess.ts) for Node. */
export function buildPeerScript(): Promise<PeerScript> {
  return buildWorkerScript('tests/integration/support/peerProcess.ts');
}

export interface ConnectOptions {
  readonly room: string;
  readonly key: string;
  readonly signaling: readonly string[];
  /** 'chunked' (default) is Peerbook's PeerSync; 'raw' is stock y-webrtc without chunking; 'replay' cheats at the write proof. */
  readonly transport?: PeerTransport;
  /** The entry's public write key (read-only links), and the private one for a peer that may edit. */
  readonly verify?: string;
  readonly write?: string;
}

export interface WaitOptions {
  readonly timeoutMs?: number;
  readonly intervalMs?: number;
  readonly withBody?: boolean;
}

/** One peer: a device in its own process, with its own document. */
export interface Peer {
  readonly name: string;
  readonly pid: number;
  connect(options: ConnectOptions): Promise<void>;
  disconnect(): Promise<void>;
  /** Creates a new entry here (metadata and the kind's template), as the creating device does. */
  createEntry(kind: EntryKind, title: string): Promise<void>;
  /** Creates a new entry whose body holds at least `minStateBytes` of varied text. */
  fillEntry(title: string, minStateBytes: number): Promise<FilledEntry>;
  /** Types `text` at the start or end of the title; resolves with the title right after. */
  insertIntoTitle(at: 'start' | 'end', text: string): Promise<string>;
  addTag(tag: string): Promise<void>;
  /** Sets this peer's presence (awareness); `mark` lets a test tell one update from the next. */
  setPresence(name: string, mark: number): Promise<void>;
  snapshot(withBody?: boolean): Promise<PeerSnapshot>;
  /** Polls snapshots until `condition` holds; fails after a bounded time saying what it awaited. */
  waitFor(condition: (snapshot: PeerSnapshot) => boolean, description: string, options?: WaitOptions): Promise<PeerSnapshot>;
  /** Uncaught errors the peer reported, and its last lines of output. */
  readonly problems: readonly string[];
  readonly output: readonly string[];
  /** Uncaught errors matching `pattern` are expected of this peer and do not fail the test. */
  tolerate(pattern: RegExp, why: string): void;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

const delay = (millis: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, millis));

/** Forks a peer process from the bundled script and waits until it is ready for commands. */
export async function startPeer(name: string, script: PeerScript): Promise<Peer> {
  const worker = await forkWorker(`peer ${name}`, script);
  const call = <T extends PeerCommandType>(command: Extract<PeerCommand, { type: T }>, timeoutMs?: number): Promise<PeerResults[T]> =>
    worker.call(command, timeoutMs) as Promise<PeerResults[T]>;
  return {
    name,
    pid: worker.pid,
    problems: worker.problems,
    output: worker.output,
    tolerate: (pattern, why) => worker.tolerate(pattern, why),
    connect: async ({ room, key, signaling, transport = 'chunked', verify, write }) => {
      await call({ type: 'connect', room, key, signaling, transport, ...(verify ? { verify } : {}), ...(write ? { write } : {}) });
    },
    disconnect: async () => {
      await call({ type: 'disconnect' });
    },
    createEntry: async (kind, title) => {
      await call({ type: 'createEntry', kind, title });
    },
    fillEntry: (title, minStateBytes) => call({ type: 'fillEntry', title, minStateBytes }, 60_000),
    insertIntoTitle: (at, text) => call({ type: 'insertIntoTitle', at, text }),
    addTag: async (tag) => {
      await call({ type: 'addTag', tag });
    },
    setPresence: async (presenceName, mark) => {
      await call({ type: 'setPresence', name: presenceName, mark });
    },
    snapshot: (withBody = false) => call({ type: 'snapshot', withBody }),
    waitFor: async (condition, description, { timeoutMs = DEFAULT_WAIT_MS, intervalMs = 50, withBody = false } = {}) => {
      const deadline = Date.now() + timeoutMs;
      let last: PeerSnapshot | null = null;
      for (;;) {
        last = await call({ type: 'snapshot', withBody });
        if (condition(last)) return last;
        if (worker.problems.length > 0) throw new Error(`peer ${name} reported an error while waiting until ${description}:\n${worker.problems.join('\n')}`);
        if (Date.now() >= deadline) {
          const seen = JSON.stringify({ ...last, body: last.body && { ...last.body, markdown: undefined } });
          throw new Error(`timed out after ${timeoutMs} ms waiting until ${description}; peer ${name} shows ${seen}`);
        }
        await delay(intervalMs);
      }
    },
  };
}

/**
 * Ends every peer started so far. Throws afterwards if any of them reported an uncaught error,
 * so a crash inside a peer fails the test even when its assertions passed.
 */
export const stopAll = stopWorkers;

/**
 * Listens to a room at the signaling server, as any client may: it sees only the encrypted
 * messages peers publish there.
 */
async function watchRoom(signalingUrl: string, room: string): Promise<{ published(): number; close(): Promise<void> }> {
  const socket = new WebSocket(signalingUrl);
  let published = 0;
  socket.on('message', (data: Buffer) => {
    const message: unknown = JSON.parse(data.toString('utf8'));
    if (isRecord(message) && message.type === 'publish' && message.topic === room) published++;
  });
  await withTimeout(
    new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    }),
    COMMAND_TIMEOUT_MS,
    () => `connecting to ${signalingUrl}`,
  );
  socket.send(JSON.stringify({ type: 'subscribe', topics: [room] }));
  // Messages are handled in order: the pong proves the subscription is in place.
  const subscribed = new Promise<void>((resolve) =>
    socket.on('message', (data: Buffer) => {
      if (data.toString('utf8').includes('"pong"')) resolve();
    }),
  );
  socket.send(JSON.stringify({ type: 'ping' }));
  await withTimeout(subscribed, COMMAND_TIMEOUT_MS, () => `subscribing to a room at ${signalingUrl}`);
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  return {
    published: () => published,
    close: async () => {
      socket.close();
      await withTimeout(closed, COMMAND_TIMEOUT_MS, () => `closing the room watcher at ${signalingUrl}`);
    },
  };
}

/**
 * Joins peers to a room one after another: the first once it has announced itself, each next
 * one once it is connected to all before it, as people who open a link one by one.
 *
 * Why not all at once: two y-webrtc peers that each receive the other's announce both start a
 * connection ("glare"). y-webrtc then feeds the winning offer to the losing side's own
 * initiating peer, which @roamhq/wrtc refuses (ERR_SET_REMOTE_DESCRIPTION), and that pair stays
 * unconnected for good. Peers joining within ~100 ms of each other hit this about half the time.
 */
export async function joinInTurn(joiners: readonly Peer[], options: ConnectOptions, alreadyInRoom: readonly Peer[] = []): Promise<void> {
  const signalingUrl = options.signaling[0];
  if (signalingUrl === undefined) throw new Error('joinInTurn needs a signaling server');
  const watcher = await watchRoom(signalingUrl, options.room);
  try {
    for (const [index, peer] of joiners.entries()) {
      const before = alreadyInRoom.length + index;
      await peer.connect(options);
      if (before === 0) await eventually(() => watcher.published() > 0, `${peer.name} announced itself in its room`);
      else await peer.waitFor((seen) => seen.peers === before, `${peer.name} is connected to the ${before} peer(s) already in the room`);
    }
  } finally {
    await watcher.close();
  }
}

/** Polls a condition in this process (e.g. the signaling server's stats), bounded. */
export async function eventually(condition: () => boolean, description: string, timeoutMs = DEFAULT_WAIT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting until ${description}`);
    await delay(20);
  }
}

export const formatMegabytes = (bytes: number): string => `${(bytes / 1_000_000).toFixed(2)} MB`;
export const formatSeconds = (millis: number): string => `${(millis / 1000).toFixed(1)} s`;

export interface PeerTestbed {
  readonly script: PeerScript;
  readonly server: RunningSignalingServer;
  /** Fresh share secrets (random room and key, as the app makes them) on this file's server. */
  invite(): { room: string; key: string; signaling: string[] };
  /** Starts one peer process per name, resolving with the peers in the same order. */
  start<const Names extends readonly string[]>(...names: Names): Promise<{ -readonly [Index in keyof Names]: Peer }>;
}

/**
 * Per test file: the bundled peer script and Peerbook's signaling server on loopback, port 0.
 * After each test every peer is stopped and the server has no connection left.
 */
export function usePeerTestbed(): PeerTestbed {
  let script: PeerScript | null = null;
  let server: RunningSignalingServer | null = null;
  const ready = <T>(value: T | null, what: string): T => {
    if (value === null) throw new Error(`${what} is not ready: use the testbed inside tests`);
    return value;
  };
  beforeAll(async () => {
    [script, server] = await Promise.all([buildPeerScript(), startSignalingServer({ host: '127.0.0.1', port: 0 })]);
  });
  afterEach(async () => {
    await stopAll();
    const running = server;
    if (running) await eventually(() => running.stats().connections === 0, 'every peer has left the signaling server');
  });
  afterAll(async () => {
    await server?.close();
    await script?.remove();
  });
  return {
    get script() {
      return ready(script, 'the peer script');
    },
    get server() {
      return ready(server, 'the signaling server');
    },
    invite() {
      return { ...createShareSecrets((length) => randomBytes(length)), signaling: [ready(server, 'the signaling server').url] };
    },
    async start<const Names extends readonly string[]>(...names: Names) {
      const peerScript = ready(script, 'the peer script');
      const peers = await Promise.all(names.map((name) => startPeer(name, peerScript)));
      return peers as { -readonly [Index in keyof Names]: Peer };
    },
  };
}
