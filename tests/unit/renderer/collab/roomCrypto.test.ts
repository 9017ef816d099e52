import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
// y-webrtc's own message crypto, to prove that a stock client reads what Peerbook publishes.
import * as yWebrtcCrypto from '../../../../node_modules/y-webrtc/src/crypto.js';
import { decryptRoomMessage, encryptRoomMessage, roomKey, RoomMessageError, stateDigest } from '../../../../renderer/collab/roomCrypto';

const room = 'R8g4Xl2m0vE6sQ1pZbT7yWcK';
const secret = 'k3Yd9QfL2uV7xN0aB5eR8tHw';

function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}

describe('messages on a room’s signaling topic', () => {
  it('are sealed exactly as y-webrtc seals its own, both ways', async () => {
    const mine = await encryptRoomMessage(await roomKey(room, secret), { type: 'peerbook-digest', digest: 'abc' });
    const stockKey = await yWebrtcCrypto.deriveKey(secret, room);
    expect(await yWebrtcCrypto.decryptJson(Buffer.from(mine, 'base64'), stockKey)).toEqual({ type: 'peerbook-digest', digest: 'abc' });

    const stock = toBase64(await yWebrtcCrypto.encryptJson({ type: 'announce', from: 'peer-1' }, stockKey));
    expect(await decryptRoomMessage(await roomKey(room, secret), stock)).toEqual({ type: 'announce', from: 'peer-1' });
  });

  it('cannot be read under another key, and anything malformed is refused with a typed error', async () => {
    const sealed = await encryptRoomMessage(await roomKey(room, secret), { type: 'peerbook-digest', digest: 'abc' });
    const otherKey = await roomKey(room, `${secret}x`);
    await expect(decryptRoomMessage(otherKey, sealed)).rejects.toBeInstanceOf(RoomMessageError);
    for (const junk of [42, '', '%%%', toBase64(new Uint8Array([1, 2, 3])), 'x'.repeat(70_000)]) {
      await expect(decryptRoomMessage(await roomKey(room, secret), junk)).rejects.toBeInstanceOf(RoomMessageError);
    }
  });
});

describe('what a device holds, in a digest', () => {
  it('is the same on two devices that hold the same entry, and differs once either changes it (deletions included)', async () => {
    const ana = new Y.Doc();
    ana.getText('title').insert(0, 'Deploy checklist');
    const ben = new Y.Doc();
    Y.applyUpdate(ben, Y.encodeStateAsUpdate(ana));
    expect(await stateDigest(ben)).toBe(await stateDigest(ana));

    ben.getText('title').delete(0, 7);
    expect(await stateDigest(ben)).not.toBe(await stateDigest(ana));
    Y.applyUpdate(ana, Y.encodeStateAsUpdate(ben));
    expect(await stateDigest(ben)).toBe(await stateDigest(ana));
  });
});
