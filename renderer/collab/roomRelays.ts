import type * as Y from 'yjs';
import type { EntryShare } from '../../shared/library/entryRow';
import { readAccessOf } from '../../shared/sync/readRoom';
import { RelaySync, type RelaySyncState, type RelaySyncStatus } from './relaySync';

/** What a shared entry's relays need to know of it. */
export type RelayedRoom = Pick<EntryShare, 'room' | 'key' | 'relays' | 'verify' | 'write'>;

/** How an entry stands with its relays: worst first (one relay unreachable is said). */
export type RelayStanding = RelaySyncState | null;

/** Going to sleep, a room waits this long at most for what it sent its relays to arrive. */
const RELAY_FLUSH_MS = 10_000;

const RELAY_SEVERITY: Record<RelaySyncState, number> = { refused: 3, unreachable: 2, connecting: 1, 'in-step': 0 };

/**
 * One awake shared entry's syncs with its relays (one per relay its link names), for background
 * sync: started or replaced when the entry's relays change, and let go once what they were sent
 * has arrived, or after a bounded wait (what did not is appended the next time the entry wakes,
 * once it has caught up).
 */
export class RoomRelays {
  private syncs: RelaySync[] = [];
  private stopStatus: Array<() => void> = [];

  constructor(private readonly relayWebSocket: typeof WebSocket | undefined) {}

  /** Keeps `doc` in step with each relay `config` names; the syncs it had for others are let go. */
  follow(doc: Y.Doc, config: RelayedRoom, onStatus: (status: RelaySyncStatus) => void): void {
    const wanted = config.relays ?? [];
    const key = readAccessOf(config).key;
    const current = this.syncs.map((relay) => relay.options.url);
    const same = this.syncs.every((relay) => relay.options.key === key && (relay.options.write ?? undefined) === config.write);
    if (wanted.length === current.length && wanted.every((url, index) => url === current[index]) && same) return;
    // What the old syncs sent arrives before they go (a reset link's record reaches the old relay document).
    for (const old of this.stop()) void flushThenDestroy([old]);
    for (const url of wanted) {
      const relay = new RelaySync(doc, {
        url,
        // Relay documents are keyed by the key every link holder has (readers read them too).
        key,
        // Entries with read-only links: editors sign to append, readers only read.
        ...(config.verify ? { verify: config.verify, write: config.write ?? null } : {}),
        ...(this.relayWebSocket ? { WebSocket: this.relayWebSocket } : {}),
      });
      this.syncs.push(relay);
      this.stopStatus.push(relay.onStatus(onStatus));
    }
  }

  /** Stops listening to every relay and hands the syncs over, to flush and destroy. */
  stop(): RelaySync[] {
    for (const stop of this.stopStatus.splice(0)) stop();
    return this.syncs.splice(0);
  }

  /** The worst state among the relays; null without relays. */
  get standing(): RelayStanding {
    if (this.syncs.length === 0) return null;
    return this.syncs.map((relay) => relay.currentStatus.state).sort((a, b) => RELAY_SEVERITY[b] - RELAY_SEVERITY[a])[0] ?? null;
  }

  /** A relay is still bringing the entry in step (connecting, or not yet caught up). */
  get catchingUp(): boolean {
    return this.syncs.some((relay) => relay.currentStatus.state === 'connecting');
  }
}

/** Waits for what the syncs sent to arrive (at most RELAY_FLUSH_MS), then destroys them. */
export function flushThenDestroy(syncs: readonly RelaySync[]): Promise<void> {
  const flushed = Promise.all(syncs.map((relay) => relay.flush()));
  return Promise.race([flushed, new Promise((resolve) => setTimeout(resolve, RELAY_FLUSH_MS))]).then(
    () => syncs.forEach((relay) => relay.destroy()),
    () => syncs.forEach((relay) => relay.destroy()),
  );
}
