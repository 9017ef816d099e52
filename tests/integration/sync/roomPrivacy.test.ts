import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createShareSecrets } from '../../../shared/invite/inviteLink';
import { eventually, joinInTurn, usePeerTestbed } from '../support/peerHarness';
import type { PeerSnapshot } from '../support/peerProcess';

// Who must NOT receive an entry: a peer without the right key, and a peer holding a link that
// was reset. Each peer is a separate Node process talking WebRTC through Peerbook's signaling
// server on loopback.
const testbed = usePeerTestbed();

/** How long a peer that must receive nothing is watched after the others have synced. */
const SILENCE_MS = 3000;

const sleep = (millis: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, millis));

/** Nothing of the entry: no title, no tags, no kind, no body, nobody's presence. */
function expectNothingOfTheEntry(seen: PeerSnapshot): void {
  expect(seen).toMatchObject({ title: '', tags: [], kind: null, peers: 0, presence: [] });
  expect(seen.body?.length).toBe(0);
}

describe('who receives an entry', () => {
  it('a peer with the room but a wrong key receives nothing', async () => {
    const [ana, ben, eve] = await testbed.start('Ana', 'Ben', 'Eve');
    // Messages under another key are dropped before y-webrtc reads them (signalingGuard.ts): no
    // peer reports an unhandled error (the testbed fails the test on any).
    const link = testbed.invite();
    await Promise.all([ana.setPresence('Ana', 1), ben.setPresence('Ben', 1), eve.setPresence('Eve', 1)]);
    await ana.createEntry('lesson', 'Salary negotiation notes');
    await joinInTurn([ana, ben], link);
    await ben.waitFor((seen) => seen.title === 'Salary negotiation notes', 'Ben shows Ana’s entry');

    // Eve has the room name (say, from a leaked signaling log) but guessed the password.
    const wrongKey = createShareSecrets((length) => randomBytes(length)).key;
    await eve.connect({ ...link, key: wrongKey });
    await eve.waitFor((seen) => seen.connection === 'connecting', 'Eve is on the signaling server');
    await ana.insertIntoTitle('end', ' (draft 2)');
    await ana.addTag('career');
    await ben.waitFor((seen) => seen.title.endsWith('(draft 2)') && seen.tags.includes('career'), 'Ben shows Ana’s later edit');
    await sleep(SILENCE_MS);

    // Eve shared the room at the signaling server with Ana and Ben the whole time.
    expect(testbed.server.stats()).toEqual({ connections: 3, topics: 1 });
    const atEve = await eve.snapshot(true);
    expectNothingOfTheEntry(atEve);
    expect(await ben.snapshot()).toMatchObject({ peers: 1, presence: [{ name: 'Ana', mark: 1 }] });
    console.log(`wrong key: Eve, in the same room for ${SILENCE_MS / 1000} s after Ben had synced, received nothing (0 peers, empty entry)`);
  });

  it('after the link is reset, the old link receives no new edit and the new one receives everything', async () => {
    const [ana, ben, cleo] = await testbed.start('Ana', 'Ben', 'Cleo');
    await ana.createEntry('lesson', 'Team retro');
    const oldLink = testbed.invite();
    await joinInTurn([ana, ben], oldLink);
    await ben.waitFor((seen) => seen.title === 'Team retro', 'Ben shows Ana’s entry');

    // Reset link: Ana's entry moves to a new room with a new key; Ben keeps the old link.
    const newLink = testbed.invite();
    await ana.disconnect();
    await joinInTurn([ana], newLink);
    await ben.waitFor((seen) => seen.peers === 0, 'Ben sees Ana leave the old room');
    await ana.insertIntoTitle('end', ' (private)');
    await ana.addTag('after-reset');
    // Ben, still in the old room, edits too.
    await ben.addTag('old-link');

    await joinInTurn([cleo], newLink, [ana]);
    const atCleo = await cleo.waitFor(
      (seen) => seen.title === 'Team retro (private)' && seen.tags.includes('after-reset'),
      'Cleo, with the new link, shows Ana’s edit',
      { withBody: true },
    );
    const atAna = await ana.snapshot(true);
    expect({ ...atCleo, presence: [], peers: 0 }).toEqual({ ...atAna, presence: [], peers: 0 });
    expect(atCleo.body?.markdown).toContain('## What happened');

    await sleep(SILENCE_MS);
    const atBen = await ben.snapshot();
    expect(atBen).toMatchObject({ title: 'Team retro', tags: ['old-link'], peers: 0 });
    for (const seen of [await ana.snapshot(), await cleo.snapshot()]) expect(seen.tags).toEqual(['after-reset']);
    console.log(
      `reset link: ${SILENCE_MS / 1000} s after Cleo received “${atCleo.title}” through the new link, ` +
        `Ben (old link) still shows “${atBen.title}”, and his own edit reached neither Ana nor Cleo`,
    );
  });

  it('a peer that stops sharing leaves the room and the signaling server', async () => {
    const [ana, ben] = await testbed.start('Ana', 'Ben');
    await ana.createEntry('lesson', 'Interview prep');
    await joinInTurn([ana, ben], testbed.invite());
    await ben.waitFor((seen) => seen.title === 'Interview prep', 'Ben shows Ana’s entry');
    expect(testbed.server.stats()).toEqual({ connections: 2, topics: 1 });

    await ana.disconnect();
    await ben.waitFor((seen) => seen.peers === 0, 'Ben sees Ana leave');
    // Her device keeps no connection to the signaling server for an entry it no longer shares.
    await eventually(() => testbed.server.stats().connections === 1, 'Ana’s signaling connection is closed');
    expect(await ana.snapshot()).toMatchObject({ connection: 'disconnected', peers: 0, title: 'Interview prep' });
    console.log(`stop sharing: Ana left the room and closed her signaling connection; server now ${JSON.stringify(testbed.server.stats())}`);
  });
});
