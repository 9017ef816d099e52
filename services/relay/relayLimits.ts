import { MAX_RELAY_BLOB_BYTES } from '../../shared/relay/relayEnvelope';

/**
 * What one relay tolerates from its clients. Every client holds the entry's key, but a key can
 * leak, and the relay's disk and memory are shared by every team that uses it: these bound
 * what one connection can make it store or send.
 */
export interface RelayLimits {
  /** Largest blob (envelope) a client may append. */
  readonly maxBlobBytes: number;
  /** Blobs one update may append. */
  readonly maxBlobsPerUpdate: number;
  /** Token bucket per connection: this many blobs per window; beyond, the document's connection is closed with 1008. */
  readonly blobRateLimit: number;
  readonly blobRateWindowMs: number;
  /** Relay documents one connection may hold open (one per shared entry it syncs). */
  readonly maxDocumentsPerConnection: number;
  /** Open WebSocket connections; the next one is refused (HTTP 503). */
  readonly maxConnections: number;
}

export const DEFAULT_RELAY_LIMITS: RelayLimits = {
  maxBlobBytes: MAX_RELAY_BLOB_BYTES,
  maxBlobsPerUpdate: 256,
  // A person types a few updates a second; a returning peer may append one per changed entry.
  blobRateLimit: 600,
  blobRateWindowMs: 60_000,
  maxDocumentsPerConnection: 1000,
  maxConnections: 5000,
};

/** Fills in defaults and refuses nonsense at start-up rather than serving with a limit of 0. */
export function resolveRelayLimits(overrides: Partial<RelayLimits> = {}): RelayLimits {
  const limits: RelayLimits = { ...DEFAULT_RELAY_LIMITS, ...overrides };
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isSafeInteger(value) || value <= 0) {
      throw new RangeError(`relay limit ${name} must be a positive integer, got ${String(value)}`);
    }
  }
  if (limits.maxBlobBytes > MAX_RELAY_BLOB_BYTES) {
    throw new RangeError(`relay limit maxBlobBytes cannot exceed the envelope's ${MAX_RELAY_BLOB_BYTES}`);
  }
  return limits;
}
