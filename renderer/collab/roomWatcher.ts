import * as v from 'valibot';
import { parseOrNull } from '../../shared/schema/parsedSchema';
import { parseSignalingMessage } from '../../shared/sync/signalingMessages';
import { decryptRoomMessage, encryptRoomMessage, roomKey } from './roomCrypto';

/**
 * Listens, on each signaling server, to the rooms of every shared entry, and tells what the
 * devices in them hold. This is what lets every shared entry stay in step without holding WebRTC
 * connections for all of them: a room costs one subscription here, and is woken (connected
 * through y-webrtc, renderer/collab/backgroundSync.ts) only when a device in it holds something
 * this one does not, or this one has something to send.
 *
 * It speaks y-webrtc's signaling protocol (subscribe to topics, publish to them) with one message
 * of its own, encrypted with the room's key like y-webrtc's (roomCrypto.ts): a digest of what the
 * sender holds (`{ type: 'peerbook-digest', digest }`). Everything else published in the room
 * (y-webrtc's own connection offers) is left alone, and anything that does not decrypt is dropped.
 */
export const DIGEST_MESSAGE = 'peerbook-digest';

export interface WatchedRoom {
  /** The room's password (the invite link's key). */
  readonly key: string;
  /** Signaling servers to watch it on. */
  readonly servers: readonly string[];
}

/** The WebSocket class to use (the browser's; `ws` in Node tests). */
export type WebSocketClass = new (url: string) => WebSocket;

/** Topics subscribed per connection: below the project's signaling server's limit of 100. */
export const TOPICS_PER_CONNECTION = 90;
const RECONNECT_MIN_MS = 1000;
const RECONNECT_MAX_MS = 30_000;
const PING_EVERY_MS = 20_000;

interface Connection {
  socket: WebSocket | null;
  readonly topics: Set<string>;
  failures: number;
  retry: ReturnType<typeof setTimeout> | null;
  ping: ReturnType<typeof setInterval> | null;
}

/** Larger frames are no y-webrtc offer, nor a digest: they are dropped unread. */
export const MAX_WATCHED_FRAME_CHARS = 256 * 1024;
/** A digest is a hash in base64url; anything longer is not one. */
export const MAX_DIGEST_LENGTH = 64;

function publishedMessage(raw: unknown): { topic: string; data: unknown } | null {
  if (typeof raw !== 'string' || raw.length > MAX_WATCHED_FRAME_CHARS) return null;
  const message = parseSignalingMessage(raw);
  return message?.type === 'publish' ? { topic: message.topic, data: message.sent.data } : null;
}

/** The one message of Peerbook's own in a room, once decrypted. */
const RoomDigestSchema = v.object({ type: v.literal(DIGEST_MESSAGE), digest: v.pipe(v.string(), v.maxLength(MAX_DIGEST_LENGTH)) });

export class RoomWatcher {
  /** server URL → its connections, each with at most TOPICS_PER_CONNECTION topics. */
  private readonly servers = new Map<string, Connection[]>();
  private destroyed = false;

  private secrets = new Map<string, string>();

  constructor(
    /** Told of every digest a device publishes in a watched room (this one's included). */
    private readonly onDigest: (room: string, digest: string) => void,
    private readonly WebSocketImpl: WebSocketClass = WebSocket,
  ) {}

  /** Watches exactly these rooms, each on its servers. */
  watch(rooms: ReadonlyMap<string, WatchedRoom>): void {
    if (this.destroyed) return;
    this.secrets = new Map([...rooms].map(([room, watched]) => [room, watched.key]));
    const wanted = new Map<string, Set<string>>();
    for (const [room, { servers }] of rooms) {
      for (const server of servers) {
        if (!isWebSocketUrl(server)) continue;
        let topics = wanted.get(server);
        if (!topics) wanted.set(server, (topics = new Set()));
        topics.add(room);
      }
    }
    for (const [server, connections] of this.servers) {
      if (!wanted.has(server)) {
        for (const connection of connections) this.closeConnection(connection);
        this.servers.delete(server);
      }
    }
    for (const [server, topics] of wanted) this.watchOnServer(server, topics);
  }

  /** Tells the devices in `room` what this one holds. */
  async publishDigest(room: string, digest: string): Promise<void> {
    const secret = this.secrets.get(room);
    if (secret === undefined) return;
    const data = await encryptRoomMessage(await roomKey(room, secret), { type: DIGEST_MESSAGE, digest });
    for (const connections of this.servers.values()) {
      for (const connection of connections) if (connection.topics.has(room)) send(connection, { type: 'publish', topic: room, data });
    }
  }

  destroy(): void {
    this.destroyed = true;
    for (const connections of this.servers.values()) for (const connection of connections) this.closeConnection(connection);
    this.servers.clear();
  }

  private watchOnServer(server: string, topics: Set<string>): void {
    const connections = this.servers.get(server) ?? [];
    this.servers.set(server, connections);
    // Topics no longer wanted are dropped where they are; new ones fill the first connection
    // with room, so a long-lived watch does not reshuffle every subscription.
    for (const connection of connections) {
      const gone = [...connection.topics].filter((topic) => !topics.has(topic));
      if (gone.length > 0) {
        gone.forEach((topic) => connection.topics.delete(topic));
        send(connection, { type: 'unsubscribe', topics: gone });
      }
    }
    const held = new Set(connections.flatMap((connection) => [...connection.topics]));
    const added = [...topics].filter((topic) => !held.has(topic));
    while (added.length > 0) {
      let connection = connections.find((candidate) => candidate.topics.size < TOPICS_PER_CONNECTION);
      if (!connection) {
        connection = { socket: null, topics: new Set(), failures: 0, retry: null, ping: null };
        connections.push(connection);
        this.open(server, connection);
      }
      const batch = added.splice(0, TOPICS_PER_CONNECTION - connection.topics.size);
      batch.forEach((topic) => connection.topics.add(topic));
      send(connection, { type: 'subscribe', topics: batch });
    }
    for (const connection of connections.filter((candidate) => candidate.topics.size === 0)) {
      this.closeConnection(connection);
      connections.splice(connections.indexOf(connection), 1);
    }
  }

  private open(server: string, connection: Connection): void {
    if (this.destroyed) return;
    let socket: WebSocket;
    try {
      socket = new this.WebSocketImpl(server);
    } catch {
      this.scheduleReconnect(server, connection);
      return;
    }
    connection.socket = socket;
    socket.onopen = () => {
      connection.failures = 0;
      send(connection, { type: 'subscribe', topics: [...connection.topics] });
      connection.ping = setInterval(() => send(connection, { type: 'ping' }), PING_EVERY_MS);
    };
    socket.onmessage = (event: MessageEvent) => {
      const published = publishedMessage(event.data);
      if (published && connection.topics.has(published.topic)) void this.readDigest(published.topic, published.data);
    };
    socket.onclose = () => {
      if (connection.socket !== socket) return;
      connection.socket = null;
      if (connection.ping) clearInterval(connection.ping);
      connection.ping = null;
      connection.failures++;
      this.scheduleReconnect(server, connection);
    };
    socket.onerror = () => socket.close();
  }

  private async readDigest(room: string, data: unknown): Promise<void> {
    const secret = this.secrets.get(room);
    if (secret === undefined) return;
    let message: unknown;
    try {
      message = await decryptRoomMessage(await roomKey(room, secret), data);
    } catch {
      return; // y-webrtc's own messages under another key, or anything forged: not for us
    }
    const digest = parseOrNull(RoomDigestSchema, message);
    if (digest && !this.destroyed) this.onDigest(room, digest.digest);
  }

  private scheduleReconnect(server: string, connection: Connection): void {
    if (this.destroyed || connection.topics.size === 0) return;
    const delay = Math.min(RECONNECT_MAX_MS, RECONNECT_MIN_MS * 2 ** Math.min(connection.failures, 5));
    connection.retry = setTimeout(() => {
      connection.retry = null;
      if (this.servers.get(server)?.includes(connection)) this.open(server, connection);
    }, delay);
  }

  private closeConnection(connection: Connection): void {
    if (connection.retry) clearTimeout(connection.retry);
    if (connection.ping) clearInterval(connection.ping);
    connection.retry = null;
    connection.ping = null;
    connection.topics.clear();
    const socket = connection.socket;
    connection.socket = null;
    socket?.close();
  }
}

function send(connection: Connection, message: object): void {
  const socket = connection.socket;
  if (socket && socket.readyState === 1) socket.send(JSON.stringify(message));
}

function isWebSocketUrl(url: string): boolean {
  try {
    return ['ws:', 'wss:'].includes(new URL(url).protocol);
  } catch {
    return false;
  }
}
