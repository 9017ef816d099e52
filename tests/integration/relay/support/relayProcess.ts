/**
 * The relay as the tests run it: a real `npm run relay` process (services/relay/runRelayServer.ts
 * bundled by esbuild, its packages loaded from node_modules), on loopback, with its own data
 * folder; and Debian's redis-server for several instances. Every wait is bounded; stop() leaves
 * no process behind.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import BetterSqlite3 from 'better-sqlite3';
import * as Y from 'yjs';
import { relayBlobs } from '../../../../shared/relay/relayDocument';
import { freePort } from '../../support/freePort';

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const START_TIMEOUT_MS = 20_000;
export const REDIS_SERVER = process.env.REDIS_SERVER_PATH || '/usr/bin/redis-server';

export interface RelayScript {
  readonly path: string;
  remove(): Promise<void>;
}

export async function buildRelayScript(): Promise<RelayScript> {
  const directory = await mkdtemp(join(tmpdir(), 'peerbook-relay-script-'));
  const path = join(directory, 'relay.cjs');
  await build({
    entryPoints: [join(REPO_ROOT, 'services/relay/runRelayServer.ts')],
    outfile: path,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    packages: 'external',
    logLevel: 'error',
  });
  return { path, remove: () => rm(directory, { recursive: true, force: true }) };
}

export interface RunningProcess {
  readonly pid: number;
  /** Everything it printed, stdout and stderr. */
  output(): string;
  /** SIGTERM (or the signal given), then SIGKILL if it has not exited within 10 s. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

function watch(child: ChildProcess, ready: RegExp, what: string): Promise<{ match: RegExpExecArray; process: RunningProcess }> {
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const running: RunningProcess = {
    pid: child.pid ?? Number.NaN,
    output: () => output,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killer);
    },
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${what} did not start within ${START_TIMEOUT_MS} ms; it printed: ${output}`));
    }, START_TIMEOUT_MS);
    const read = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      const match = ready.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ match, process: running });
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited (${code ?? signal}) before it was ready; it printed: ${output}`));
    });
  });
}

export interface RelayProcess extends RunningProcess {
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
}

export async function startRelayProcess(
  script: RelayScript,
  options: { readonly dataDir: string; readonly port?: number; readonly redisUrl?: string },
): Promise<RelayProcess> {
  const child = spawn(process.execPath, [script.path], {
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(options.port ?? 0),
      RELAY_DATA: options.dataDir,
      ...(options.redisUrl ? { REDIS_URL: options.redisUrl } : {}),
      NODE_PATH: join(REPO_ROOT, 'node_modules'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const { match, process: running } = await watch(child, /Peerbook relay on (ws:\/\/127\.0\.0\.1:(\d+))/, 'the relay');
  return { ...running, url: match[1] as string, port: Number(match[2]), dataDir: options.dataDir };
}

/** redis-server on a free loopback port, keeping nothing on disk. */
export async function startRedis(): Promise<RunningProcess & { readonly url: string }> {
  const port = await freePort();
  const child = spawn(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'yes'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const { process: running } = await watch(child, /Ready to accept connections/, 'redis-server');
  return { ...running, url: `redis://127.0.0.1:${port}` };
}

/** Every byte the relay keeps on disk, file by file. */
export async function storedFiles(dataDir: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const name of await readdir(dataDir)) files.set(name, await readFile(join(dataDir, name)));
  return files;
}

/** The relay documents as stored (name, bytes, and the blobs in them), read from the relay's database. */
export function storedDocuments(dataDir: string): Array<{ readonly name: string; readonly bytes: number; readonly blobs: number }> {
  const database = new BetterSqlite3(join(dataDir, 'relay.sqlite'), { readonly: true });
  try {
    const rows = database.prepare('SELECT name, data FROM documents').all() as Array<{ name: string; data: Buffer }>;
    return rows.map((row) => {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, row.data);
      const blobs = relayBlobs(doc).length;
      doc.destroy();
      return { name: row.name, bytes: row.data.byteLength, blobs };
    });
  } finally {
    database.close();
  }
}
