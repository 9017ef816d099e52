import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SignalingConn, WebrtcProvider } from 'y-webrtc';

/**
 * y-webrtc 10.3 read the glare token of the connection an answer is for without checking that the
 * connection still exists, so an answer arriving after the connection closed (a room going to
 * sleep while a colleague answers; or a link holder sending one on purpose) threw in the middle of
 * signaling. patches/y-webrtc+10.3.0.patch drops such an answer; docs/DECISIONS.md says why.
 */
const open: Array<{ destroy(): void }> = [];
afterEach(() => {
  for (const thing of open.splice(0)) thing.destroy();
});

describe('the patched y-webrtc', () => {
  it('drops an answer for a connection it does not hold, and starts no connection for it', async () => {
    const provider = new WebrtcProvider('peerbook-test-late-answer', new Y.Doc(), { signaling: [] });
    // Nothing listens on the discard port: the connection only retries, and no server answers.
    const signaling = new SignalingConn('ws://127.0.0.1:9');
    open.push(provider, signaling);
    // The provider joins its room once its (here empty) key is derived.
    await provider.key;
    const room = provider.room as NonNullable<typeof provider.room>;
    const lateAnswer = { type: 'signal', from: 'a-peer-long-gone', to: room.peerId, token: 1, signal: { type: 'answer', sdp: 'v=0' } };

    expect(() => signaling.emit('message', [{ type: 'publish', topic: 'peerbook-test-late-answer', data: lateAnswer }])).not.toThrow();
    expect(room.webrtcConns.has('a-peer-long-gone')).toBe(false);
  });
});
