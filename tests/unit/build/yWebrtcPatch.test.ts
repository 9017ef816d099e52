import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { readSyncMessage } from 'y-protocols/sync';
import { SignalingConn, WebrtcProvider } from 'y-webrtc';

/**
 * y-webrtc 10.3 read the glare token of the connection an answer is for without checking that the
 * connection still exists, so an answer arriving after the connection closed (a room going to
 * sleep while a colleague answers; or a link holder sending one on purpose) threw in the middle of
 * signaling. patches/y-webrtc+10.3.0.patch drops such an answer; docs/DECISIONS.md says why.
 *
 * The patch also adds `relayLater`, which Peerbook turns on: a change that came from a peer is
 * passed on to the other peers in a later task, after the page has applied (and can draw) it.
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

  /** A room of a provider, with one more peer in it that records what it is sent. */
  async function roomWithListeningPeer(name: string, relayLater: boolean) {
    const doc = new Y.Doc();
    const provider = new WebrtcProvider(name, doc, { signaling: [], relayLater });
    open.push(provider);
    await provider.key;
    const room = provider.room as NonNullable<typeof provider.room>;
    const received = new Y.Doc();
    let messages = 0;
    const peer = {
      peer: {
        send: (message: Uint8Array) => {
          messages++;
          const decoder = decoding.createDecoder(message);
          decoding.readVarUint(decoder); // y-webrtc's sync message type
          readSyncMessage(decoder, encoding.createEncoder(), received, 'relay');
        },
      },
      destroy: () => undefined,
    };
    room.webrtcConns.set('another-peer', peer as never);
    const colleague = new Y.Doc();
    const colleaguesChange = (text: string): Uint8Array => {
      const before = Y.encodeStateVector(colleague);
      colleague.getText('body').insert(0, text);
      return Y.encodeStateAsUpdate(colleague, before);
    };
    return { doc, room, received, colleaguesChange, messages: () => messages };
  }

  it("with relayLater, passes a colleague's change on after the task that applied it, and the page's own at once", async () => {
    const { doc, room, received, colleaguesChange, messages } = await roomWithListeningPeer('peerbook-test-relay-later', true);

    Y.applyUpdate(doc, colleaguesChange('from a colleague '), room);
    expect(doc.getText('body').toString()).toBe('from a colleague ');
    expect(messages()).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(received.getText('body').toString()).toBe('from a colleague ');

    doc.getText('body').insert(0, 'mine ');
    expect(received.getText('body').toString()).toBe('mine from a colleague ');
  });

  it('without relayLater (y-webrtc as it comes, as the benchmarks\' floor runs it), passes a change on in the same task', async () => {
    const { doc, room, received, colleaguesChange } = await roomWithListeningPeer('peerbook-test-relay-at-once', false);

    Y.applyUpdate(doc, colleaguesChange('from a colleague'), room);
    expect(received.getText('body').toString()).toBe('from a colleague');
  });
});
