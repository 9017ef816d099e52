/**
 * Peerbook's relay: passes a shared entry's changes between colleagues who are never online at
 * the same time, and keeps only ciphertext (docs/FORMAT.md, "The relay"; docs/DECISIONS.md).
 *
 * It is Hocuspocus (a maintained Yjs WebSocket backend) with its SQLite storage, and its Redis
 * extension when several instances serve one address. What Peerbook adds is the rule of the
 * relay document: a client must show the capability derived from the entry's key
 * (relayCapabilities.ts), may only append well-formed envelopes and delete
 * (relayMessageCheck.ts), and may send no awareness or other plaintext. Logs carry counts and
 * reasons, never a document's content.
 */
import { Redis } from '@hocuspocus/extension-redis';
import { SQLite, schema as documentsSchema } from '@hocuspocus/extension-sqlite';
import { Server, type Extension } from '@hocuspocus/server';
import BetterSqlite3 from 'better-sqlite3';
import IORedis from 'ioredis';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { TokenBucket } from '../limits/tokenBucket';
import { CAPABILITIES_SCHEMA, RelayCapabilities } from './relayCapabilities';
import { resolveRelayLimits, type RelayLimits } from './relayLimits';
import { checkRelayMessage, RelayMessageRefused } from './relayMessageCheck';

export interface RelayServerOptions {
  /** The interface to listen on, e.g. '127.0.0.1'. */
  readonly host: string;
  /** 0 picks a free port; RunningRelayServer.port tells which. */
  readonly port: number;
  /** The folder of the embedded database (created if missing). Instances behind one address share it. */
  readonly dataDir: string;
  /** redis://…: several instances serving one address exchange changes through it. */
  readonly redisUrl?: string | null;
  readonly limits?: Partial<RelayLimits>;
  /** Where the relay's own lines go (default: console.log). */
  readonly log?: (line: string) => void;
}

export interface RelayServerStats {
  readonly connections: number;
  /** Relay documents held in memory (those with a connected client, or being stored). */
  readonly documents: number;
}

export interface RunningRelayServer {
  /** ws://host:port, the value for the invite link's `relay`. */
  readonly url: string;
  readonly port: number;
  readonly limits: RelayLimits;
  stats(): RelayServerStats;
  /** Closes every connection, stores every document, then stops listening. */
  close(): Promise<void>;
}

/** The database file inside `dataDir`. */
export const RELAY_DATABASE_FILE = 'relay.sqlite';

/** Rejects a hook without an error, which Hocuspocus takes as "handled, do nothing more". */
const HANDLED: null = null;

export async function startRelayServer(options: RelayServerOptions): Promise<RunningRelayServer> {
  const limits = resolveRelayLimits(options.limits);
  const log = options.log ?? ((line: string) => console.log(line));
  mkdirSync(options.dataDir, { recursive: true });
  const databaseFile = join(options.dataDir, RELAY_DATABASE_FILE);

  // Created before Hocuspocus opens it: auto_vacuum only takes effect on a new database, and it
  // is what gives compacted space back to the disk (the relay's storage follows the entries).
  const database = new BetterSqlite3(databaseFile, { timeout: 10_000 });
  database.pragma('auto_vacuum = FULL');
  database.exec(documentsSchema);
  database.exec(CAPABILITIES_SCHEMA);
  const capabilities = new RelayCapabilities(database);

  let connections = 0;
  const blobBudgets = new Map<string, TokenBucket>();
  const documentsBySocket = new Map<string, Set<string>>();

  const relayRules: Extension = {
    extensionName: 'PeerbookRelayRules',
    priority: 2000,
    async onUpgrade({ socket }: { socket: Duplex }) {
      if (connections >= limits.maxConnections) {
        socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        log('relay: refused a connection (too many connections)');
        throw HANDLED;
      }
      connections += 1;
      let counted = true;
      const release = (): void => {
        if (counted) connections -= 1;
        counted = false;
      };
      socket.once('close', release);
    },
    async onAuthenticate({ documentName, token, socketId, connectionConfig }) {
      const open = documentsBySocket.get(socketId) ?? new Set<string>();
      if (!open.has(documentName) && open.size >= limits.maxDocumentsPerConnection) {
        log('relay: refused a document (too many documents on one connection)');
        throw new Error('too many documents');
      }
      const access = capabilities.admit(documentName, token);
      if (access === null) {
        log('relay: refused a client without the capability for a document');
        throw new Error('permission denied');
      }
      // A reader of an entry with read-only links reads; Hocuspocus drops what it sends.
      if (access === 'read') connectionConfig.readOnly = true;
      open.add(documentName);
      documentsBySocket.set(socketId, open);
    },
    async beforeHandleMessage({ update, socketId }) {
      let appended;
      try {
        appended = checkRelayMessage(update, limits);
      } catch (error) {
        if (error instanceof RelayMessageRefused) log(`relay: closed a document connection (${error.problem})`);
        throw error;
      }
      if (appended === null || appended.blobs === 0) return;
      let budget = blobBudgets.get(socketId);
      if (budget === undefined) {
        budget = new TokenBucket(limits.blobRateLimit, limits.blobRateWindowMs);
        blobBudgets.set(socketId, budget);
      }
      if (!budget.take(appended.blobs)) {
        log('relay: closed a document connection (blob rate limit)');
        throw new RelayMessageRefused('too-many-blobs');
      }
    },
    async onDisconnect({ documentName, socketId }) {
      const open = documentsBySocket.get(socketId);
      open?.delete(documentName);
      if (open !== undefined && open.size === 0) {
        documentsBySocket.delete(socketId);
        blobBudgets.delete(socketId);
      }
    },
  };

  const sqlite = new SQLite({ database: databaseFile });
  const extensions: Extension[] = [relayRules, sqlite];
  if (options.redisUrl) {
    const redisUrl = options.redisUrl;
    extensions.unshift(new Redis({ prefix: 'peerbook-relay', createClient: () => new IORedis(redisUrl, { lazyConnect: false }) }));
  }

  const server = new Server({
    name: 'peerbook-relay',
    address: options.host,
    port: options.port,
    quiet: true,
    stopOnSignals: false,
    // Stored at most 5 s after a change; a clean stop stores everything first.
    debounce: 1000,
    maxDebounce: 5000,
    extensions,
    websocketOptions: {
      // A message carries at most one update of maxBlobsPerUpdate blobs; ws refuses larger frames before buffering them.
      maxPayload: limits.maxBlobBytes + 64 * 1024,
      // Compression would let a small frame inflate past every size limit.
      perMessageDeflate: false,
    },
  });
  await server.listen();
  const port = server.address.port;
  const url = `ws://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`;
  log(`Peerbook relay on ${url} (storage: SQLite in ${options.dataDir}${options.redisUrl ? '; instances share changes through Redis' : ''})`);

  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    limits,
    stats: () => ({ connections, documents: server.hocuspocus.getDocumentsCount() }),
    close() {
      closing ??= (async () => {
        await server.destroy();
        server.httpServer.closeAllConnections();
        sqlite.db?.close();
        database.close();
      })();
      return closing;
    },
  };
}
