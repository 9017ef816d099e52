import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { SignalingConn, WebrtcProvider } from 'y-webrtc';
import * as Y from 'yjs';
import { startSignalingServer, type RunningSignalingServer } from '../../../services/signaling/signalingServer';
import { connectSignalingClient, eventually, type ReceivedMessage } from './signalingTestClient';

// Stock y-webrtc must work against Peerbook's server unchanged, since the invite link lets any
// Yjs + y-webrtc client join (docs/FORMAT.md). No WebRTC peer is created here: these
// tests stop at signaling.

let server: RunningSignalingServer;

beforeAll(async () => {
  // y-webrtc's SignalingConn (lib0/websocket) uses the global WebSocket: pinned to ws's, so the tests do not depend on the Node version's own.
  vi.stubGlobal('WebSocket', WebSocket);
  server = await startSignalingServer({ host: '127.0.0.1', port: 0 });
});

afterEach(async () => {
  await eventually(() => server.stats().connections === 0, 'every y-webrtc client has left');
});

afterAll(async () => {
  await server.close();
  vi.unstubAllGlobals();
});

/** What a SignalingConn emits as 'message': the server's JSON, parsed by lib0/websocket. */
function collectMessages(conn: SignalingConn): ReceivedMessage[] {
  const messages: ReceivedMessage[] = [];
  conn.on('message', (message: ReceivedMessage) => {
    messages.push(message);
  });
  return messages;
}

async function connected(conn: SignalingConn): Promise<void> {
  await eventually(() => conn.connected, `y-webrtc's SignalingConn connected to ${server.url}`);
}

describe('stock y-webrtc signaling against Peerbook’s server', () => {
  it('carries a room’s encrypted offers between two y-webrtc SignalingConns, as y-webrtc’s own server does', async () => {
    const first = new SignalingConn(server.url);
    const second = new SignalingConn(server.url);
    const atFirst = collectMessages(first);
    const atSecond = collectMessages(second);
    try {
      await Promise.all([connected(first), connected(second)]);

      // What y-webrtc's Room sends for a room with a password: subscribe, then a publish whose
      // `data` is the announce encrypted with the room key, in base64.
      const room = 'peerbook-room-7f3a';
      const encryptedAnnounce = Buffer.from('AES-GCM ciphertext of the announce').toString('base64');
      first.send({ type: 'subscribe', topics: [room] });
      second.send({ type: 'subscribe', topics: [room] });
      // lib0/websocket's keep-alive: { type: 'ping' } answered by { type: 'pong' }. Each answer also
      // proves that connection's subscribe was handled.
      first.send({ type: 'ping' });
      second.send({ type: 'ping' });
      await eventually(
        () => [atFirst, atSecond].every((messages) => messages.some((message) => message.type === 'pong')),
        'both SignalingConns got their pong',
      );

      first.send({ type: 'publish', topic: room, data: encryptedAnnounce });
      await eventually(() => atSecond.some((message) => message.type === 'publish'), 'the announce reached the second');
      // SignalingConn's handler reads exactly these: type 'publish', a string topic naming the
      // room, and (with a password) a string `data` it decrypts.
      expect(atSecond.find((message) => message.type === 'publish')).toEqual({
        type: 'publish',
        topic: room,
        data: encryptedAnnounce,
        clients: 2,
      });

      // Room.disconnect() sends unsubscribe; the server forgets the room once both left.
      first.send({ type: 'unsubscribe', topics: [room] });
      second.send({ type: 'unsubscribe', topics: [room] });
      await eventually(() => server.stats().topics === 0, 'the room is forgotten');
    } finally {
      first.destroy();
      second.destroy();
    }
  });

  it('relays a real WebrtcProvider’s encrypted announce to the other subscribers of its room', async () => {
    const roomName = 'peerbook-room-provider-91c2';
    const observer = await connectSignalingClient(server.url);
    await observer.subscribe([roomName]);

    const doc = new Y.Doc();
    const provider = new WebrtcProvider(roomName, doc, { signaling: [server.url], password: 'room-key-from-the-invite' });
    try {
      const announce = await observer.waitForMessage((message) => message.type === 'publish', 5000);
      expect(announce).toMatchObject({ type: 'publish', topic: roomName, clients: 2 });
      // The server only ever sees ciphertext: y-webrtc encrypts signaling with the room password.
      expect(typeof announce.data).toBe('string');
      expect(Buffer.from(String(announce.data), 'base64').toString('latin1')).not.toContain('announce');
      expect(server.stats()).toEqual({ connections: 2, topics: 1 });
    } finally {
      // disconnect() closes the provider's SignalingConn; destroy() alone would leave it open.
      provider.disconnect();
      provider.destroy();
      doc.destroy();
      await observer.close();
    }
  });
});
