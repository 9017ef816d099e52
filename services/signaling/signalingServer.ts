/**
 * Peerbook's signaling server: a relay for y-webrtc's connection offers, wire-compatible with
 * y-webrtc's own bin/server.js (see shared/sync/signalingMessages.ts), so stock y-webrtc clients can use it.
 * It stores nothing: a topic exists only while someone is subscribed to it.
 *
 * Unlike the stock server it is built to face the local network: every limit in signalLimits.ts
 * is enforced per connection, and whatever one socket does (garbage, floods, vanishing, never
 * reading) ends at most that socket, never the process.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { parseSignalingMessage, PONG_MESSAGE, type SignalingMessage } from '../../shared/sync/signalingMessages';
import { TokenBucket } from '../limits/tokenBucket';
import { resolveSignalingLimits, type SignalingLimits } from './signalLimits';

export interface SignalingServerOptions {
  /** The only interface it listens on, e.g. '127.0.0.1' or one LAN address. */
  readonly host: string;
  /** 0 picks a free port; RunningSignalingServer.port tells which. */
  readonly port: number;
  readonly limits?: Partial<SignalingLimits>;
}

export interface SignalingServerStats {
  /** Open WebSocket connections, including ones being closed by the server. */
  readonly connections: number;
  /** Topics with at least one subscriber. */
  readonly topics: number;
}

export interface RunningSignalingServer {
  /** ws://host:port, the value for y-webrtc's `signaling` option and the invite link's `sig`. */
  readonly url: string;
  readonly port: number;
  readonly limits: SignalingLimits;
  stats(): SignalingServerStats;
  /** Says goodbye to every client (1001 Going Away), then stops listening. */
  close(): Promise<void>;
}

/** Close codes from RFC 6455 §7.4.1 (and the IANA registry for 1013). */
const CLOSE_GOING_AWAY = 1001;
const CLOSE_POLICY_VIOLATION = 1008;
const CLOSE_TRY_AGAIN_LATER = 1013;

/**
 * A client told to go away may never send its half of the closing handshake; ws would then keep
 * the socket for 30 s. A hostile client is not owed that long.
 */
const CLOSE_HANDSHAKE_GRACE_MS = 1000;

interface SignalingConnection {
  readonly socket: WebSocket;
  readonly topics: Set<string>;
  answeredLastPing: boolean;
  readonly rate: TokenBucket;
  /** Set once the server decided to end this connection: it receives and handles nothing more. */
  leaving: boolean;
}

export async function startSignalingServer(options: SignalingServerOptions): Promise<RunningSignalingServer> {
  const limits = resolveSignalingLimits(options.limits);
  const connections = new Set<SignalingConnection>();
  const connectionsByAddress = new Map<string, number>();
  const subscribersByTopic = new Map<string, Set<SignalingConnection>>();
  // Sockets accepted only to be told 1013; kept so close() can end them too.
  const refusedSockets = new Set<WebSocket>();

  const httpServer = createServer(answerPlainHttp);
  // maxPayload makes ws itself close an oversized message with 1009 before buffering it whole.
  // No permessage-deflate: compression would let a small frame inflate past every size limit.
  const webSocketServer = new WebSocketServer({
    noServer: true,
    maxPayload: limits.maxMessageBytes,
    perMessageDeflate: false,
    clientTracking: false,
  });

  let shuttingDown = false;

  httpServer.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (shuttingDown) {
      socket.destroy();
      return;
    }
    const address = request.socket.remoteAddress ?? 'unknown';
    webSocketServer.handleUpgrade(request, socket, head, (webSocket) => {
      if (connections.size >= limits.maxConnections || (connectionsByAddress.get(address) ?? 0) >= limits.maxConnectionsPerAddress) {
        refuseConnection(webSocket);
      } else {
        acceptConnection(webSocket, address);
      }
    });
  });

  function refuseConnection(webSocket: WebSocket): void {
    // Completing the handshake and closing with a code (rather than answering the upgrade with an
    // HTTP error) is what a browser's WebSocket can see and report: 1013 means "try again later".
    refusedSockets.add(webSocket);
    webSocket.on('error', () => webSocket.terminate());
    webSocket.on('close', () => refusedSockets.delete(webSocket));
    webSocket.close(CLOSE_TRY_AGAIN_LATER, 'Too many connections');
    setTimeout(() => webSocket.terminate(), CLOSE_HANDSHAKE_GRACE_MS).unref();
  }

  function acceptConnection(webSocket: WebSocket, address: string): void {
    const connection: SignalingConnection = {
      socket: webSocket,
      topics: new Set(),
      answeredLastPing: true,
      rate: new TokenBucket(limits.rateLimitMessages, limits.rateLimitWindowMs),
      leaving: false,
    };
    connections.add(connection);
    connectionsByAddress.set(address, (connectionsByAddress.get(address) ?? 0) + 1);

    webSocket.on('message', (data: RawData, isBinary: boolean) => {
      try {
        receive(connection, data, isBinary);
      } catch (error) {
        // A bug in handling one message must not take the process (and every other peer) down.
        console.error('[signaling] dropped a connection after an unexpected error', error);
        terminateConnection(connection);
      }
    });
    webSocket.on('pong', () => {
      connection.answeredLastPing = true;
    });
    // ws reports protocol violations (oversized or invalid frames, bad UTF-8) here, after it has
    // started closing the socket itself with the right code (1009, 1007, 1002). Without a listener
    // the 'error' event would throw and crash the server.
    webSocket.on('error', () => {
      leaveAllTopics(connection);
      connection.leaving = true;
      setTimeout(() => webSocket.terminate(), CLOSE_HANDSHAKE_GRACE_MS).unref();
    });
    webSocket.on('close', () => {
      leaveAllTopics(connection);
      connection.leaving = true;
      connections.delete(connection);
      const fromAddress = (connectionsByAddress.get(address) ?? 1) - 1;
      if (fromAddress > 0) {
        connectionsByAddress.set(address, fromAddress);
      } else {
        connectionsByAddress.delete(address);
      }
    });
  }

  function receive(connection: SignalingConnection, data: RawData, isBinary: boolean): void {
    if (connection.leaving) {
      return;
    }
    if (!connection.rate.take()) {
      closeConnection(connection, CLOSE_POLICY_VIOLATION, 'Rate limit exceeded');
      return;
    }
    // The protocol is JSON text; y-webrtc never sends binary frames.
    if (isBinary) {
      return;
    }
    const message = parseSignalingMessage(textOf(data));
    if (message !== null) {
      handle(connection, message);
    }
  }

  function handle(connection: SignalingConnection, message: SignalingMessage): void {
    switch (message.type) {
      case 'subscribe':
        for (const topic of message.topics) {
          if (topic.length > limits.maxTopicLength) {
            continue;
          }
          if (!connection.topics.has(topic) && connection.topics.size >= limits.maxTopicsPerConnection) {
            break;
          }
          connection.topics.add(topic);
          let subscribers = subscribersByTopic.get(topic);
          if (subscribers === undefined) {
            subscribers = new Set();
            subscribersByTopic.set(topic, subscribers);
          }
          subscribers.add(connection);
        }
        return;
      case 'unsubscribe':
        for (const topic of message.topics) {
          leaveTopic(connection, topic);
        }
        return;
      case 'publish': {
        // Only a member of a room may speak in it. y-webrtc subscribes before it announces; a
        // connection that publishes to rooms it never joined is using the server as an
        // amplifier (one message out to every subscriber), so the message is dropped.
        if (!connection.topics.has(message.topic)) {
          return;
        }
        const subscribers = subscribersByTopic.get(message.topic);
        if (subscribers === undefined) {
          return;
        }
        // Like y-webrtc's server: the message goes to every subscriber, the sender included (its
        // client ignores its own announce), with `clients` telling how many share the room.
        const relayed = JSON.stringify({ ...message.sent, clients: subscribers.size });
        for (const subscriber of [...subscribers]) {
          sendText(subscriber, relayed);
        }
        return;
      }
      case 'ping':
        sendText(connection, JSON.stringify(PONG_MESSAGE));
        return;
    }
  }

  function sendText(connection: SignalingConnection, text: string): void {
    if (connection.leaving || connection.socket.readyState !== WebSocket.OPEN) {
      return;
    }
    if (connection.socket.bufferedAmount > limits.maxBufferedBytes) {
      // It is not reading; a close frame would queue behind the backlog and never arrive.
      terminateConnection(connection);
      return;
    }
    connection.socket.send(text);
  }

  function leaveTopic(connection: SignalingConnection, topic: string): void {
    connection.topics.delete(topic);
    const subscribers = subscribersByTopic.get(topic);
    if (subscribers === undefined) {
      return;
    }
    subscribers.delete(connection);
    // Topics are not remembered once empty: the server keeps no trace of rooms.
    if (subscribers.size === 0) {
      subscribersByTopic.delete(topic);
    }
  }

  function leaveAllTopics(connection: SignalingConnection): void {
    for (const topic of [...connection.topics]) {
      leaveTopic(connection, topic);
    }
  }

  function closeConnection(connection: SignalingConnection, code: number, reason: string): void {
    if (connection.leaving) {
      return;
    }
    connection.leaving = true;
    leaveAllTopics(connection);
    connection.socket.close(code, reason);
    setTimeout(() => connection.socket.terminate(), CLOSE_HANDSHAKE_GRACE_MS).unref();
  }

  function terminateConnection(connection: SignalingConnection): void {
    connection.leaving = true;
    leaveAllTopics(connection);
    connection.socket.terminate();
  }

  // One timer for all connections. A client that has not answered the previous ping within a
  // whole interval is gone (sleeping laptop, dropped Wi-Fi) or hostile; either way it is cut.
  const heartbeat = setInterval(() => {
    for (const connection of [...connections]) {
      if (connection.leaving) {
        continue;
      }
      if (!connection.answeredLastPing) {
        terminateConnection(connection);
        continue;
      }
      connection.answeredLastPing = false;
      try {
        connection.socket.ping();
      } catch {
        terminateConnection(connection);
      }
    }
  }, limits.pingIntervalMs);

  try {
    await listen(httpServer, options.host, options.port);
  } catch (error) {
    clearInterval(heartbeat);
    throw error;
  }
  // After start-up, a server-level error (say, running out of file descriptors while accepting)
  // is reported, not thrown: existing peers keep their relay.
  httpServer.on('error', (error) => {
    console.error('[signaling] server error', error);
  });

  const port = listeningPort(httpServer.address());
  const url = `ws://${formatUrlHost(options.host)}:${port}`;
  let closing: Promise<void> | undefined;

  return {
    url,
    port,
    limits,
    stats: () => ({ connections: connections.size, topics: subscribersByTopic.size }),
    close() {
      closing ??= (async () => {
        shuttingDown = true;
        clearInterval(heartbeat);
        const allClosed = [...connections].map((connection) => closedPromise(connection.socket));
        for (const connection of connections) {
          closeConnection(connection, CLOSE_GOING_AWAY, 'Server shutting down');
        }
        for (const webSocket of refusedSockets) {
          webSocket.terminate();
        }
        await Promise.all(allClosed);
        await new Promise<void>((resolve) => {
          httpServer.close(() => resolve());
          // Plain HTTP keep-alive sockets would otherwise hold close() for their idle timeout.
          httpServer.closeAllConnections();
        });
      })();
      return closing;
    },
  };
}

function answerPlainHttp(_request: IncomingMessage, response: ServerResponse): void {
  // The same body as y-webrtc's server, so health checks written for it keep working.
  response.writeHead(200, { 'Content-Type': 'text/plain' });
  response.end('okay');
}

function listen(httpServer: ReturnType<typeof createServer>, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(port, host, () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
}

function closedPromise(webSocket: WebSocket): Promise<void> {
  if (webSocket.readyState === WebSocket.CLOSED) {
    return Promise.resolve();
  }
  return new Promise((resolve) => webSocket.once('close', () => resolve()));
}

function listeningPort(address: AddressInfo | string | null): number {
  if (address === null || typeof address === 'string') {
    throw new Error('the signaling server is not listening on a TCP port');
  }
  return address.port;
}

function textOf(data: RawData): string {
  if (Buffer.isBuffer(data)) {
    return data.toString('utf8');
  }
  return Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data).toString('utf8');
}

/** An IPv6 literal needs brackets in a URL. */
function formatUrlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}
