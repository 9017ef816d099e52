/**
 * The signaling server on the local network, run while the user has shared entries (the renderer
 * says so over IPC) and the Settings switch is on. One server per chosen address, all on one
 * port when possible, and the same port as last time when it is free, so that links a colleague
 * already holds keep working after a restart. The server only relays y-webrtc's connection
 * offers, encrypted with each entry's key; no entry content passes through it.
 */

/** The part of a running signaling server used here (services/signaling/signalingServer.ts). */
export interface LocalSignalingServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

export interface LocalNetworkSignalingOptions {
  /** The addresses to listen on now (chooseLocalNetworkAddresses over os.networkInterfaces()). */
  readonly listAddresses: () => readonly string[];
  /** Starts the project's signaling server; port 0 picks a free one. */
  readonly startServer: (host: string, port: number) => Promise<LocalSignalingServer>;
  /** The port used last time, if any. */
  readonly loadPort: () => number | null;
  readonly savePort: (port: number) => void;
  readonly reportError: (error: unknown) => void;
}

export interface LocalNetworkSignaling {
  /**
   * Starts (or keeps, or moves to the machine's current addresses) or stops the servers.
   * Resolves with the ws:// URLs peers can reach, empty when off or when there is no network.
   */
  setWanted(wanted: boolean): Promise<string[]>;
  /** Stops everything, for quitting. */
  close(): Promise<void>;
}

export function createLocalNetworkSignaling(options: LocalNetworkSignalingOptions): LocalNetworkSignaling {
  let running: { addresses: string; servers: LocalSignalingServer[] } | null = null;
  // Calls are applied one after another: the renderer may say "on, off, on" faster than a
  // server starts, and two overlapping starts would both try to take the port.
  let queue: Promise<unknown> = Promise.resolve();
  const serialise = <T>(task: () => Promise<T>): Promise<T> => {
    const next = queue.then(task, task);
    queue = next.catch(() => undefined);
    return next;
  };

  const stop = async (): Promise<void> => {
    const servers = running?.servers ?? [];
    running = null;
    await Promise.all(servers.map((server) => server.close().catch(options.reportError)));
  };

  const startOn = async (host: string, port: number): Promise<LocalSignalingServer | null> => {
    try {
      return await options.startServer(host, port);
    } catch (error) {
      if (port !== 0) {
        return startOn(host, 0); // taken by something else since last time: any free port
      }
      options.reportError(error); // the address went away between listing and binding
      return null;
    }
  };

  const start = async (addresses: readonly string[]): Promise<void> => {
    const servers: LocalSignalingServer[] = [];
    let port = options.loadPort() ?? 0;
    for (const address of addresses) {
      const server = await startOn(address, port);
      if (server === null) continue;
      servers.push(server);
      port = server.port;
    }
    const firstPort = servers[0]?.port;
    if (firstPort !== undefined && firstPort !== options.loadPort()) {
      options.savePort(firstPort);
    }
    running = { addresses: addresses.join(' '), servers };
  };

  return {
    setWanted: (wanted) =>
      serialise(async () => {
        if (!wanted) {
          await stop();
          return [];
        }
        const addresses = options.listAddresses();
        if (running === null || running.servers.length === 0 || running.addresses !== addresses.join(' ')) {
          await stop();
          if (addresses.length > 0) await start(addresses);
        }
        return running?.servers.map((server) => server.url) ?? [];
      }),
    close: () => serialise(stop),
  };
}

/** The stored port, if it is one a server can listen on without privileges. */
export function parseStoredPort(value: unknown): number | null {
  if (typeof value !== 'object' || value === null) return null;
  const { port } = value as Record<string, unknown>;
  return typeof port === 'number' && Number.isInteger(port) && port >= 1024 && port <= 65_535 ? port : null;
}

export const LOCAL_NETWORK_PORT_FILE_NAME = 'local-network-signaling.json';
