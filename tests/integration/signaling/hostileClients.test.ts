import { randomBytes } from 'node:crypto';
import { connect as connectTcp, type Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startSignalingServer, type RunningSignalingServer } from '../../../services/signaling/signalingServer';
import { DEFAULT_SIGNALING_LIMITS } from '../../../services/signaling/signalLimits';
import type { ClientOptions } from 'ws';
import { connectSignalingClient, eventually, publishesIn, type SignalingTestClient } from './signalingTestClient';

// The server faces the local network, so anyone on it can connect. Each story below has a hostile
// client do its worst against a server (default limits) that also serves a well-behaved pair,
// Alice and Bob, in their room; after each, the pair must still reach each other.

const PAIR_ROOM = 'room-of-alice-and-bob';

let server: RunningSignalingServer;
let alice: SignalingTestClient;
let bob: SignalingTestClient;
const hostileClients: SignalingTestClient[] = [];

async function connectHostile(url = server.url, options?: ClientOptions): Promise<SignalingTestClient> {
  const client = await connectSignalingClient(url, options);
  hostileClients.push(client);
  return client;
}

let pairMessages = 0;
/** Alice publishes a fresh offer; Bob must get it, and see that exactly the two of them are in the room. */
async function expectPairStillServed(pair: { alice: SignalingTestClient; bob: SignalingTestClient } = { alice, bob }): Promise<void> {
  pairMessages += 1;
  const offer = `offer-${pairMessages}`;
  pair.alice.publish(PAIR_ROOM, offer);
  const atBob = await pair.bob.waitForMessage((message) => message.data === offer);
  expect(atBob).toEqual({ type: 'publish', topic: PAIR_ROOM, data: offer, clients: 2 });
}

/** The nth of many hosts: every 127.x.y.z address is loopback, so a crowd need not share one address's cap. */
function host(index: number): ClientOptions {
  return { localAddress: `127.1.${Math.floor(index / 250)}.${(index % 250) + 1}` };
}

async function startPair(url: string): Promise<{ alice: SignalingTestClient; bob: SignalingTestClient }> {
  const pair = { alice: await connectSignalingClient(url), bob: await connectSignalingClient(url) };
  await pair.alice.subscribe([PAIR_ROOM]);
  await pair.bob.subscribe([PAIR_ROOM]);
  return pair;
}

beforeAll(async () => {
  server = await startSignalingServer({ host: '127.0.0.1', port: 0 });
  ({ alice, bob } = await startPair(server.url));
  await expectPairStillServed();
});

afterEach(async () => {
  await Promise.all(hostileClients.splice(0).map((client) => client.close()));
  // Whatever a hostile client did, nothing of it stays behind: only the pair and their room.
  await eventually(
    () => server.stats().connections === 2 && server.stats().topics === 1,
    `the server holds only the pair again (now ${JSON.stringify(server.stats())})`,
  );
  await expectPairStillServed();
});

afterAll(async () => {
  await Promise.all([alice.close(), bob.close()]);
  await server.close();
});

describe('a signaling server facing hostile clients', () => {
  it('closes a connection that sends a message over the size limit with 1009, and relays one just under it', async () => {
    const limit = DEFAULT_SIGNALING_LIMITS.maxMessageBytes;
    const envelope = JSON.stringify({ type: 'publish', topic: PAIR_ROOM, data: '' }).length;
    const largestOffer = 'x'.repeat(limit - envelope);
    alice.publish(PAIR_ROOM, largestOffer);
    const atBob = await bob.waitForMessage((message) => message.data === largestOffer);
    expect(atBob.clients).toBe(2);

    const hostile = await connectHostile();
    const oversized = JSON.stringify({ type: 'publish', topic: PAIR_ROOM, data: 'x'.repeat(limit) });
    hostile.socket.send(oversized);

    const closed = await hostile.closed;
    console.log(`oversized: sent ${oversized.length} bytes (limit ${limit}), closed with ${closed.code}`);
    expect(closed.code).toBe(1009);
    await bob.roundTrip();
    expect(publishesIn(bob).filter((message) => typeof message.data === 'string' && message.data.length >= limit)).toEqual([]);
  });

  it('keeps only the first topics up to the per-connection limit when asked for thousands at once', async () => {
    const limit = DEFAULT_SIGNALING_LIMITS.maxTopicsPerConnection;
    const hostile = await connectHostile();
    const asked = Array.from({ length: 5000 }, (_, index) => `t${index}`);
    await hostile.subscribe(asked);

    const kept = server.stats().topics - 1; // minus the pair's room
    console.log(`topics: asked for ${asked.length} topics in one subscribe, server kept ${kept} (limit ${limit})`);
    expect(kept).toBe(limit);

    // The first ones are kept, the rest ignored: a publish reaches it on t0, not on t4999.
    const speaker = await connectHostile();
    await speaker.subscribe(['t0', 't4999']);
    speaker.publish('t0', 'kept');
    speaker.publish('t4999', 'ignored');
    await hostile.waitForMessage((message) => message.data === 'kept');
    await speaker.roundTrip();
    await hostile.roundTrip();
    expect(publishesIn(hostile).map((message) => message.topic)).toEqual(['t0']);
    await speaker.close();
    await eventually(() => server.stats().topics - 1 === limit, 'the speaker has left t4999');

    // Leaving a topic frees its slot for another.
    await hostile.unsubscribe(['t0']);
    await hostile.subscribe(['t4999']);
    expect(server.stats().topics - 1).toBe(limit);
  });

  it('ignores topics longer than the limit', async () => {
    const limit = DEFAULT_SIGNALING_LIMITS.maxTopicLength;
    const hostile = await connectHostile();
    const longestTopic = 'a'.repeat(limit);
    const tooLongTopic = 'b'.repeat(limit + 1);
    await hostile.subscribe([tooLongTopic, longestTopic]);
    console.log(`topic length: subscribed to topics of ${limit} and ${limit + 1} chars, server kept ${server.stats().topics - 1}`);
    expect(server.stats().topics - 1).toBe(1);

    const speaker = await connectHostile();
    await speaker.subscribe([longestTopic]);
    speaker.publish(longestTopic, 'to-the-longest-topic');
    await hostile.waitForMessage((message) => message.data === 'to-the-longest-topic');
  });

  it('closes a connection that floods it beyond the rate limit with 1008, after serving its allowance', async () => {
    const allowance = DEFAULT_SIGNALING_LIMITS.rateLimitMessages;
    const hostile = await connectHostile();
    const sent = 5000;
    const ping = JSON.stringify({ type: 'ping' });
    for (let index = 0; index < sent; index += 1) {
      hostile.socket.send(ping);
    }

    const closed = await hostile.closed;
    const answered = hostile.received.filter((message) => message.type === 'pong').length;
    console.log(`flood: sent ${sent} pings, got ${answered} pongs, then closed with ${closed.code} (allowance ${allowance} per ${DEFAULT_SIGNALING_LIMITS.rateLimitWindowMs} ms)`);
    expect(closed.code).toBe(1008);
    // The bucket refills while the flood is read, so a handful more than the burst may get through.
    expect(answered).toBeGreaterThanOrEqual(allowance);
    expect(answered).toBeLessThan(allowance + 50);
  });

  it('ignores malformed JSON and messages of the wrong shape, and stays usable', async () => {
    const hostile = await connectHostile();
    const garbage = [
      'not json',
      '{',
      '',
      'null',
      '42',
      '"ping"',
      '[]',
      '[{"type":"ping"}]',
      '{"__proto__":{"type":"ping"}}',
      '{}',
      '{"type":null}',
      '{"type":"PING"}',
      '{"type":"pong"}',
      '{"type":"subscribe"}',
      '{"type":"subscribe","topics":"room"}',
      '{"type":"subscribe","topics":{"0":"room"}}',
      '{"type":"subscribe","topics":[1,null,{},[],true,""]}',
      '{"type":"unsubscribe","topics":null}',
      '{"type":"publish"}',
      `{"type":"publish","topic":42,"data":"x"}`,
      `{"type":"publish","topic":"","data":"x"}`,
      `{"type":"publish","topic":["${PAIR_ROOM}"],"data":"sneaky"}`,
      `{"type":"publish","topic":{"toString":"${PAIR_ROOM}"},"data":"sneaky"}`,
      // Parses, but nested too deep to be re-serialized for relaying (JSON.stringify would overflow).
      `{"type":"publish","topic":"${PAIR_ROOM}","data":${'['.repeat(30_000)}"sneaky"${']'.repeat(30_000)}}`,
    ];
    const serverErrors = vi.spyOn(console, 'error');
    for (const text of garbage) {
      hostile.socket.send(text);
    }
    // The protocol is text; a ping in a binary frame is not a ping.
    hostile.socket.send(Buffer.from(JSON.stringify({ type: 'ping' })), { binary: true });

    await hostile.roundTrip();
    console.log(`malformed: sent ${garbage.length + 1} malformed or wrongly shaped messages, got ${hostile.received.length - 1} answers, connection still open`);
    expect(hostile.received).toEqual([{ type: 'pong' }]);
    expect(serverErrors).not.toHaveBeenCalled();
    serverErrors.mockRestore();
    expect(server.stats().topics).toBe(1);
    await bob.roundTrip();
    expect(publishesIn(bob).filter((message) => message.data === 'sneaky')).toEqual([]);

    // Still a working client: it joins the pair's room and hears Alice.
    await hostile.subscribe([PAIR_ROOM]);
    alice.publish(PAIR_ROOM, 'welcome');
    expect(await hostile.waitForMessage((message) => message.data === 'welcome')).toMatchObject({ clients: 3 });
  });

  it('forgets 200 clients that vanish without a close frame after subscribing', async () => {
    const crowd = await Promise.all(Array.from({ length: 200 }, (_, index) => connectSignalingClient(server.url, host(index))));
    await Promise.all(crowd.map((client, index) => client.subscribe(['room-crowd', `room-of-${index}`])));
    expect(server.stats()).toEqual({ connections: 202, topics: 1 + 1 + 200 });

    for (const client of crowd) {
      client.socket.terminate();
    }
    await eventually(() => server.stats().connections === 2, 'the vanished clients are gone');
    console.log(`abrupt disconnects: 200 clients subscribed to 201 topics then vanished; stats now ${JSON.stringify(server.stats())}`);
    expect(server.stats()).toEqual({ connections: 2, topics: 1 });
  });

  it('drops a client that never reads once too much is queued for it', async () => {
    // Its own server: a raw socket answers no pings, and must not be cut by the heartbeat first.
    // The rate limit is raised so one publisher can outrun the kernel's socket buffers.
    const maxBufferedBytes = 256 * 1024;
    const ownServer = await startSignalingServer({
      host: '127.0.0.1',
      port: 0,
      limits: { maxBufferedBytes, rateLimitMessages: 2000 },
    });
    const neverReads = await connectClientThatNeverReads(ownServer.port, 'room-slow');
    const publisher = await connectSignalingClient(ownServer.url);
    try {
      await eventually(() => ownServer.stats().topics === 1, 'the silent client has subscribed');
      await publisher.subscribe(['room-slow']);
      const offer = 'x'.repeat(60 * 1024);
      let published = 0;
      while (ownServer.stats().connections === 2 && published < 1000) {
        for (let batch = 0; batch < 20; batch += 1) {
          publisher.publish('room-slow', offer);
          published += 1;
        }
        await publisher.roundTrip();
      }
      const mebibytes = ((published * offer.length) / (1024 * 1024)).toFixed(1);
      console.log(`slow reader: published ${published} offers of 60 KiB (${mebibytes} MiB) before the client that never reads was dropped`);
      // Only the publisher is left, in its room.
      expect(ownServer.stats()).toEqual({ connections: 1, topics: 1 });
      await publisher.roundTrip();
    } finally {
      neverReads.destroy();
      await publisher.close();
      await ownServer.close();
    }
  });

  it('refuses a host its connections beyond its share with 1013, while other hosts still get in', async () => {
    const limit = DEFAULT_SIGNALING_LIMITS.maxConnectionsPerAddress;
    // Every 127.x.y.z address is this machine's loopback: one hostile host, its neighbour and the pair differ.
    const hostileHost = { localAddress: '127.0.0.7' };
    const crowd: SignalingTestClient[] = [];
    for (let index = 0; index < limit; index += 1) {
      crowd.push(await connectHostile(server.url, hostileHost));
    }
    const refused = await connectHostile(server.url, hostileHost);
    const closed = await refused.closed;
    console.log(`per-address cap: ${limit} connections from one address accepted, the next closed with ${closed.code}`);
    expect(closed.code).toBe(1013);
    expect(server.stats().connections).toBe(2 + limit);

    // A neighbour on another address is served as usual, crowd or not.
    const neighbour = await connectHostile(server.url, { localAddress: '127.0.0.8' });
    await neighbour.subscribe([PAIR_ROOM]);
    alice.publish(PAIR_ROOM, 'hello-neighbour');
    expect(await neighbour.waitForMessage((message) => message.data === 'hello-neighbour')).toMatchObject({ clients: 3 });

    // When one of the crowd leaves, that host may connect once more.
    await (crowd[0] as SignalingTestClient).close();
    await eventually(() => server.stats().connections === 2 + limit, 'one of the crowd has left');
    const again = await connectHostile(server.url, hostileHost);
    await again.roundTrip();
    expect(server.stats().connections).toBe(3 + limit);
  });

  it('does not relay a publish from a client outside the room: no amplification', async () => {
    // A room of 100 listeners; a client that never joined it publishes 50 messages there. Relayed,
    // each would go out 100 times: 5000 messages for 50.
    const listeners = await Promise.all(Array.from({ length: 100 }, (_, index) => connectHostile(server.url, host(index))));
    await Promise.all(listeners.map((listener) => listener.subscribe(['room-crowded'])));
    const outsider = await connectHostile();
    for (let index = 0; index < 50; index += 1) {
      outsider.publish('room-crowded', `amplify-${index}`);
    }
    await outsider.roundTrip();
    await Promise.all(listeners.map((listener) => listener.roundTrip()));
    const delivered = listeners.reduce((sum, listener) => sum + publishesIn(listener).length, 0);
    console.log(`amplification: 50 publishes from outside a room of 100 delivered ${delivered} messages (5000 if relayed)`);
    expect(delivered).toBe(0);

    // Control: one of the room's own members reaches all 100.
    (listeners[0] as SignalingTestClient).publish('room-crowded', 'from-a-member');
    await Promise.all(listeners.map((listener) => listener.waitForMessage((message) => message.data === 'from-a-member')));
  });

  it('refuses the connection beyond the limit with 1013, and lets one in again when a slot frees', async () => {
    const ownServer = await startSignalingServer({ host: '127.0.0.1', port: 0, limits: { maxConnections: 5 } });
    const pair = await startPair(ownServer.url);
    const others = [await connectHostile(ownServer.url), await connectHostile(ownServer.url), await connectHostile(ownServer.url)];
    try {
      expect(ownServer.stats().connections).toBe(5);

      const sixth = await connectHostile(ownServer.url);
      const refused = await sixth.closed;
      console.log(`connections: limit 5, opened 6, the 6th was closed with ${refused.code} (${refused.reason})`);
      expect(refused).toEqual({ code: 1013, reason: 'Too many connections' });
      expect(ownServer.stats().connections).toBe(5);
      await expectPairStillServed(pair);

      await others[0]?.close();
      await eventually(() => ownServer.stats().connections === 4, 'a slot is free');
      const latecomer = await connectHostile(ownServer.url);
      await latecomer.roundTrip();
      expect(ownServer.stats().connections).toBe(5);
    } finally {
      await Promise.all(hostileClients.splice(0).map((client) => client.close()));
      await Promise.all([pair.alice.close(), pair.bob.close()]);
      await ownServer.close();
    }
  });

  it('drops a client that does not answer pings, and keeps the ones that do', async () => {
    const pingIntervalMs = 200;
    const ownServer = await startSignalingServer({ host: '127.0.0.1', port: 0, limits: { pingIntervalMs } });
    const pair = await startPair(ownServer.url);
    try {
      const idle = await connectSignalingClient(ownServer.url, { autoPong: false });
      hostileClients.push(idle);
      await idle.subscribe(['room-idle']);
      const connectedAt = performance.now();

      const closed = await Promise.race([
        idle.closed,
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('idle client not dropped')), pingIntervalMs * 10)),
      ]);
      const afterMs = Math.round(performance.now() - connectedAt);
      console.log(`idle: a client that never answers pings was dropped after ${afterMs} ms (ping every ${pingIntervalMs} ms), close code ${closed.code}`);
      expect(closed.code).toBe(1006); // terminated: a dead peer would never finish a closing handshake
      expect(afterMs).toBeLessThan(pingIntervalMs * 5);

      // The pair answered every ping (browsers and ws do it automatically) and is still there.
      await new Promise((resolve) => setTimeout(resolve, pingIntervalMs * 2));
      expect(ownServer.stats()).toEqual({ connections: 2, topics: 1 });
      await expectPairStillServed(pair);
    } finally {
      await Promise.all([pair.alice.close(), pair.bob.close()]);
      await ownServer.close();
    }
  });
});

/**
 * A WebSocket client written by hand on a TCP socket, so that it can subscribe and then never read
 * a byte: the server's replies pile up, as they would for a stalled or malicious peer.
 */
async function connectClientThatNeverReads(port: number, topic: string): Promise<Socket> {
  const socket = connectTcp(port, '127.0.0.1');
  socket.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  socket.write(
    [
      'GET / HTTP/1.1',
      `Host: 127.0.0.1:${port}`,
      'Upgrade: websocket',
      'Connection: Upgrade',
      `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
      'Sec-WebSocket-Version: 13',
      '',
      '',
    ].join('\r\n'),
  );
  socket.write(maskedTextFrame(JSON.stringify({ type: 'subscribe', topics: [topic] })));
  // No 'data' listener: the socket stays paused and reads nothing.
  return socket;
}

/** RFC 6455 §5.2: a final text frame, masked as every client frame must be; short payloads only. */
function maskedTextFrame(text: string): Buffer {
  const payload = Buffer.from(text, 'utf8');
  if (payload.length >= 126) {
    throw new Error('this test frame writer handles payloads under 126 bytes only');
  }
  const mask = randomBytes(4);
  const masked = payload.map((byte, index) => byte ^ (mask[index % 4] ?? 0));
  return Buffer.concat([Buffer.from([0x81, 0x80 | payload.length]), mask, masked]);
}
