/**
 * What one signaling server tolerates from its clients. The server only relays y-webrtc's
 * connection offers (a few KB each, encrypted with the room password), so every limit sits far
 * above what an honest peer sends and low enough that a hostile one cannot exhaust the host.
 */
export interface SignalingLimits {
  /** Larger messages close the connection with 1009 (Message Too Big). */
  readonly maxMessageBytes: number;
  /** Topics a connection may be subscribed to at once; further topics are ignored. */
  readonly maxTopicsPerConnection: number;
  /** Longer topics are ignored. y-webrtc room names are far shorter. */
  readonly maxTopicLength: number;
  /** Open connections; the next one is closed with 1013 (Try Again Later). */
  readonly maxConnections: number;
  /**
   * Open connections from one IP address; the next one from it is closed with 1013. A y-webrtc
   * client opens one connection per signaling server per window, so one machine needs a handful;
   * without this cap one host could take every slot of maxConnections and lock its neighbours
   * out. Behind a reverse proxy every client has the proxy's address: raise it there.
   */
  readonly maxConnectionsPerAddress: number;
  /** The server pings this often; a connection that has not answered the previous ping is dropped. */
  readonly pingIntervalMs: number;
  /** Token bucket: a connection may send this many messages per window; beyond, it is closed with 1008. */
  readonly rateLimitMessages: number;
  readonly rateLimitWindowMs: number;
  /** Bytes queued for a client that does not read; beyond, it is dropped instead of growing memory. */
  readonly maxBufferedBytes: number;
}

export const DEFAULT_SIGNALING_LIMITS: SignalingLimits = {
  maxMessageBytes: 64 * 1024,
  maxTopicsPerConnection: 100,
  maxTopicLength: 512,
  maxConnections: 1000,
  maxConnectionsPerAddress: 32,
  // y-webrtc's own server pings every 30 s too.
  pingIntervalMs: 30_000,
  // A device keeping its shared entries in step in the background connects up to 8 rooms at a
  // time, each costing a subscribe, an announce and a few offers and candidates per peer: bursts of
  // a few hundred messages are honest, a sustained flood is not.
  rateLimitMessages: 1000,
  rateLimitWindowMs: 10_000,
  maxBufferedBytes: 1024 * 1024,
};

/**
 * Fills in defaults and refuses nonsense: a zero or fractional limit would silently turn the
 * server off (or make every client a violator), so it fails at start-up instead.
 */
export function resolveSignalingLimits(overrides: Partial<SignalingLimits> = {}): SignalingLimits {
  const limits: SignalingLimits = { ...DEFAULT_SIGNALING_LIMITS, ...overrides };
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isSafeInteger(value) || value <= 0) {
      throw new RangeError(`signaling limit ${name} must be a positive integer, got ${String(value)}`);
    }
  }
  return limits;
}
