import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSignalingServer, type RunningSignalingServer } from '../../../services/signaling/signalingServer';
import { connectSignalingClient, eventually, publishesIn, type SignalingTestClient } from './signalingTestClient';

// Peers in a shared entry find each other through the signaling server: each subscribes to the
// entry's room (a topic) and publishes its (encrypted) connection offers there.

let server: RunningSignalingServer;
const openClients: SignalingTestClient[] = [];

async function connectPeer(): Promise<SignalingTestClient> {
  const client = await connectSignalingClient(server.url);
  openClients.push(client);
  return client;
}

/** Alice and Bob, both connected and subscribed to `room`. */
async function twoPeersIn(room: string): Promise<[SignalingTestClient, SignalingTestClient]> {
  const alice = await connectPeer();
  const bob = await connectPeer();
  await alice.subscribe([room]);
  await bob.subscribe([room]);
  return [alice, bob];
}

beforeAll(async () => {
  server = await startSignalingServer({ host: '127.0.0.1', port: 0 });
});

afterEach(async () => {
  await Promise.all(openClients.splice(0).map((client) => client.close()));
  await eventually(() => server.stats().connections === 0, 'every test client has left');
});

afterAll(async () => {
  await server.close();
});

describe('the signaling server relays offers between the peers of a room', () => {
  it('listens on the loopback address it was given, on the free port it picked', () => {
    expect(server.port).toBeGreaterThan(0);
    expect(server.url).toBe(`ws://127.0.0.1:${server.port}`);
  });

  it('delivers a publish to every subscriber of the topic, the sender included, with the subscriber count', async () => {
    const [alice, bob] = await twoPeersIn('room-kitchen');
    expect(server.stats()).toEqual({ connections: 2, topics: 1 });

    alice.publish('room-kitchen', 'offer-from-alice');

    const atBob = await bob.waitForMessage((message) => message.data === 'offer-from-alice');
    expect(atBob).toEqual({ type: 'publish', topic: 'room-kitchen', data: 'offer-from-alice', clients: 2 });
    // y-webrtc's server echoes to the sender too (its client drops its own announce); so do we.
    const atAlice = await alice.waitForMessage((message) => message.data === 'offer-from-alice');
    expect(atAlice).toEqual(atBob);
  });

  it('relays every field the client sent, untouched, and overwrites a `clients` the sender made up', async () => {
    const [alice, bob] = await twoPeersIn('room-fields');

    const signal = { to: 'bob-peer-id', from: 'alice-peer-id', type: 'signal', signal: { type: 'offer', sdp: 'v=0…' } };
    alice.send({ type: 'publish', topic: 'room-fields', data: signal, extra: [1, 'two'], clients: 999 });

    const atBob = await bob.waitForMessage((message) => message.topic === 'room-fields');
    expect(atBob).toEqual({ type: 'publish', topic: 'room-fields', data: signal, extra: [1, 'two'], clients: 2 });
  });

  it('stops sending a room to a peer that unsubscribed, and forgets a room nobody is in', async () => {
    const [alice, bob] = await twoPeersIn('room-leaving');

    await bob.unsubscribe(['room-leaving']);
    alice.publish('room-leaving', 'after-bob-left');
    const atAlice = await alice.waitForMessage((message) => message.data === 'after-bob-left');
    expect(atAlice.clients).toBe(1);

    // Alice's publish was handled before she saw it; Bob's ping is answered after, so anything
    // relayed to Bob would have arrived before his pong.
    await bob.roundTrip();
    expect(publishesIn(bob)).toEqual([]);

    await alice.unsubscribe(['room-leaving']);
    expect(server.stats().topics).toBe(0);
  });

  it('answers ping with pong', async () => {
    const alice = await connectPeer();
    alice.send({ type: 'ping' });
    const pong = await alice.waitForMessage((message) => message.type === 'pong');
    expect(pong).toEqual({ type: 'pong' });
  });

  it('sends a peer nothing from a room it is not in', async () => {
    const [alice, bob] = await twoPeersIn('room-a');
    const carol = await connectPeer();
    await carol.subscribe(['room-b']);

    alice.publish('room-a', 'only-for-room-a');
    await bob.waitForMessage((message) => message.data === 'only-for-room-a');

    await carol.roundTrip();
    expect(publishesIn(carol)).toEqual([]);
  });

  it('drops a publish into a room the sender never joined, and relays it once the sender is in', async () => {
    const alice = await connectPeer();
    const bob = await connectPeer();
    await bob.subscribe(['room-outside']);

    alice.publish('room-outside', 'knock-knock');
    // Alice's pong comes after her publish was handled; Bob's pong after anything relayed to him.
    await alice.roundTrip();
    await bob.roundTrip();
    expect(publishesIn(bob)).toEqual([]);

    // The same message from inside the room arrives: the drop above is the rule, not a dead path.
    await alice.subscribe(['room-outside']);
    alice.publish('room-outside', 'knock-knock');
    expect(await bob.waitForMessage((message) => message.data === 'knock-knock')).toMatchObject({ clients: 2 });
  });

  it('answers a plain HTTP request like y-webrtc’s server, for health checks', async () => {
    const response = await fetch(`http://127.0.0.1:${server.port}/`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('okay');
  });
});

describe('shutting down', () => {
  it('says goodbye to connected peers with 1001 and stops listening', async () => {
    const ownServer = await startSignalingServer({ host: '127.0.0.1', port: 0 });
    const alice = await connectSignalingClient(ownServer.url);
    await alice.subscribe(['room-closing']);

    await ownServer.close();

    expect((await alice.closed).code).toBe(1001);
    await expect(connectSignalingClient(ownServer.url)).rejects.toThrow();
  });

  it('refuses limits that would switch a protection off', async () => {
    await expect(startSignalingServer({ host: '127.0.0.1', port: 0, limits: { maxConnections: 0 } })).rejects.toThrow(
      RangeError,
    );
    await expect(startSignalingServer({ host: '127.0.0.1', port: 0, limits: { pingIntervalMs: Number.NaN } })).rejects.toThrow(
      RangeError,
    );
  });
});
