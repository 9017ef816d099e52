import { randomBytes } from 'node:crypto';
import * as wrtc from '@roamhq/wrtc';
import { afterEach, beforeAll, afterAll, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { startSignalingServer, type RunningSignalingServer } from '../../services/signaling/signalingServer';
import { PEER_PUSH_LIMITS, PeerMessageRefusal, PeerPushBudget, checkPeerMessage, peerPushBudgetFor } from '../../renderer/collab/peerMessageCheck';
import { PeerSync } from '../../renderer/collab/peerSync';
import { getEntryTitle, initEntryDoc, setEntryTitle } from '../../shared/entry/entryDoc';
import { createShareSecrets } from '../../shared/invite/inviteLink';
import { joinRoomAsGoodPeer, type RawRoomPeer, type RawSession } from './support/rawRoomPeer';
import * as encoding from 'lib0/encoding';

/**
 * A colleague's link in the wrong hands: a stock Yjs client (Yjs and y-protocols' own sync
 * messages over a real WebRTC data channel, tests/attack/support/rawRoomPeer.ts) pushes into a
 * shared entry faster and larger than any person writes. Ana's device (the app's PeerSync over
 * @roamhq/wrtc) takes what fits the entry's limits (PEER_PUSH_LIMITS, docs/FORMAT.md), refuses
 * the rest with a typed reason and drops the peer; Ben, an honest colleague, goes on syncing.
 */

let server: RunningSignalingServer;
const dropReasons: string[] = [];
const cleanups: Array<() => unknown> = [];

beforeAll(async () => {
  vi.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => void dropReasons.push(args.map(String).join(' ')));
  Object.assign(globalThis, { WebSocket });
  server = await startSignalingServer({ host: '127.0.0.1', port: 0 });
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  dropReasons.length = 0;
});

afterAll(async () => {
  await server?.close();
  vi.restoreAllMocks();
});

async function eventually(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

interface SharedEntry {
  readonly room: string;
  readonly ana: { doc: Y.Doc; sync: PeerSync };
  readonly benDoc: Y.Doc;
  join(doc: Y.Doc): Promise<RawRoomPeer>;
}

/** Ana shares an entry; Ben, a stock client that behaves, has joined it. */
async function sharedEntry(): Promise<SharedEntry> {
  const link = createShareSecrets((length) => randomBytes(length));
  const doc = new Y.Doc();
  initEntryDoc(doc, { kind: 'lesson', createdAt: Date.UTC(2025, 4, 1), title: 'Limits' });
  const sync = new PeerSync(doc, new Awareness(doc), { ...link, signaling: [server.url], iceServers: [] }, Date.now, wrtc);
  cleanups.push(() => sync.destroy());
  const join = async (peerDoc: Y.Doc): Promise<RawRoomPeer> => {
    const peer = await joinRoomAsGoodPeer({ signalingUrl: server.url, ...link }, peerDoc);
    cleanups.push(() => peer.close());
    await peer.announce();
    await eventually(() => getEntryTitle(peerDoc) === getEntryTitle(doc), 'the peer has Ana’s entry');
    return peer;
  };
  const benDoc = new Y.Doc();
  await join(benDoc);
  return { room: link.room, ana: { doc, sync }, benDoc, join };
}

/** Eve, the stock client holding the link, joins; her connection to Ana. */
async function eveJoins(entry: SharedEntry): Promise<{ eveDoc: Y.Doc; session: RawSession }> {
  const eveDoc = new Y.Doc();
  const session = (await entry.join(eveDoc)).sessions[0];
  if (!session) throw new Error('Eve has no connection');
  return { eveDoc, session };
}

/** Ben still co-edits with Ana, once the entry's budget has room again. */
async function benStillSyncs(entry: SharedEntry, mark: string): Promise<void> {
  await eventually(() => peerPushBudgetFor(entry.room).refilled, 'the entry’s budget has refilled', 30_000);
  setEntryTitle(entry.benDoc, `${getEntryTitle(entry.benDoc)} ${mark}`);
  await eventually(() => getEntryTitle(entry.ana.doc).endsWith(mark), 'Ben’s edit reaches Ana');
}

describe('what a peer holding the link can push into a shared entry', () => {
  it('a flood of small updates: the peer is dropped past the rate, and the entry holds no more than the limit allows', async () => {
    const entry = await sharedEntry();
    const { eveDoc, session } = await eveJoins(entry);
    const junk = eveDoc.getMap<number>('junk');
    const startedAt = performance.now();
    // One transaction, so one update message, each.
    for (let n = 0; n < 2_000 && !session.isClosed(); n++) junk.set(`k${n}`, n);
    await eventually(() => session.isClosed(), 'Ana drops Eve');
    const seconds = (performance.now() - startedAt) / 1000;

    const arrived = entry.ana.doc.getMap('junk').size;
    // Control: Eve's updates did reach Ana until she was dropped.
    expect(arrived).toBeGreaterThan(0);
    expect(arrived).toBeLessThanOrEqual(PEER_PUSH_LIMITS.updateBurst + PEER_PUSH_LIMITS.updatesPerSecond * seconds);
    expect(arrived).toBeLessThan(2_000);
    expect(dropReasons.join('\n')).toContain(`more than ${PEER_PUSH_LIMITS.updatesPerSecond} updates a second`);
    await eventually(() => entry.ana.sync.currentStatus.peers === 1, 'Ana counts only Ben');
    await benStillSyncs(entry, 'after the flood');
  });

  it('a peer growing the entry by megabytes: dropped past the growth allowed a minute', async () => {
    const entry = await sharedEntry();
    const { eveDoc, session } = await eveJoins(entry);
    const megabyte = 1024 * 1024;
    const blobs = eveDoc.getMap<Uint8Array>('blobs');
    const startedAt = performance.now();
    let sent = 0;
    while (!session.isClosed() && sent < 64) {
      blobs.set(`b${sent++}`, new Uint8Array(megabyte).fill(sent));
      // Let the data channel drain, as a client that wants its bytes to arrive does.
      await eventually(() => session.isClosed() || entry.ana.doc.getMap('blobs').size >= sent, 'Ana received the megabyte');
    }
    const minutes = (performance.now() - startedAt) / 60_000;
    const arrivedBytes = entry.ana.doc.getMap('blobs').size * megabyte;
    expect(session.isClosed()).toBe(true);
    expect(arrivedBytes).toBeGreaterThan(0);
    expect(arrivedBytes).toBeLessThanOrEqual(PEER_PUSH_LIMITS.byteBurst + PEER_PUSH_LIMITS.bytesPerMinute * minutes);
    expect(dropReasons.join('\n')).toContain('bytes a minute of updates into this entry');
    await eventually(() => entry.ana.sync.currentStatus.peers === 1, 'Ana counts only Ben');
  }, 60_000);
});

describe('the limits, counted', () => {
  function updateMessage(byteLength: number): Uint8Array {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    encoding.writeVarUint(encoder, 2);
    encoding.writeVarUint8Array(encoder, new Uint8Array(byteLength));
    return encoding.toUint8Array(encoder);
  }

  it('refuses each excess with its typed reason, and allows again once the time has passed', () => {
    let now = 0;
    const limits = { maxUpdateBytes: 1000, updatesPerSecond: 10, updateBurst: 20, bytesPerMinute: 6000, byteBurst: 3000 };
    const budget = new PeerPushBudget(limits, () => now);
    const check = (message: Uint8Array): PeerMessageRefusal | null => checkPeerMessage(message, { localClientId: 1, localClock: () => 0, budget });

    expect(check(updateMessage(1001))?.reason).toBe('update-too-large');
    for (let n = 0; n < 20; n++) expect(check(updateMessage(1))).toBeNull();
    expect(check(updateMessage(1))?.reason).toBe('too-many-updates');
    now += 1000;
    for (let n = 0; n < 3; n++) expect(check(updateMessage(1000))).toBeNull();
    expect(check(updateMessage(1000))?.reason).toBe('too-much-growth');
    // A state vector (sync step 1) carries no content and is not counted.
    for (let n = 0; n < 100; n++) expect(check(new Uint8Array([0, 0, 1, 0]))).toBeNull();
    now += 10_000;
    expect(check(updateMessage(1000))).toBeNull();
    const refusal = check(updateMessage(1001));
    expect(refusal).toBeInstanceOf(PeerMessageRefusal);
    expect(refusal?.message).toContain('1001 bytes');
  });
});
