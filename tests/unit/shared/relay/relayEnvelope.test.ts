import { describe, expect, it } from 'vitest';
import {
  createRelayAuthor,
  MAX_RELAY_BLOB_BYTES,
  readRelayEnvelopeHeader,
  RELAY_ENVELOPE_OVERHEAD,
  RelayEnvelopeError,
  RelayEnvelopeOpener,
  sealRelayEnvelope,
  type RelayEnvelopeProblem,
} from '../../../../shared/relay/relayEnvelope';
import { deriveRelayKeys, type RelayKeys } from '../../../../shared/relay/relayKeys';

const keys = await deriveRelayKeys('TMzQKHXRh82F4msALWt03sImkv8ZA4cK', crypto);
const words = new TextEncoder().encode('What I learned: rotate the on-call pager before the release.');

async function problemOf(opening: Promise<unknown>): Promise<RelayEnvelopeProblem | 'opened'> {
  try {
    await opening;
    return 'opened';
  } catch (error) {
    if (error instanceof RelayEnvelopeError) return error.problem;
    throw error;
  }
}

async function seal(withKeys: RelayKeys = keys, counter = 0, author = createRelayAuthor(crypto)): Promise<Uint8Array<ArrayBuffer>> {
  return sealRelayEnvelope(crypto, withKeys, { kind: 'update', author, counter }, words);
}

describe('the relay envelope', () => {
  it('opens to the same bytes, with its author and counter, and hides them from whoever lacks the key', async () => {
    const author = createRelayAuthor(crypto);
    const blob = await sealRelayEnvelope(crypto, keys, { kind: 'snapshot', author, counter: 7 }, words);
    expect(blob.byteLength).toBe(words.byteLength + RELAY_ENVELOPE_OVERHEAD);
    expect(Buffer.from(blob).includes(Buffer.from('on-call'))).toBe(false);
    const opened = await new RelayEnvelopeOpener(crypto, keys).open(blob);
    expect(opened.plaintext).toEqual(words);
    expect(opened.header).toEqual({ kind: 'snapshot', author: Buffer.from(author).toString('base64url'), counter: 7 });
  });

  it('refuses a blob with any byte changed as tampered', async () => {
    const blob = await seal();
    for (let index = 0; index < blob.byteLength; index += 1) {
      const changed = blob.slice();
      changed[index] = (changed[index] as number) ^ 1;
      const problem = await problemOf(new RelayEnvelopeOpener(crypto, keys).open(changed));
      // The version and kind bytes are read before decryption; everything else fails authentication.
      expect(problem, `byte ${index}`).toBe(index === 0 ? 'unsupported-version' : index === 1 ? 'malformed' : 'tampered');
    }
  });

  it('refuses a blob sealed with another key, or for another relay document, as tampered', async () => {
    const otherKeys = await deriveRelayKeys('another-key-from-a-reset-link-0123', crypto);
    expect(await problemOf(new RelayEnvelopeOpener(crypto, keys).open(await seal(otherKeys)))).toBe('tampered');
    // Same encryption key, another document name: a blob copied from one document into another.
    const moved = { ...keys, documentName: otherKeys.documentName };
    expect(await problemOf(new RelayEnvelopeOpener(crypto, keys).open(await seal(moved)))).toBe('tampered');
  });

  it('opens each author and counter once: a replay is refused', async () => {
    const author = createRelayAuthor(crypto);
    const blob = await seal(keys, 3, author);
    const opener = new RelayEnvelopeOpener(crypto, keys);
    await opener.open(blob);
    expect(await problemOf(opener.open(blob))).toBe('replayed');
    // Re-sealed under the same author and counter, with a new IV: still a replay.
    expect(await problemOf(opener.open(await seal(keys, 3, author)))).toBe('replayed');
    expect(await problemOf(opener.open(await seal(keys, 4, author)))).toBe('opened');
  });

  it('refuses what is not an envelope with a typed error, before any decryption', async () => {
    const opener = new RelayEnvelopeOpener(crypto, keys);
    const valid = await seal();
    const cases: Array<[unknown, RelayEnvelopeProblem]> = [
      ['a string', 'malformed'],
      [null, 'malformed'],
      [new Uint8Array(RELAY_ENVELOPE_OVERHEAD - 1), 'malformed'],
      [Uint8Array.from([2, ...valid.slice(1)]), 'unsupported-version'],
      [Uint8Array.from([1, 9, ...valid.slice(2)]), 'malformed'],
      [new Uint8Array(MAX_RELAY_BLOB_BYTES + 1), 'too-large'],
    ];
    for (const [input, problem] of cases) {
      expect(await problemOf(opener.open(input))).toBe(problem);
      expect(() => readRelayEnvelopeHeader(input)).toThrow(RelayEnvelopeError);
    }
  });
});
