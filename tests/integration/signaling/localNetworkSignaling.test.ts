import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createLocalNetworkSignaling,
  parseStoredPort,
  type LocalNetworkSignaling,
  type LocalSignalingServer,
} from '../../../electron/lan/localNetworkSignaling';
import { startSignalingServer } from '../../../services/signaling/signalingServer';
import { connectSignalingClient, type SignalingTestClient } from './signalingTestClient';

// The desktop app's local-network sharing, with the same server main starts
// (services/signaling/signalingServer.ts, attacked by hostile clients in hostileClients.test.ts).
// Loopback addresses stand in for the machine's network interfaces: 127.0.0.1 and 127.0.0.2 are
// two addresses a server can bind separately on Linux.

const controllers: LocalNetworkSignaling[] = [];
const clients: SignalingTestClient[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
  await Promise.all(controllers.splice(0).map((controller) => controller.close()));
});

function localNetwork(addresses: string[], storedPort: number | null = null) {
  const state = { addresses, storedPort, started: [] as { host: string; port: number }[], errors: [] as unknown[] };
  const controller = createLocalNetworkSignaling({
    listAddresses: () => state.addresses,
    startServer: (host, port): Promise<LocalSignalingServer> => {
      state.started.push({ host, port });
      return startSignalingServer({ host, port });
    },
    loadPort: () => state.storedPort,
    savePort: (port) => {
      state.storedPort = port;
    },
    reportError: (error) => state.errors.push(error),
  });
  controllers.push(controller);
  return { state, controller };
}

async function connect(url: string): Promise<SignalingTestClient> {
  const client = await connectSignalingClient(url);
  clients.push(client);
  return client;
}

/** Two colleagues' apps meeting in an entry's room through the server, as y-webrtc does. */
async function expectPeersMeetThrough(url: string): Promise<void> {
  const [ana, ben] = [await connect(url), await connect(url)];
  await ana.subscribe(['room-of-the-release-checklist']);
  await ben.subscribe(['room-of-the-release-checklist']);
  ana.publish('room-of-the-release-checklist', 'encrypted offer');
  await ben.waitForMessage((message) => message.data === 'encrypted offer');
}

describe('sharing on the local network with nothing set up', () => {
  it('starts the signaling server on the machine address once an entry is shared, and peers meet through it', async () => {
    const { state, controller } = localNetwork(['127.0.0.1']);
    const urls = await controller.setWanted(true);

    expect(urls).toHaveLength(1);
    expect(urls[0]).toMatch(/^ws:\/\/127\.0\.0\.1:\d+$/);
    expect(state.started).toEqual([{ host: '127.0.0.1', port: 0 }]);
    await expectPeersMeetThrough(urls[0] ?? '');
    // The port is remembered, so links colleagues already hold still work after a restart.
    expect(state.storedPort).toBe(Number(new URL(urls[0] ?? '').port));
  });

  it('keeps the running server (and its connections) while nothing changes', async () => {
    const { state, controller } = localNetwork(['127.0.0.1']);
    const [url] = await controller.setWanted(true);
    const client = await connect(url ?? '');
    expect(await controller.setWanted(true)).toEqual([url]);
    expect(state.started).toHaveLength(1);
    await client.roundTrip();
  });

  it('stops when nothing is shared any more (or the switch is off), and nobody can connect', async () => {
    const { controller } = localNetwork(['127.0.0.1']);
    const [url] = await controller.setWanted(true);
    const client = await connect(url ?? '');
    expect(await controller.setWanted(false)).toEqual([]);
    expect((await client.closed).code).toBe(1001);
    await expect(connectSignalingClient(url ?? '')).rejects.toThrow();
  });

  it('moves to the new addresses when the machine changes networks, on one port for all', async () => {
    const { state, controller } = localNetwork(['127.0.0.1']);
    const [first] = await controller.setWanted(true);
    const port = new URL(first ?? '').port;

    state.addresses = ['127.0.0.1', '127.0.0.2'];
    const urls = await controller.setWanted(true);
    expect(urls).toEqual([`ws://127.0.0.1:${port}`, `ws://127.0.0.2:${port}`]);
    await expectPeersMeetThrough(urls[1] ?? '');
  });

  it('after a restart, listens on the same port as before', async () => {
    const before = localNetwork(['127.0.0.1']);
    const [first] = await before.controller.setWanted(true);
    await before.controller.close();

    const after = localNetwork(['127.0.0.1'], before.state.storedPort);
    expect(await after.controller.setWanted(true)).toEqual([first]);
  });

  it('takes any free port when the remembered one is taken by another program', async () => {
    const squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
    const taken = (squatter.address() as { port: number }).port;
    try {
      const { state, controller } = localNetwork(['127.0.0.1'], taken);
      const [url] = await controller.setWanted(true);
      expect(url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+$/);
      expect(url).not.toBe(`ws://127.0.0.1:${taken}`);
      expect(state.started.map((start) => start.port)).toEqual([taken, 0]);
      expect(state.storedPort).not.toBe(taken);
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
  });

  it('answers no address on a machine with no network, and skips an address that vanished', async () => {
    const offline = localNetwork([]);
    expect(await offline.controller.setWanted(true)).toEqual([]);
    expect(offline.state.started).toEqual([]);

    const vanished = localNetwork(['192.0.2.1', '127.0.0.1']); // TEST-NET-1: not on this machine
    const urls = await vanished.controller.setWanted(true);
    expect(urls).toHaveLength(1);
    expect(urls[0]).toMatch(/^ws:\/\/127\.0\.0\.1:\d+$/);
    expect(vanished.state.errors).toHaveLength(1);
  });

  it('applies quick on/off/on requests in order, ending with the server running once', async () => {
    const { state, controller } = localNetwork(['127.0.0.1']);
    const results = await Promise.all([
      controller.setWanted(true),
      controller.setWanted(false),
      controller.setWanted(true),
    ]);
    expect(results[1]).toEqual([]);
    expect(results[2]).toHaveLength(1);
    await expectPeersMeetThrough(results[2]?.[0] ?? '');
    expect(state.started.length).toBe(2);
  });

  it('reads only a sensible remembered port', () => {
    expect(parseStoredPort({ port: 41444 })).toBe(41444);
    for (const value of [null, {}, { port: '41444' }, { port: 80 }, { port: 70000 }, { port: 1.5 }, []]) {
      expect(parseStoredPort(value), JSON.stringify(value)).toBeNull();
    }
  });
});
