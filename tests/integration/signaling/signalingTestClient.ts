import { WebSocket, type ClientOptions } from 'ws';

/**
 * A signaling client as the tests drive it: a real WebSocket on loopback that records what the
 * server sends. Every wait is bounded, so a server that misbehaves fails a test instead of
 * hanging it.
 */

export type ReceivedMessage = Readonly<Record<string, unknown>>;

export interface CloseFrame {
  readonly code: number;
  readonly reason: string;
}

export interface SignalingTestClient {
  readonly socket: WebSocket;
  /** Every JSON object the server sent, in order. */
  readonly received: ReceivedMessage[];
  /** Resolves when the connection ends, with the code the server gave (1006 when it just vanished). */
  readonly closed: Promise<CloseFrame>;
  send(message: unknown): void;
  subscribe(topics: readonly string[]): Promise<void>;
  unsubscribe(topics: readonly string[]): Promise<void>;
  publish(topic: string, data: unknown): void;
  /** Sends a ping and waits for its pong. Messages are handled in order, so everything sent before has been handled. */
  roundTrip(): Promise<void>;
  waitForMessage(matches: (message: ReceivedMessage) => boolean, timeoutMs?: number): Promise<ReceivedMessage>;
  close(): Promise<void>;
}

const DEFAULT_WAIT_MS = 2000;

export async function connectSignalingClient(url: string, options?: ClientOptions): Promise<SignalingTestClient> {
  const socket = new WebSocket(url, options);
  const received: ReceivedMessage[] = [];
  const waiters = new Set<() => void>();

  // Hostile tests make the server close sockets mid-send; the client only reports it.
  socket.on('error', () => undefined);
  socket.on('message', (data, isBinary) => {
    if (isBinary) {
      return;
    }
    const value: unknown = JSON.parse(String(data));
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      received.push(value as ReceivedMessage);
      for (const wake of waiters) {
        wake();
      }
    }
  });
  const closed = new Promise<CloseFrame>((resolve) => {
    socket.once('close', (code, reason) => resolve({ code, reason: String(reason) }));
  });

  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('close', (code) => reject(new Error(`connection closed before it opened (${code})`)));
    socket.once('error', reject);
  });

  const waitForMessage = (matches: (message: ReceivedMessage) => boolean, timeoutMs = DEFAULT_WAIT_MS) => {
    const alreadyReceived = received.find(matches);
    if (alreadyReceived !== undefined) {
      return Promise.resolve(alreadyReceived);
    }
    return new Promise<ReceivedMessage>((resolve, reject) => {
      const wake = (): void => {
        const message = received.find(matches);
        if (message !== undefined) {
          finish();
          resolve(message);
        }
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`no matching message within ${timeoutMs} ms; received ${JSON.stringify(received)}`));
      }, timeoutMs);
      const finish = (): void => {
        clearTimeout(timer);
        waiters.delete(wake);
      };
      waiters.add(wake);
    });
  };

  let pings = 0;
  const roundTrip = async (): Promise<void> => {
    // A pong carries no id, so count them: the nth pong answers the nth ping.
    pings += 1;
    const expectedPongs = pings;
    socket.send(JSON.stringify({ type: 'ping' }));
    await waitForMessage(() => received.filter((message) => message.type === 'pong').length >= expectedPongs);
  };

  return {
    socket,
    received,
    closed,
    send: (message) => socket.send(JSON.stringify(message)),
    async subscribe(topics) {
      socket.send(JSON.stringify({ type: 'subscribe', topics }));
      await roundTrip();
    },
    async unsubscribe(topics) {
      socket.send(JSON.stringify({ type: 'unsubscribe', topics }));
      await roundTrip();
    },
    publish: (topic, data) => socket.send(JSON.stringify({ type: 'publish', topic, data })),
    roundTrip,
    waitForMessage,
    async close() {
      if (socket.readyState !== WebSocket.CLOSED) {
        socket.close();
        await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, DEFAULT_WAIT_MS))]);
        socket.terminate();
      }
    },
  };
}

/** The messages a client got that were relayed publishes (not pongs). */
export function publishesIn(client: SignalingTestClient): ReceivedMessage[] {
  return client.received.filter((message) => message.type === 'publish');
}

/** Polls until `condition` holds, for at most `timeoutMs`; for server state that changes on its own (closed sockets). */
export async function eventually(condition: () => boolean, description: string, timeoutMs = DEFAULT_WAIT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting until ${description}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
