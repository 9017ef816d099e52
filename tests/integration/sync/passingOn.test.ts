import { randomBytes } from 'node:crypto';
import * as wrtc from '@roamhq/wrtc';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { Awareness } from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { startSignalingServer, type RunningSignalingServer } from '../../../services/signaling/signalingServer';
import { Y_WEBRTC_MESSAGE } from '../../../renderer/collab/peerMessageCheck';
import { PeerSync } from '../../../renderer/collab/peerSync';
import { createShareSecrets } from '../../../shared/invite/inviteLink';
import { joinRoomAsRawPeer, type RawRoomPeer, type RawSession } from '../../attack/support/rawRoomPeer';

/**
 * What Ana's device passes on of a change it receives (y-webrtc's `relayLater`, which Peerbook's
 * rooms turn on; docs/DECISIONS.md, "y-webrtc carries a patch too"). Ana's entry is in the app's
 * PeerSync, in this process; Rex and Sam are peers written from the wire protocol up
 * (rawRoomPeer.ts), each connected to Ana alone, so whatever one of them hears of the other it
 * hears through Ana. Each records the changes Ana sends it.
 */

interface Listener {
  readonly peer: RawRoomPeer;
  readonly session: RawSession;
  /** Every change Ana has sent this peer, as Yjs updates. */
  readonly heard: Uint8Array[];
}

let server: RunningSignalingServer;
let ana: { doc: Y.Doc; sync: PeerSync };
let rex: Listener;
let sam: Listener;

async function eventually(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function listen(link: { room: string; key: string }): Promise<Listener> {
  const heard: Uint8Array[] = [];
  const peer = await joinRoomAsRawPeer({
    signalingUrl: server.url,
    ...link,
    onMessage: (message) => {
      const decoder = decoding.createDecoder(message);
      if (decoding.readVarUint(decoder) !== Y_WEBRTC_MESSAGE.sync) return;
      const kind = decoding.readVarUint(decoder);
      if (kind === syncProtocol.messageYjsUpdate || kind === syncProtocol.messageYjsSyncStep2) heard.push(decoding.readVarUint8Array(decoder));
    },
  });
  return { peer, session: await peer.announce(), heard };
}

function send(listener: Listener, update: Uint8Array): void {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, Y_WEBRTC_MESSAGE.sync);
  syncProtocol.writeUpdate(encoder, update);
  listener.session.send(encoding.toUint8Array(encoder));
}

/** The writer's changes since `before`, as one update. */
function write(doc: Y.Doc, text: string): Uint8Array {
  const before = Y.encodeStateVector(doc);
  doc.getText('notes').insert(doc.getText('notes').length, text);
  return Y.encodeStateAsUpdate(doc, before);
}

/** Whether any change the listener heard carries something written by `writer`. */
function heardFrom(listener: Listener, writer: Y.Doc): boolean {
  return listener.heard.some((update) => Y.decodeUpdate(update).structs.some((struct) => struct.id.client === writer.clientID));
}

beforeAll(async () => {
  // y-webrtc's signaling client uses the global WebSocket: pinned to ws's, as in the other Node peers.
  Object.assign(globalThis, { WebSocket });
  server = await startSignalingServer({ host: '127.0.0.1', port: 0 });
  const link = createShareSecrets((length) => randomBytes(length));
  const doc = new Y.Doc();
  ana = { doc, sync: new PeerSync(doc, new Awareness(doc), { ...link, signaling: [server.url], iceServers: [] }, Date.now, wrtc) };
  rex = await listen(link);
  sam = await listen(link);
  await eventually(() => ana.sync.currentStatus.peers === 2, 'Ana is connected to Rex and Sam');
}, 30_000);

afterAll(async () => {
  ana?.sync.destroy();
  await Promise.all([rex?.peer.close(), sam?.peer.close()]);
  await server?.close();
});

describe("a change Ana's device receives", () => {
  it('is passed on to the other peers, and not back to the one it came from', async () => {
    const rexsDoc = new Y.Doc();
    send(rex, write(rexsDoc, 'Rex: the rollback took 4 minutes. '));
    await eventually(() => ana.doc.getText('notes').toString().includes('Rex:'), 'Ana has Rex’s change');
    await eventually(() => heardFrom(sam, rexsDoc), 'Sam has heard Rex’s change, through Ana');

    // Ana's own next change reaches Rex on the same ordered channel, after anything Ana had sent
    // him before it: had his change been sent back, it would be here by then.
    const anasDoc = ana.doc;
    ana.doc.getText('notes').insert(0, 'Ana: ');
    await eventually(() => heardFrom(rex, anasDoc), 'Rex has heard Ana’s own change');
    expect(heardFrom(rex, rexsDoc)).toBe(false);
  });

  it('that completes one held back for a missing part is passed on whole, to the peer it came from too', async () => {
    // Cal, who is in touch with neither of Ana's devices, wrote two changes, the second after the
    // first. Sam has only the second, Rex only the first.
    const calsDoc = new Y.Doc();
    const first = write(calsDoc, 'Cal: check the pager rota. ');
    const second = write(calsDoc, 'Cal: and the runbook link.');
    send(sam, second);
    // Ana holds Sam's change until its first part arrives, and passes nothing on meanwhile.
    await eventually(() => ana.doc.store.pendingStructs !== null, 'Ana holds Cal’s second change');
    send(rex, first);
    await eventually(() => ana.doc.getText('notes').toString().includes('runbook'), 'Ana has both of Cal’s changes');

    // Rex never had the second change: it reaches him, in what Ana passes on of his message.
    const heardCal = (listener: Listener): string => {
      const seen = new Y.Doc();
      for (const update of listener.heard) Y.applyUpdate(seen, update);
      return seen.getText('notes').toString();
    };
    await eventually(() => heardCal(rex).includes('runbook'), 'Rex has heard Cal’s second change, through Ana');
    await eventually(() => heardCal(sam).includes('pager rota'), 'Sam has heard Cal’s first change, through Ana');
  });
});
