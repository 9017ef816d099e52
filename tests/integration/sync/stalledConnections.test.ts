import { describe, expect, it } from 'vitest';
import { CONNECT_TIMEOUT_MS } from '../../../renderer/collab/peerSync';
import { encryptRoomMessage, roomKey } from '../../../renderer/collab/roomCrypto';
import { connectSignalingClient } from '../signaling/signalingTestClient';
import { usePeerTestbed } from '../support/peerHarness';

const testbed = usePeerTestbed();

describe('a peer that is announced but never answers', () => {
  it('is given up after a while instead of holding a connection (and "Connecting…") for good', async () => {
    const [ana] = await testbed.start('Ana');
    const link = testbed.invite();
    await ana.createEntry('lesson', 'Alone for now');
    await ana.connect(link);
    await ana.waitFor((seen) => seen.connection === 'alone', 'Ana is in the room, alone');

    // Someone holding the link replays an announce from a peer that is long gone.
    const replayer = await connectSignalingClient(link.signaling[0] ?? '');
    await replayer.subscribe([link.room]);
    replayer.publish(link.room, await encryptRoomMessage(await roomKey(link.room, link.key), { type: 'announce', from: 'a-peer-long-gone' }));

    // Ana starts a connection to it (proof the announce arrived) ...
    await ana.waitFor((seen) => seen.connection === 'connecting', 'Ana tries to connect to the announced peer');
    const startedAt = Date.now();
    // ... and gives it up once it cannot have opened.
    await ana.waitFor((seen) => seen.connection === 'alone', 'Ana has given the connection up', { timeoutMs: CONNECT_TIMEOUT_MS + 10_000 });
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(CONNECT_TIMEOUT_MS - 2000);
    await replayer.close();
  }, 60_000);
});
