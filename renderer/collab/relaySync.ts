import { Emitter } from '../../shared/events/emitter';
import { HocuspocusProvider, WebSocketStatus, type HocuspocusProviderWebsocket, type onStatusParameters } from '@hocuspocus/provider';
import * as Y from 'yjs';
import { DOC_ORIGINS } from '../../shared/doc/docOrigins';
import { describeError } from '../../shared/errors/describeError';
import type { RelayCrypto } from '../../shared/relay/relayCrypto';
import { relayBlobs } from '../../shared/relay/relayDocument';
import {
  createRelayAuthor,
  RelayEnvelopeError,
  RelayEnvelopeOpener,
  sealRelayEnvelope,
  type RelayBlobKind,
} from '../../shared/relay/relayEnvelope';
import { encodeBase64url } from '../../shared/encoding/base64url';
import { deriveRelayKeys, relayWriteMessage, type RelayKeys } from '../../shared/relay/relayKeys';
import { DEFAULT_RELAY_COMPACTION, isCompactionDue, pushBlob, replaceCoveredBlobs, type RelayCompactionPolicy } from './relayLogCompaction';
import { signWithWriteKey } from './writeKeys';
import { acquireRelaySocket, releaseRelaySocket } from './relayConnections';

/** The origin of every change this module applies to an entry's document. */
export const RELAY_ORIGIN = DOC_ORIGINS.relay;

function reportFailure(error: unknown): void {
  console.warn('[relay sync]', describeError(error));
}

/** The origin of this client's own writes to its copy of the relay document. */
const OWN_APPEND = Symbol('relay sync: own append');

export type RelaySyncState = 'connecting' | 'in-step' | 'unreachable' | 'refused';

export interface RelaySyncStatus {
  /**
   * `in-step`: everything this device has is on the relay and everything the relay has is in
   * the entry. `unreachable`: the relay could not be reached (retried with back-off).
   * `refused`: the relay refused this link's capability. `connecting` otherwise.
   */
  readonly state: RelaySyncState;
  /** Blobs on the relay that could not be used (tampered, replayed, malformed), skipped. */
  readonly refusedBlobs: number;
  /** When a change from the relay was last applied, or the entry last became in step. */
  readonly lastSyncedAt: number | null;
}

export interface RelaySyncOptions {
  /** ws:// or wss:// address of the relay (the invite link's `relay`). */
  readonly url: string;
  /** The entry's key, exactly as in the invite link (its read key, for an entry with read-only links). */
  readonly key: string;
  /** For an entry with read-only links: its public write key, which names its relay document. */
  readonly verify?: string;
  /**
   * For an entry with read-only links: the write key when this device may edit (it signs the
   * relay document's name to append), or null for a reader, which only reads and appends nothing.
   */
  readonly write?: string | null;
  readonly crypto?: RelayCrypto;
  /** A WebSocket implementation where the platform has none that fits (Node: `ws`). */
  readonly WebSocket?: typeof WebSocket;
  readonly compaction?: Partial<RelayCompactionPolicy>;
  /** Local changes within this many milliseconds travel as one blob (default 100). */
  readonly batchMs?: number;
  readonly now?: () => number;
}

/**
 * Keeps one entry's document in step with one relay (docs/FORMAT.md, "The relay"): every change
 * made here (whatever its origin but this module's) is encrypted and appended to the entry's
 * relay document; every blob others appended is decrypted and applied once, with the origin
 * RELAY_ORIGIN. When the log grows past the compaction policy, this device appends an encrypted
 * snapshot of the whole entry and deletes the blobs it has applied, so the relay's storage
 * stays proportional to the entry. Two devices compacting at once both keep everything: each
 * deletes only blobs whose content is in its own snapshot.
 *
 * Entries of one relay share one WebSocket. Changes that have not reached the relay when the
 * sync is destroyed are not lost: the next RelaySync of the entry appends whatever the relay
 * lacks once it has caught up. Call `flush()` before `destroy()` to send them now.
 */
export class RelaySync {
  private readonly crypto: RelayCrypto;
  private readonly compaction: RelayCompactionPolicy;
  private readonly batchMs: number;
  private readonly now: () => number;
  /** This client's copy of the relay document: blobs only. */
  private readonly relayDoc = new Y.Doc();
  /** What the relay holds, decrypted: the entry's state as far as the relay knows it. */
  private readonly mirror = new Y.Doc();
  private readonly author: Uint8Array;
  private counter = 0;
  /** Blobs whose content is in the entry (applied, appended from here, or unusable): a compaction may delete them. */
  private readonly processed = new WeakSet<Uint8Array>();
  private keys: RelayKeys | null = null;
  private writeCapability: string | null = null;
  private opener: RelayEnvelopeOpener | null = null;
  private socket: HocuspocusProviderWebsocket | null = null;
  private provider: HocuspocusProvider | null = null;
  private caughtUp = false;
  private destroyed = false;
  private compacting = false;
  private batch: Uint8Array[] = [];
  private batchTimer: ReturnType<typeof setTimeout> | null = null;
  private pending = 0;
  private remoteWork: Promise<void> = Promise.resolve();
  private appends: Promise<void> = Promise.resolve();
  private connected = false;
  private failedSinceConnected = false;
  private refusedByRelay = false;
  private status: RelaySyncStatus = { state: 'connecting', refusedBlobs: 0, lastSyncedAt: null };
  private readonly listeners = new Emitter<RelaySyncStatus>();

  constructor(
    private readonly doc: Y.Doc,
    readonly options: RelaySyncOptions,
  ) {
    this.crypto = options.crypto ?? globalThis.crypto;
    this.compaction = { ...DEFAULT_RELAY_COMPACTION, ...options.compaction };
    this.batchMs = options.batchMs ?? 100;
    this.now = options.now ?? Date.now;
    this.author = createRelayAuthor(this.crypto);
    relayBlobs(this.relayDoc).observe(this.onBlobs);
    doc.on('update', this.onLocalUpdate);
    this.track(
      deriveRelayKeys(options.key, this.crypto, options.verify).then(async (keys) => {
        const { verify, write } = options;
        this.writeCapability = verify && write ? encodeBase64url(await signWithWriteKey({ verify, write }, relayWriteMessage(keys.documentName))) : null;
        this.connect(keys);
      }),
    );
  }

  get currentStatus(): RelaySyncStatus {
    return this.status;
  }

  onStatus(listener: (status: RelaySyncStatus) => void): () => void {
    return this.listeners.event(listener);
  }

  /** Resolves the next time the entry is in step with the relay. */
  whenInStep(): Promise<void> {
    if (this.status.state === 'in-step') return Promise.resolve();
    return new Promise((resolve) => {
      const stop = this.onStatus((status) => {
        if (status.state === 'in-step') {
          stop();
          resolve();
        }
      });
    });
  }

  /** Sends the changes waiting for their batch now, and resolves once the relay has everything. */
  async flush(): Promise<void> {
    this.sendBatch();
    await this.whenInStep();
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    if (this.batchTimer !== null) clearTimeout(this.batchTimer);
    this.doc.off('update', this.onLocalUpdate);
    relayBlobs(this.relayDoc).unobserve(this.onBlobs);
    this.socket?.off('status', this.onSocketStatus);
    this.provider?.destroy();
    if (this.socket !== null) releaseRelaySocket(this.socket);
    this.relayDoc.destroy();
    this.mirror.destroy();
    this.listeners.dispose();
  }

  private connect(keys: RelayKeys): void {
    if (this.destroyed) return;
    this.keys = keys;
    this.opener = new RelayEnvelopeOpener(this.crypto, keys);
    this.socket = acquireRelaySocket(this.options.url, this.options.WebSocket);
    this.connected = this.socket.status === WebSocketStatus.Connected;
    this.socket.on('status', this.onSocketStatus);
    this.provider = new HocuspocusProvider({
      websocketProvider: this.socket,
      name: keys.documentName,
      // Two syncs of one entry may share a socket (a device re-opening an entry while the old
      // sync is closing, tests with two colleagues in one process): Hocuspocus 4 keeps them apart.
      sessionAwareness: true,
      document: this.relayDoc,
      token: this.writeCapability ? `${keys.capability}.${this.writeCapability}` : keys.capability,
      // Presence would be plaintext on the relay; the relay refuses it.
      awareness: null,
      // Without presence a quiet socket carries nothing; a periodic sync keeps it (and the
      // relay's idle timeout) alive and repairs anything a dropped message lost.
      forceSyncInterval: 20_000,
      onSynced: this.onSynced,
      onUnsyncedChanges: () => this.settle(),
      onAuthenticationFailed: () => {
        this.refusedByRelay = true;
        this.settle();
      },
      onAuthenticated: () => {
        this.refusedByRelay = false;
        this.settle();
      },
    });
    this.provider.attach();
  }

  private readonly onSocketStatus = ({ status }: onStatusParameters): void => {
    if (status === WebSocketStatus.Connected) {
      this.connected = true;
      this.failedSinceConnected = false;
    } else if (status === WebSocketStatus.Disconnected) {
      this.connected = false;
      this.failedSinceConnected = true;
    }
    this.settle();
  };

  private readonly onSynced = (): void => {
    if (this.caughtUp || this.destroyed) {
      this.settle();
      return;
    }
    this.track(
      this.remoteWork.then(() => {
        if (this.destroyed || this.caughtUp) return;
        // Everything on the relay is applied: append what this device has and the relay lacks
        // (changes made offline, or before the relay was set up), then go live.
        const missing = Y.encodeStateAsUpdate(this.doc, Y.encodeStateVector(this.mirror));
        this.caughtUp = true;
        if (this.changesMirror(missing)) this.append('update', missing);
        this.track(this.compactIfDue());
      }),
    );
  };

  /** Applies `update` to the mirror; true if the relay did not already have all of it. */
  private changesMirror(update: Uint8Array): boolean {
    let changed = false;
    const mark = (): void => {
      changed = true;
    };
    this.mirror.on('update', mark);
    Y.applyUpdate(this.mirror, update);
    this.mirror.off('update', mark);
    return changed;
  }

  private readonly onLocalUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === RELAY_ORIGIN || !this.caughtUp || this.destroyed) return;
    Y.applyUpdate(this.mirror, update);
    this.batch.push(update);
    if (this.batchTimer === null) {
      this.pending += 1;
      this.batchTimer = setTimeout(() => this.sendBatch(), this.batchMs);
      this.settle();
    }
  };

  private sendBatch(): void {
    if (this.batchTimer === null) return;
    clearTimeout(this.batchTimer);
    this.batchTimer = null;
    this.pending -= 1;
    const updates = this.batch;
    this.batch = [];
    if (!this.destroyed && updates.length > 0) this.append('update', updates.length === 1 ? (updates[0] as Uint8Array) : Y.mergeUpdates(updates));
    this.settle();
  }

  /** Encrypts and appends, in order. */
  private append(kind: RelayBlobKind, plaintext: Uint8Array): void {
    // A reader appends nothing: the relay would refuse it, and its peers' changes reach the
    // relay through its editors.
    if (this.options.write === null) return;
    const counter = this.counter++;
    this.appends = this.appends.then(async () => {
      const keys = this.keys;
      if (keys === null || this.destroyed) return;
      const blob = await sealRelayEnvelope(this.crypto, keys, { kind, author: this.author, counter }, plaintext);
      if (this.destroyed) return;
      this.relayDoc.transact(() => this.processed.add(pushBlob(relayBlobs(this.relayDoc), blob)), OWN_APPEND);
      this.track(this.compactIfDue());
    });
    // One failed append (a blob over the size limit) must not stop the ones after it.
    this.appends = this.appends.catch(reportFailure);
    this.track(this.appends);
  }

  private readonly onBlobs = (event: Y.YArrayEvent<Uint8Array>, transaction: Y.Transaction): void => {
    if (transaction.origin === OWN_APPEND) return;
    for (const change of event.changes.delta) {
      for (const blob of change.insert ?? []) {
        if (blob instanceof Uint8Array) this.receive(blob);
      }
    }
  };

  private receive(blob: Uint8Array): void {
    this.remoteWork = this.remoteWork.then(async () => {
      const opener = this.opener;
      if (opener === null || this.destroyed) return;
      try {
        const { plaintext } = await opener.open(blob);
        if (this.destroyed) return;
        Y.applyUpdate(this.mirror, plaintext);
        Y.applyUpdate(this.doc, plaintext, RELAY_ORIGIN);
        this.status = { ...this.status, lastSyncedAt: this.now() };
      } catch (error) {
        // A blob that does not open (or is not a Yjs update) is skipped, never applied in part.
        const problem = error instanceof RelayEnvelopeError ? error.problem : 'not a Yjs update';
        console.warn(`[relay sync] skipped a blob: ${problem}`);
        this.status = { ...this.status, refusedBlobs: this.status.refusedBlobs + 1 };
      } finally {
        this.processed.add(blob);
      }
    });
    this.remoteWork = this.remoteWork.catch(reportFailure);
    this.track(this.remoteWork);
  }

  private async compactIfDue(): Promise<void> {
    if (this.compacting || this.destroyed || !this.caughtUp || !isCompactionDue(relayBlobs(this.relayDoc).toArray(), this.compaction)) return;
    this.compacting = true;
    try {
      await this.remoteWork;
      const store = this.doc.store;
      // Content waiting for a missing dependency is not in a snapshot: its blob must stay.
      if (this.destroyed || store.pendingStructs !== null || store.pendingDs !== null) return;
      const covered = new Set(relayBlobs(this.relayDoc).toArray().filter((blob) => this.processed.has(blob)));
      if (covered.size < 2) return;
      const keys = this.keys;
      if (keys === null) return;
      const snapshot = await sealRelayEnvelope(
        this.crypto,
        keys,
        { kind: 'snapshot', author: this.author, counter: this.counter++ },
        Y.encodeStateAsUpdate(this.doc),
      );
      if (this.destroyed) return;
      this.relayDoc.transact(() => this.processed.add(replaceCoveredBlobs(relayBlobs(this.relayDoc), snapshot, covered)), OWN_APPEND);
    } finally {
      this.compacting = false;
      this.settle();
    }
  }

  /** Counts `work` as pending until it ends, so the status is `in-step` only when nothing is. */
  private track(work: Promise<void>): void {
    this.pending += 1;
    void work.catch(reportFailure).finally(() => {
      this.pending -= 1;
      this.settle();
    });
    this.settle();
  }

  private settle(): void {
    if (this.destroyed) return;
    const provider = this.provider;
    let state: RelaySyncState;
    if (this.refusedByRelay) state = 'refused';
    else if (!this.connected && this.failedSinceConnected) state = 'unreachable';
    else if (provider !== null && this.caughtUp && provider.isSynced && !provider.hasUnsyncedChanges && this.pending === 0) state = 'in-step';
    else state = 'connecting';
    const lastSyncedAt = state === 'in-step' && this.status.state !== 'in-step' ? this.now() : this.status.lastSyncedAt;
    if (state === this.status.state && lastSyncedAt === this.status.lastSyncedAt) return;
    this.status = { ...this.status, state, lastSyncedAt };
    this.listeners.fire(this.status);
  }
}
