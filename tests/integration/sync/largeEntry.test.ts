import { describe, expect, it } from 'vitest';
import { formatMegabytes, formatSeconds, joinInTurn, usePeerTestbed } from '../support/peerHarness';

// A long entry must reach a peer that joins with nothing: y-webrtc sends the whole document as
// one sync message, and a WebRTC data channel does not carry one that large. Peerbook splits
// such messages into frames (renderer/collab/chunkedPeerConnection.ts).
const testbed = usePeerTestbed();

const MIN_STATE_BYTES = 5_000_000;
/** The bound for a 5 MB first sync on loopback; it takes about a second. */
const LARGE_SYNC_BOUND_MS = 60_000;
/** How long the control watches a peer without chunking once its connection has failed. */
const CONTROL_WATCH_MS = 10_000;

describe('a 5 MB entry', () => {
  it('reaches a peer that joins with an empty document, whole', { timeout: LARGE_SYNC_BOUND_MS + 30_000 }, async () => {
    const [ana, ben] = await testbed.start('Ana', 'Ben');
    const title = 'Incident log: March outage';
    const filled = await ana.fillEntry(title, MIN_STATE_BYTES);
    expect(filled.stateBytes).toBeGreaterThanOrEqual(MIN_STATE_BYTES);
    const link = testbed.invite();
    await joinInTurn([ana], link);

    const started = Date.now();
    await ben.connect(link);
    // The whole document is one sync message applied in one transaction: the title arrives with the body.
    await ben.waitFor((seen) => seen.title === title, 'Ben shows Ana’s 5 MB entry', { timeoutMs: LARGE_SYNC_BOUND_MS, intervalMs: 20 });
    const took = Date.now() - started;

    const [atAna, atBen] = await Promise.all([ana.snapshot(true), ben.snapshot(true)]);
    expect(atBen.kind).toBe('debrief');
    expect(atBen.body?.length).toBe(atAna.body?.length);
    expect(atBen.body?.sha256).toBe(atAna.body?.sha256);
    expect(atBen.body?.stateBytes).toBeGreaterThanOrEqual(MIN_STATE_BYTES);
    console.log(
      `5 MB sync: ${formatMegabytes(filled.stateBytes)} state (${filled.paragraphs} paragraphs, ` +
        `${formatMegabytes(atAna.body?.length ?? 0)} of Markdown) reached a fresh peer in ${formatSeconds(took)}, identical`,
    );
  });

  it('does not reach a fresh peer over y-webrtc without chunking (control)', { timeout: CONTROL_WATCH_MS + 40_000 }, async () => {
    const [ana, ben, cleo, dan] = await testbed.start('Ana', 'Ben', 'Cleo', 'Dan');
    // Stock y-webrtc on raw @roamhq/wrtc: what Peerbook would be without chunkedPeerConnection.ts.
    // It carries a small entry fine...
    await cleo.createEntry('lesson', 'A short note');
    await joinInTurn([cleo, dan], { ...testbed.invite(), transport: 'raw' });
    await dan.waitFor((seen) => seen.title === 'A short note', 'Dan, without chunking, shows Cleo’s short entry');

    // ...but not a long one.
    const filled = await ana.fillEntry('Incident log: March outage', MIN_STATE_BYTES);
    const link = { ...testbed.invite(), transport: 'raw' as const };
    await joinInTurn([ana], link);

    const started = Date.now();
    await ben.connect(link);
    // Ben's side of the connection opens, then fails: the only message too large for a data
    // channel is Ana's answer to his sync request, her whole document.
    const failed = await ben.waitFor((seen) => seen.dropped > 0 || seen.title !== '', 'Ben received the document or lost the connection', {
      timeoutMs: CONTROL_WATCH_MS,
    });
    const failedAfter = Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, CONTROL_WATCH_MS));

    const [atAna, atBen] = await Promise.all([ana.snapshot(), ben.snapshot(true)]);
    expect(failed.title).toBe('');
    expect(failed.dropped).toBeGreaterThan(0);
    expect(atBen).toMatchObject({ title: '', kind: null });
    expect(atBen.body?.length).toBe(0);
    console.log(
      `control, no chunking: a short entry synced, but Ben's connection to Ana opened and failed ${formatSeconds(failedAfter)} after he joined, ` +
        `as Ana answered with her ${formatMegabytes(filled.stateBytes)} document in one message; ` +
        `${formatSeconds(CONTROL_WATCH_MS)} later Ben still had none of it (connections lost: Ana ${atAna.dropped}, Ben ${atBen.dropped})`,
    );
  });
});
