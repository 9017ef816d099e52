/**
 * The parent side of the peer-sync integration tests: bundles peerProcess.ts once per test file,
 * forks one Node process per peer (a separate device each, see peerProcess.ts) and drives them
 * with typed calls. Every wait is bounded and says what it waited for; stopAll() leaves no
 * process behind.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { WebSocket } from 'ws';
import { startSignalingServer, type RunningSignalingServer } from '../../../services/signaling/signalingServer';
import { createShareSecrets } from '../../../shared/invite/inviteLink';
import type {
  FilledEntry,
  PeerCommand,
  PeerCommandType,
  PeerMessage,
  PeerResults,
  PeerSnapshot,
  PeerTransport,
} from './peerProcess';
import type { EntryKind } from '../../../shared/entry/entryKind';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** A command that does not answer within this bound fails the test instead of hanging it. */
const COMMAND_TIMEOUT_MS = 20_000;
export const DEFAULT_WAIT_MS = 20_000;

export interface PeerScript {
  readonly path: string;
  readonly buildMillis: number;
  remove(): Promise<void>;
}

/**
 * Bundles the peer entry point as CommonJS for Node. @roamhq/wrtc is a native addon and stays
 * outside the bundle; the child finds it through NODE_PATH (see startPeer). ws's optional native
 * helpers are left out as ws itself allows.
 */
export async function buildPeerScript(): Promise<PeerScript> {
  const started = Date.now();
  const directory = await mkdtemp(join(tmpdir(), 'peerbook-peer-'));
  const path = join(directory, 'peerProcess.cjs');
  await build({
    entryPoints: [join(REPO_ROOT, 'tests/integration/support/peerProcess.ts')],
    outfile: path,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    external: ['@roamhq/wrtc', 'bufferutil', 'utf-8-validate'],
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'error',
  });
  return { path, buildMillis: Date.now() - started, remove: () => rm(directory, { recursive: true, force: true }) };
}

export interface ConnectOptions {
  readonly room: string;
  readonly key: string;
  readonly signaling: readonly string[];
  /** 'chunked' (default) is Peerbook's PeerSync; 'raw' is stock y-webrtc without chunking. */
  readonly transport?: PeerTransport;
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

interface RunningPeer extends Peer {
  readonly child: ChildProcess;
  stop(): Promise<void>;
}

const running = new Set<RunningPeer>();

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** IPC messages enter as unknown; only the shapes peerProcess.ts sends get through. */
function parsePeerMessage(value: unknown): PeerMessage | null {
  if (!isRecord(value)) return null;
  if (value.kind === 'ready' && typeof value.pid === 'number') return { kind: 'ready', pid: value.pid };
  if (value.kind === 'crash' && typeof value.error === 'string') return { kind: 'crash', error: value.error };
  if (value.kind === 'reply' && typeof value.id === 'number') {
    if (value.ok === true) return { kind: 'reply', id: value.id, ok: true, result: value.result as PeerResults[PeerCommandType] };
    if (value.ok === false && typeof value.error === 'string') return { kind: 'reply', id: value.id, ok: false, error: value.error };
  }
  return null;
}

function withTimeout<T>(promise: Promise<T>, millis: number, what: () => string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${millis} ms: ${what()}`)), millis);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

const delay = (millis: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, millis));

/** Forks a peer process from the bundled script and waits until it is ready for commands. */
export async function startPeer(name: string, script: PeerScript): Promise<Peer> {
  const child = fork(script.path, [name], {
    // @roamhq/wrtc is external to the bundle, which lives in a temporary directory.
    env: { ...process.env, NODE_PATH: join(REPO_ROOT, 'node_modules') },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const output: string[] = [];
  const problems: string[] = [];
  const tolerated: RegExp[] = [];
  const remember = (chunk: Buffer): void => {
    for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) output.push(line);
    output.splice(0, Math.max(0, output.length - 40));
  };
  child.stdout?.on('data', remember);
  child.stderr?.on('data', remember);

  const pending = new Map<number, { resolve: (result: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  let exited: string | null = null;
  let markReady: (pid: number) => void = () => {};
  let failStart: (error: Error) => void = () => {};
  const ready = new Promise<number>((resolve, reject) => {
    markReady = resolve;
    failStart = reject;
  });

  child.on('message', (raw: unknown) => {
    const message = parsePeerMessage(raw);
    if (!message) {
      problems.push(`unexpected IPC message: ${JSON.stringify(raw)}`);
      return;
    }
    if (message.kind === 'ready') markReady(message.pid);
    else if (message.kind === 'crash') {
      if (!tolerated.some((pattern) => pattern.test(message.error))) problems.push(message.error);
    } else {
      const waiting = pending.get(message.id);
      pending.delete(message.id);
      if (message.ok) waiting?.resolve(message.result);
      else waiting?.reject(new Error(`peer ${name}: ${message.error}`));
    }
  });
  child.on('exit', (code, signal) => {
    exited = `peer ${name} exited (code ${String(code)}, signal ${String(signal)})`;
    const error = new Error(`${exited}; last output:\n${output.join('\n')}`);
    failStart(error);
    for (const waiting of pending.values()) waiting.reject(error);
    pending.clear();
  });

  const call = <T extends PeerCommandType>(command: Extract<PeerCommand, { type: T }>, timeoutMs = COMMAND_TIMEOUT_MS): Promise<PeerResults[T]> => {
    if (exited) return Promise.reject(new Error(exited));
    const id = nextId++;
    const answer = new Promise<unknown>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      child.send({ id, command });
    });
    return withTimeout(answer as Promise<PeerResults[T]>, timeoutMs, () => `peer ${name} did not answer ${command.type}`);
  };

  const pid = await withTimeout(ready, COMMAND_TIMEOUT_MS, () => `peer ${name} did not start; output:\n${output.join('\n')}`);

  const peer: RunningPeer = {
    name,
    pid,
    child,
    problems,
    output,
    tolerate: (pattern) => {
      tolerated.push(pattern);
    },
    connect: async ({ room, key, signaling, transport = 'chunked' }) => {
      await call({ type: 'connect', room, key, signaling, transport });
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
        if (problems.length > 0) throw new Error(`peer ${name} reported an error while waiting until ${description}:\n${problems.join('\n')}`);
        if (Date.now() >= deadline) {
          const seen = JSON.stringify({ ...last, body: last.body && { ...last.body, markdown: undefined } });
          throw new Error(`timed out after ${timeoutMs} ms waiting until ${description}; peer ${name} shows ${seen}`);
        }
        await delay(intervalMs);
      }
    },
    stop: async () => {
      if (exited) return;
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      try {
        await call({ type: 'exit' }, 2000);
        await withTimeout(gone, 2000, () => `peer ${name} did not exit`);
      } catch {
        child.kill('SIGKILL');
        await gone;
      }
    },
  };
  running.add(peer);
  return peer;
}

/**
 * Ends every peer started so far. Throws afterwards if any of them reported an uncaught error,
 * so a crash inside a peer fails the test even when its assertions passed.
 */
export async function stopAll(): Promise<void> {
  const peers = [...running];
  running.clear();
  await Promise.all(peers.map((peer) => peer.stop()));
  const problems = peers.flatMap((peer) => peer.problems.map((problem) => `peer ${peer.name}: ${problem}`));
  if (problems.length > 0) throw new Error(`peers reported uncaught errors:\n${problems.join('\n')}`);
}

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
