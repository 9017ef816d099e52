import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checkRelayUpdate, relayBlobs, RelayUpdateError, type RelayUpdateProblem } from '../../../../shared/relay/relayDocument';
import { createRelayAuthor, sealRelayEnvelope } from '../../../../shared/relay/relayEnvelope';
import { deriveRelayKeys } from '../../../../shared/relay/relayKeys';
import { problemOf } from '../../support/problemOf';

const keys = await deriveRelayKeys('TMzQKHXRh82F4msALWt03sImkv8ZA4cK', crypto);
const author = createRelayAuthor(crypto);
let counter = 0;
const envelope = (): Promise<Uint8Array> => sealRelayEnvelope(crypto, keys, { kind: 'update', author, counter: counter++ }, Uint8Array.of(1, 2, 3));

/** The update a client's transaction on its copy of the relay document produces. */
function updateOf(doc: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array {
  let update: Uint8Array | null = null;
  const record = (next: Uint8Array): void => {
    update = next;
  };
  doc.on('update', record);
  doc.transact(() => change(doc));
  doc.off('update', record);
  if (update === null) throw new Error('the change made no update');
  return update;
}

function updateProblem(update: Uint8Array): RelayUpdateProblem | 'accepted' {
  return problemOf(() => checkRelayUpdate(update), RelayUpdateError, 'accepted');
}

describe('what the relay accepts into a relay document', () => {
  it('accepts appending envelopes, later ones after earlier ones, and a compaction that deletes', async () => {
    const doc = new Y.Doc();
    const [first, second, snapshot] = [await envelope(), await envelope(), await envelope()];
    expect(checkRelayUpdate(updateOf(doc, () => relayBlobs(doc).push([first])))).toEqual({ blobs: 1, blobBytes: first.byteLength, deletes: false });
    expect(checkRelayUpdate(updateOf(doc, () => relayBlobs(doc).push([second]))).blobs).toBe(1);
    const compaction = updateOf(doc, () => {
      relayBlobs(doc).push([snapshot]);
      relayBlobs(doc).delete(0, 2);
    });
    expect(checkRelayUpdate(compaction)).toMatchObject({ blobs: 1, deletes: true });
    // The whole state, as a client sends it in a sync, with the deleted items in it.
    expect(updateProblem(Y.encodeStateAsUpdate(doc))).toBe('accepted');
  });

  it('refuses anything else a client could write', async () => {
    const blob = await envelope();
    const writes: Array<[string, (doc: Y.Doc) => void, RelayUpdateProblem]> = [
      ['text in blobs', (doc) => doc.getArray('blobs').push(['plain text'] as unknown as Uint8Array[]), 'not-a-blob'],
      ['a map entry', (doc) => doc.getMap('meta').set('verifier', blob), 'wrong-place'],
      ['another root', (doc) => doc.getArray('other').push([blob]), 'wrong-place'],
      ['a nested type', (doc) => doc.getArray('blobs').push([new Y.Array()] as unknown as Uint8Array[]), 'not-a-blob'],
      ['bytes that are not an envelope', (doc) => relayBlobs(doc).push([Uint8Array.of(1, 2, 3)]), 'bad-envelope'],
      ['too many blobs at once', (doc) => relayBlobs(doc).push(Array.from({ length: 257 }, () => blob)), 'too-many-blobs'],
    ];
    for (const [what, write, problem] of writes) {
      expect(updateProblem(updateOf(new Y.Doc(), write)), what).toBe(problem);
    }
    expect(updateProblem(Uint8Array.of(0xff, 0xff, 0xff, 0x01))).toBe('undecodable');
  });

  it('refuses a blob over the size limit', async () => {
    const doc = new Y.Doc();
    const big = await sealRelayEnvelope(crypto, keys, { kind: 'snapshot', author, counter: counter++ }, new Uint8Array(2048));
    const update = updateOf(doc, () => relayBlobs(doc).push([big]));
    expect(() => checkRelayUpdate(update, { maxBlobBytes: 1024, maxBlobsPerUpdate: 10 })).toThrow(/too-large/);
  });
});
