import { HocuspocusProviderWebsocket } from '@hocuspocus/provider';

/**
 * One WebSocket per relay URL, shared by every entry that syncs through that relay (Hocuspocus
 * multiplexes documents over one socket), opened with the first entry and closed with the last.
 */
interface SharedRelaySocket {
  readonly socket: HocuspocusProviderWebsocket;
  users: number;
}

const sockets = new Map<string, SharedRelaySocket>();
const socketKeys = new WeakMap<HocuspocusProviderWebsocket, string>();
const polyfillIds = new WeakMap<object, number>();
let polyfillCount = 0;

/** Sockets made with another WebSocket implementation (tests in Node) are not shared with the browser's. */
function keyOf(url: string, webSocket: typeof WebSocket | undefined): string {
  if (webSocket === undefined) return url;
  let id = polyfillIds.get(webSocket);
  if (id === undefined) {
    polyfillCount += 1;
    id = polyfillCount;
    polyfillIds.set(webSocket, id);
  }
  return `${url}\u0000${id}`;
}

export function acquireRelaySocket(url: string, webSocket?: typeof WebSocket): HocuspocusProviderWebsocket {
  const key = keyOf(url, webSocket);
  let shared = sockets.get(key);
  if (shared === undefined) {
    const socket = new HocuspocusProviderWebsocket({
      url,
      ...(webSocket === undefined ? {} : { WebSocketPolyfill: webSocket }),
      // Retry for ever, but no more often than every 30 s once the relay has been gone a while.
      delay: 1000,
      factor: 2,
      maxDelay: 30_000,
      maxAttempts: 0,
    });
    shared = { socket, users: 0 };
    sockets.set(key, shared);
    socketKeys.set(socket, key);
  }
  shared.users += 1;
  return shared.socket;
}

export function releaseRelaySocket(socket: HocuspocusProviderWebsocket): void {
  const key = socketKeys.get(socket);
  const shared = key === undefined ? undefined : sockets.get(key);
  if (key === undefined || shared === undefined) return;
  shared.users -= 1;
  if (shared.users === 0) {
    sockets.delete(key);
    socket.destroy();
  }
}

/** How many relay sockets are open (for tests: entries of one relay share one). */
export function openRelaySockets(): number {
  return sockets.size;
}
