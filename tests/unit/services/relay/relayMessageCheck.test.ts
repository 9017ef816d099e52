import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { RelayMessageRefused, checkRelayMessage } from '../../../../services/relay/relayMessageCheck';
import { DEFAULT_RELAY_UPDATE_LIMITS, relayBlobs } from '../../../../shared/relay/relayDocument';
import { createRelayAuthor, sealRelayEnvelope } from '../../../../shared/relay/relayEnvelope';
import { deriveRelayKeys } from '../../../../shared/relay/relayKeys';
import { problemOf } from '../../support/problemOf';

const keys = await deriveRelayKeys('TMzQKHXRh82F4msALWt03sImkv8ZA4cK', crypto);
const blob = await sealRelayEnvelope(crypto, keys, { kind: 'update', author: createRelayAuthor(crypto), counter: 0 }, Uint8Array.of(0, 0));

/** A message as @hocuspocus/provider frames it: document name, message type, then the body. */
function message(type: number, write: (encoder: encoding.Encoder) => void = () => {}): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, keys.documentName);
  encoding.writeVarUint(encoder, type);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

function syncUpdate(update: Uint8Array, step = 2): Uint8Array {
  return message(0, (encoder) => {
    encoding.writeVarUint(encoder, step);
    encoding.writeVarUint8Array(encoder, update);
  });
}

function messageProblem(bytes: Uint8Array): string {
  return problemOf(() => checkRelayMessage(bytes, DEFAULT_RELAY_UPDATE_LIMITS), RelayMessageRefused, 'allowed');
}

describe('the messages a relay client may send', () => {
  it('allows sync, authentication and close, and counts the envelopes an update appends', () => {
    const doc = new Y.Doc();
    relayBlobs(doc).push([blob]);
    expect(checkRelayMessage(syncUpdate(Y.encodeStateAsUpdate(doc)), DEFAULT_RELAY_UPDATE_LIMITS)).toMatchObject({ blobs: 1 });
    expect(checkRelayMessage(syncUpdate(Y.encodeStateAsUpdate(doc), 1), DEFAULT_RELAY_UPDATE_LIMITS)).toMatchObject({ blobs: 1 });
    const syncStep1 = message(0, (encoder) => {
      encoding.writeVarUint(encoder, 0);
      encoding.writeVarUint8Array(encoder, Y.encodeStateVector(doc));
    });
    expect(checkRelayMessage(syncStep1, DEFAULT_RELAY_UPDATE_LIMITS)).toBeNull();
    expect(messageProblem(message(2, (encoder) => encoding.writeVarString(encoder, keys.capability)))).toBe('allowed');
    expect(messageProblem(message(7))).toBe('allowed');
  });

  it('refuses presence, stateless messages, plaintext in the document and cut-short frames', () => {
    const doc = new Y.Doc();
    doc.getText('notes').insert(0, 'the offsite is in Lisbon');
    expect(messageProblem(message(1, (encoder) => encoding.writeVarUint8Array(encoder, Uint8Array.of(1, 2))))).toBe('not-allowed');
    expect(messageProblem(message(5, (encoder) => encoding.writeVarString(encoder, 'hello')))).toBe('not-allowed');
    expect(messageProblem(syncUpdate(Y.encodeStateAsUpdate(doc)))).toBe('wrong-place');
    expect(messageProblem(syncUpdate(Y.encodeStateAsUpdate(doc)).slice(0, 50))).toBe('malformed');
    expect(messageProblem(Uint8Array.of())).toBe('malformed');
  });
});
