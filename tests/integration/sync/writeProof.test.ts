import { describe, expect, it } from 'vitest';
import { createWriteKeys } from '../../../renderer/collab/writeKeys';
import { PROOF_TIMEOUT_MS } from '../../../renderer/collab/writeGate';
import { deriveReadKey, deriveReadRoom } from '../../../shared/sync/readRoom';
import { usePeerTestbed, type Peer } from '../support/peerHarness';
import type { PeerSnapshot } from '../support/peerProcess';

// Read-only links, enforced by the peers (docs/FORMAT.md, "Read-only links"). Each peer is a
// separate Node process talking WebRTC through Peerbook's signaling server on loopback:
//   Wendy   Peerbook, invite link (may edit)          Vera  Peerbook, read-only link
//   Sam     stock y-webrtc, invite link               Rex   stock y-webrtc, read-only link
//   Mallory read-only link, replays the proofs it hears as its own (peerProcess.ts, 'replay')
const testbed = usePeerTestbed();

const sleep = (millis: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, millis));

async function connectedTo(peer: Peer, count: number): Promise<void> {
  await peer.waitFor((seen) => seen.peers >= count, `${peer.name} is connected to ${count} peer(s)`);
}

const hasNoneOf = (seen: PeerSnapshot, words: readonly string[]): boolean => words.every((word) => !seen.title.includes(word));

describe('read-only links, with Node peers', () => {
  it('changes reach the entry only from those who may edit; a replayed proof and a stock reader change nothing', async () => {
    const [wendy, vera, mallory, rex, sam] = await testbed.start('Wendy', 'Vera', 'Mallory', 'Rex', 'Sam');
    const link = testbed.invite();
    const keys = await createWriteKeys();
    const editor = { ...link, verify: keys.verify, write: keys.write };
    const reader = { ...link, room: deriveReadRoom(link.room), key: deriveReadKey(link.key), verify: keys.verify };

    await wendy.createEntry('checklist', 'Deploy checklist');
    // One after another (see joinInTurn on glare). Wendy is in the entry's room, with Sam, and
    // in its read room, with the readers, who meet each other there too.
    await wendy.connect(editor);
    await sleep(300);
    await vera.connect(reader);
    await connectedTo(vera, 1);
    await mallory.connect({ ...reader, transport: 'replay' });
    await connectedTo(mallory, 2);
    await rex.connect({ ...reader, transport: 'raw' });
    await connectedTo(rex, 3);
    await sam.connect({ ...link, transport: 'raw' });
    await connectedTo(sam, 1);
    await connectedTo(wendy, 4);

    for (const peer of [vera, mallory, rex, sam]) {
      await peer.waitFor((seen) => seen.title === 'Deploy checklist', `${peer.name} shows Wendy’s entry`);
    }
    // Mallory has passed Wendy's proofs on as its own, to Vera (who challenged it) and back to Wendy.
    await mallory.waitFor((seen) => seen.proofsReplayed > 0, 'Mallory has replayed a proof');

    // Everyone writes into the title: the readers first.
    await mallory.insertIntoTitle('start', 'HIJACKED ');
    await rex.insertIntoTitle('start', 'REX ');
    await sam.insertIntoTitle('end', ' (checked by Sam)');
    // Wendy adds hers once she shows Sam's: two inserts at the same place at the same time are
    // ordered by the writers' Yjs client ids, not by who wrote first, and the title below is the
    // one written in turn.
    await wendy.waitFor((seen) => seen.title.includes('(checked by Sam)'), 'Wendy shows Sam’s change');
    await wendy.insertIntoTitle('end', ' v2');

    // The readers' changes went out: they reached each other (Mallory and Rex apply anything)...
    await rex.waitFor((seen) => seen.title.includes('HIJACKED'), 'Rex received Mallory’s change');
    await mallory.waitFor((seen) => seen.title.includes('REX'), 'Mallory received Rex’s change');
    // ...and the editors' changes reached every Peerbook peer, the stock editor's through Wendy.
    const edited = (seen: PeerSnapshot): boolean => seen.title.includes('(checked by Sam)') && seen.title.includes('v2');
    await vera.waitFor(edited, 'Vera shows Sam’s and Wendy’s changes');
    await wendy.waitFor(edited, 'Wendy shows Sam’s change');
    await sam.waitFor(edited, 'Sam shows Wendy’s change');
    // A side that neither proves nor says it cannot is taken for a reader after PROOF_TIMEOUT_MS
    // (Rex, a stock client): its held changes are dropped then, not before. Wait past it.
    await sleep(PROOF_TIMEOUT_MS + 1000);

    const titles: Record<string, string> = {};
    for (const peer of [wendy, vera, sam]) {
      const seen = await peer.snapshot();
      titles[peer.name] = seen.title;
      expect(hasNoneOf(seen, ['HIJACKED', 'REX']), `${peer.name}: ${seen.title}`).toBe(true);
      expect(seen.title).toBe('Deploy checklist (checked by Sam) v2');
    }
    console.log(`write proof: readers' changes (a replayed proof, a stock client) reached no one who may edit nor Vera; titles ${JSON.stringify(titles)}`);
  });
});
