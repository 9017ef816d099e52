import { describe, expect, it } from 'vitest';
import { joinInTurn, usePeerTestbed, type Peer } from '../support/peerHarness';
import type { PeerSnapshot } from '../support/peerProcess';

// Each peer is a separate Node process (a device) talking WebRTC (@roamhq/wrtc) through
// Peerbook's own signaling server on loopback: the path an invite link sets up.
const testbed = usePeerTestbed();

/** What a person sees of the entry: its title, tags and body. */
function visibleEntry(snapshot: PeerSnapshot): { title: string; tags: readonly string[]; body: string | null } {
  return { title: snapshot.title, tags: snapshot.tags, body: snapshot.body?.markdown ?? null };
}

function allShow(peers: readonly Peer[], expected: (seen: PeerSnapshot) => boolean, what: string): Promise<PeerSnapshot[]> {
  return Promise.all(peers.map((peer) => peer.waitFor(expected, `${peer.name} shows ${what}`)));
}

describe('peers editing one entry at the same time', () => {
  it('two peers typing into the same title at once both end up with both edits', async () => {
    const [ana, ben] = await testbed.start('Ana', 'Ben');
    await ana.createEntry('debrief', 'Postmortem');
    await joinInTurn([ana, ben], testbed.invite());
    await allShow([ben], (seen) => seen.title === 'Postmortem', 'Ana’s entry');

    // Both type at the same moment, neither waiting for the other: Ben prefixes the title, Ana
    // completes it, and each adds a tag.
    const started = Date.now();
    const [anaTyped, benTyped] = await Promise.all([
      ana.insertIntoTitle('end', ': database failover'),
      ben.insertIntoTitle('start', 'Q3 '),
      ana.addTag('incident'),
      ben.addTag('database'),
    ]);
    const bothBlind = anaTyped === 'Postmortem: database failover' && benTyped === 'Q3 Postmortem';

    await allShow(
      [ana, ben],
      (seen) => seen.title === 'Q3 Postmortem: database failover' && seen.tags.join() === 'database,incident',
      'both title edits and both tags',
    );
    const converged = Date.now() - started;
    const [atAna, atBen] = await Promise.all([ana.snapshot(true), ben.snapshot(true)]);
    expect(visibleEntry(atBen)).toEqual(visibleEntry(atAna));
    // Ben joined with an empty document and never wrote a template: the body is Ana's, once.
    expect(atBen.kind).toBe('debrief');
    expect(atBen.body?.markdown?.match(/## What went well/g)).toHaveLength(1);
    console.log(
      `2 peers: title edits made at once (${bothBlind ? 'neither had seen the other’s' : 'one had already seen the other’s'}) ` +
        `converged to “${atAna.title}” on both in ${converged} ms`,
    );
  });

  it('three peers editing at once all converge to the same entry', async () => {
    const [ana, ben, cleo] = await testbed.start('Ana', 'Ben', 'Cleo');
    await ana.createEntry('checklist', 'Release checklist');
    await joinInTurn([ana, ben, cleo], testbed.invite());
    await allShow([ben, cleo], (seen) => seen.title === 'Release checklist', 'Ana’s entry');

    const started = Date.now();
    const typed = await Promise.all([
      ana.insertIntoTitle('end', ' for mobile'),
      ben.insertIntoTitle('start', 'Web and '),
      cleo.insertIntoTitle('end', ' (v2.4)'),
      ana.addTag('mobile'),
      ben.addTag('web'),
      cleo.addTag('release'),
    ]);
    const allBlind = typed[0] === 'Release checklist for mobile' && typed[1] === 'Web and Release checklist' && typed[2] === 'Release checklist (v2.4)';

    const snapshots = await allShow(
      [ana, ben, cleo],
      (seen) => ['Web and ', ' for mobile', ' (v2.4)'].every((edit) => seen.title.includes(edit)) && seen.tags.length === 3,
      'all three title edits and all three tags',
    );
    const converged = Date.now() - started;
    // Ana's and Cleo's edits both append at the same place: Yjs orders them the same on every peer.
    expect(snapshots.map((seen) => seen.title)).toEqual(Array(3).fill(snapshots[0]?.title));
    expect(['Web and Release checklist for mobile (v2.4)', 'Web and Release checklist (v2.4) for mobile']).toContain(snapshots[0]?.title);
    const [atAna, atBen, atCleo] = await Promise.all([ana.snapshot(true), ben.snapshot(true), cleo.snapshot(true)]);
    expect(visibleEntry(atBen)).toEqual(visibleEntry(atAna));
    expect(visibleEntry(atCleo)).toEqual(visibleEntry(atAna));
    expect(atAna.tags).toEqual(['mobile', 'release', 'web']);
    // The template's one empty step, once: nobody but Ana wrote the template.
    expect(atCleo.body?.markdown?.match(/- \[ \]/g)).toHaveLength(1);
    console.log(
      `3 peers: title edits made at once (${allBlind ? 'none had seen another’s' : 'some had already seen another’s'}) ` +
        `converged to “${atAna.title}” on all three in ${converged} ms`,
    );
  });
});
