/**
 * The parent side of test workers (workerChild.ts): bundles a worker's entry file with esbuild,
 * forks one Node process per worker (a separate device each) and calls it with typed commands.
 * Every call is bounded and says what it waited for; stopWorkers() leaves no process behind.
 */
import { fork } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { WorkerMessage } from './workerChild';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** A command that does not answer within this bound fails the test instead of hanging it. */
export const COMMAND_TIMEOUT_MS = 20_000;

export interface WorkerScript {
  readonly path: string;
  readonly buildMillis: number;
  remove(): Promise<void>;
}

/**
 * Bundles a worker entry point (relative to the repository) as CommonJS for Node. @roamhq/wrtc
 * is a native addon and stays outside the bundle; the child finds it through NODE_PATH. ws's
 * optional native helpers are left out as ws itself allows.
 */
export async function buildWorkerScript(entry: string): Promise<WorkerScript> {
  const started = Date.now();
  const directory = await mkdtemp(join(tmpdir(), 'peerbook-worker-'));
  const path = join(directory, 'worker.cjs');
  await build({
    entryPoints: [join(REPO_ROOT, entry)],
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

export interface Worker {
  readonly name: string;
  readonly pid: number;
  /** Sends one command and resolves with its result (or rejects with the worker's error). */
  call(command: { readonly type: string } & Record<string, unknown>, timeoutMs?: number): Promise<unknown>;
  /** Uncaught errors the worker reported, and its last lines of output. */
  readonly problems: readonly string[];
  readonly output: readonly string[];
  /** Uncaught errors matching `pattern` are expected of this worker and do not fail the test. */
  tolerate(pattern: RegExp, why: string): void;
  stop(): Promise<void>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** IPC messages enter as unknown; only the shapes workerChild.ts sends get through. */
function parseWorkerMessage(value: unknown): WorkerMessage | null {
  if (!isRecord(value)) return null;
  if (value.kind === 'ready' && typeof value.pid === 'number') return { kind: 'ready', pid: value.pid };
  if (value.kind === 'crash' && typeof value.error === 'string') return { kind: 'crash', error: value.error };
  if (value.kind === 'reply' && typeof value.id === 'number') {
    if (value.ok === true) return { kind: 'reply', id: value.id, ok: true, result: value.result };
    if (value.ok === false && typeof value.error === 'string') return { kind: 'reply', id: value.id, ok: false, error: value.error };
  }
  return null;
}

export function withTimeout<T>(promise: Promise<T>, millis: number, what: () => string): Promise<T> {
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

const running = new Set<Worker>();

/** Forks a worker from a bundled script and waits until it is ready for commands. */
export async function forkWorker(name: string, script: WorkerScript, env: Record<string, string> = {}): Promise<Worker> {
  const child = fork(script.path, [name], {
    // @roamhq/wrtc is external to the bundle, which lives in a temporary directory.
    env: { ...process.env, NODE_PATH: join(REPO_ROOT, 'node_modules'), ...env },
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
    const message = parseWorkerMessage(raw);
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
      else waiting?.reject(new Error(`${name}: ${message.error}`));
    }
  });
  child.on('exit', (code, signal) => {
    exited = `${name} exited (code ${String(code)}, signal ${String(signal)})`;
    const error = new Error(`${exited}; last output:\n${output.join('\n')}`);
    failStart(error);
    for (const waiting of pending.values()) waiting.reject(error);
    pending.clear();
  });

  const call = (command: { readonly type: string } & Record<string, unknown>, timeoutMs = COMMAND_TIMEOUT_MS): Promise<unknown> => {
    if (exited) return Promise.reject(new Error(exited));
    const id = nextId++;
    const answer = new Promise<unknown>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      child.send({ id, command });
    });
    return withTimeout(answer, timeoutMs, () => `${name} did not answer ${command.type}`);
  };

  const pid = await withTimeout(ready, COMMAND_TIMEOUT_MS, () => `${name} did not start; output:\n${output.join('\n')}`);
  const worker: Worker = {
    name,
    pid,
    call,
    problems,
    output,
    tolerate: (pattern) => {
      tolerated.push(pattern);
    },
    stop: async () => {
      running.delete(worker);
      if (exited) return;
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      try {
        await call({ type: 'exit' }, 2000);
        await withTimeout(gone, 2000, () => `${name} did not exit`);
      } catch {
        child.kill('SIGKILL');
        await gone;
      }
    },
  };
  running.add(worker);
  return worker;
}

/**
 * Ends every worker started so far. Throws afterwards if any of them reported an uncaught error,
 * so a crash inside a worker fails the test even when its assertions passed.
 */
export async function stopWorkers(): Promise<void> {
  const workers = [...running];
  running.clear();
  await Promise.all(workers.map((worker) => worker.stop()));
  const problems = workers.flatMap((worker) => worker.problems.map((problem) => `${worker.name}: ${problem}`));
  if (problems.length > 0) throw new Error(`workers reported uncaught errors:\n${problems.join('\n')}`);
}
