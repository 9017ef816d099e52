import * as Y from 'yjs';
import type { SeededRandom } from './seededRandom';

/**
 * A network between peers' documents that behaves the way y-webrtc's mesh can, only worse, on
 * purpose. Every update a document emits (its own edits and, as y-webrtc relays, the updates it
 * received) is queued on each link to another peer. Links deliver their queue in random order,
 * sometimes twice, and only when the test says so (delay). A link can be cut: what it held and
 * what is sent while it is down is lost. When it comes back, both ends sync as y-webrtc peers do
 * on connect: each sends its state vector (sync step 1) and the other answers with what it
 * lacks (sync step 2), and those messages are subject to the same network.
 */
export type NetworkMessage =
  | { readonly kind: 'update'; readonly update: Uint8Array }
  | { readonly kind: 'sync-step-1'; readonly stateVector: Uint8Array };

interface Link {
  readonly from: number;
  readonly to: number;
  up: boolean;
  readonly queue: NetworkMessage[];
}

export interface NetworkStats {
  /** Messages put on a link that was up. */
  sent: number;
  delivered: number;
  /** Messages lost: queued on a link when it was cut, or sent while it was down. */
  dropped: number;
  /** Messages delivered a second (or further) time. */
  duplicated: number;
  /** Messages delivered before one queued earlier on the same link. */
  reordered: number;
  partitions: number;
}

/** The origin of updates this network applies: like y-webrtc's Room, anything but a local edit. */
export const NETWORK_ORIGIN = Symbol('simulated network');

export class SimulatedNetwork {
  readonly stats: NetworkStats = { sent: 0, delivered: 0, dropped: 0, duplicated: 0, reordered: 0, partitions: 0 };
  private readonly links: Link[] = [];
  private readonly stopListening: Array<() => void> = [];

  constructor(
    private readonly docs: readonly Y.Doc[],
    private readonly random: SeededRandom,
    private readonly duplicateChance = 0.08,
  ) {
    for (let from = 0; from < docs.length; from++) {
      for (let to = 0; to < docs.length; to++) {
        if (from !== to) this.links.push({ from, to, up: true, queue: [] });
      }
    }
    docs.forEach((doc, index) => {
      const onUpdate = (update: Uint8Array): void => this.broadcast(index, { kind: 'update', update });
      doc.on('update', onUpdate);
      this.stopListening.push(() => doc.off('update', onUpdate));
    });
  }

  get pending(): number {
    return this.links.reduce((sum, link) => sum + (link.up ? link.queue.length : 0), 0);
  }

  /** Delivers one queued message on a random link that is up; false when nothing is queued. */
  deliverOne(): boolean {
    const ready = this.links.filter((link) => link.up && link.queue.length > 0);
    if (ready.length === 0) return false;
    const link = this.random.pick(ready);
    const index = this.random.chance(0.5) ? 0 : this.random.int(link.queue.length);
    const message = link.queue[index] as NetworkMessage;
    if (index > 0) this.stats.reordered++;
    if (this.random.chance(this.duplicateChance)) this.stats.duplicated++;
    else link.queue.splice(index, 1);
    this.stats.delivered++;
    this.apply(link, message);
    return true;
  }

  /** Cuts the link between two peers, both ways. */
  cut(a: number, b: number): void {
    for (const link of this.linksBetween(a, b)) {
      if (!link.up) continue;
      link.up = false;
      this.stats.dropped += link.queue.length;
      link.queue.length = 0;
    }
    this.stats.partitions++;
  }

  /** Reconnects two peers; each sends the other its state vector, as y-webrtc does on connect. */
  heal(a: number, b: number): void {
    const links = this.linksBetween(a, b);
    if (links.every((link) => link.up)) return;
    for (const link of links) link.up = true;
    for (const link of links) this.send(link, { kind: 'sync-step-1', stateVector: Y.encodeStateVector(this.docOf(link.from)) });
  }

  isUp(a: number, b: number): boolean {
    return this.linksBetween(a, b).every((link) => link.up);
  }

  healAll(): void {
    for (let a = 0; a < this.docs.length; a++) for (let b = a + 1; b < this.docs.length; b++) this.heal(a, b);
  }

  destroy(): void {
    for (const stop of this.stopListening) stop();
  }

  private docOf(index: number): Y.Doc {
    return this.docs[index] as Y.Doc;
  }

  private linksBetween(a: number, b: number): Link[] {
    return this.links.filter((link) => (link.from === a && link.to === b) || (link.from === b && link.to === a));
  }

  /**
   * To every other peer, the sender of a relayed update included, as y-webrtc does: an update
   * emitted while another is applied may hold more than the relay (an observer's own change).
   */
  private broadcast(from: number, message: NetworkMessage): void {
    for (const link of this.links) {
      if (link.from === from) this.send(link, message);
    }
  }

  private send(link: Link, message: NetworkMessage): void {
    if (!link.up) {
      this.stats.dropped++;
      return;
    }
    this.stats.sent++;
    link.queue.push(message);
  }

  private apply(link: Link, message: NetworkMessage): void {
    const doc = this.docOf(link.to);
    if (message.kind === 'sync-step-1') {
      const back = this.links.find((other) => other.from === link.to && other.to === link.from) as Link;
      const missing = Y.encodeStateAsUpdate(doc, message.stateVector);
      // An empty update is 2 bytes: nothing to send.
      if (missing.byteLength > 2) this.send(back, { kind: 'update', update: missing });
      return;
    }
    Y.applyUpdate(doc, message.update, NETWORK_ORIGIN);
  }
}
