import * as decoding from 'lib0/decoding';
import { checkRelayUpdate, RelayUpdateError, type RelayUpdateLimits, type RelayUpdateSummary } from '../../shared/relay/relayDocument';

/**
 * Reads one Hocuspocus message a client sent for a relay document, before Hocuspocus applies
 * it: `varString documentName, varUint type, …` (Hocuspocus's protocol, over y-protocols' sync).
 * Only what a relay client needs is allowed: sync (whose updates must pass checkRelayUpdate),
 * authentication and close. Awareness and stateless messages are refused because they would
 * carry plaintext (names, cursors) through a server that must see only ciphertext.
 */
const MESSAGE = { sync: 0, awareness: 1, auth: 2, queryAwareness: 3, syncReply: 4, close: 7 } as const;
const SYNC = { step1: 0, step2: 1, update: 2 } as const;

export type RelayMessageProblem = 'malformed' | 'not-allowed' | RelayUpdateError['problem'];

/** Thrown from Hocuspocus's beforeHandleMessage: it closes that document's connection with `code` and `reason`. */
export class RelayMessageRefused extends Error {
  readonly code = 1008;
  readonly reason: string;

  constructor(readonly problem: RelayMessageProblem) {
    super(`relay message refused: ${problem}`);
    this.name = 'RelayMessageRefused';
    this.reason = `refused: ${problem}`;
  }
}

/** The blobs a message appends (null when it appends nothing), or RelayMessageRefused. */
export function checkRelayMessage(message: Uint8Array, limits: RelayUpdateLimits): RelayUpdateSummary | null {
  try {
    const decoder = decoding.createDecoder(message);
    decoding.readVarString(decoder);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MESSAGE.sync:
      case MESSAGE.syncReply: {
        const step = decoding.readVarUint(decoder);
        if (step === SYNC.step1) return null;
        if (step !== SYNC.step2 && step !== SYNC.update) throw new RelayMessageRefused('not-allowed');
        return checkRelayUpdate(decoding.readVarUint8Array(decoder), limits);
      }
      case MESSAGE.auth:
      case MESSAGE.queryAwareness:
      case MESSAGE.close:
        return null;
      default:
        throw new RelayMessageRefused('not-allowed');
    }
  } catch (error) {
    if (error instanceof RelayMessageRefused) throw error;
    if (error instanceof RelayUpdateError) throw new RelayMessageRefused(error.problem);
    // lib0 throws plain Errors on a message cut short.
    throw new RelayMessageRefused('malformed');
  }
}
