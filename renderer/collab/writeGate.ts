import * as decoding from 'lib0/decoding';
import { decodeWriteProofMessage, encodeWriteProofMessage, WRITE_PROOF_MESSAGE, WRITE_PROOF_NONCE_BYTES, type WriteKeys } from '../../shared/sync/writeProof';
import { signWriteProof, verifyWriteProof } from './writeKeys';

/**
 * The peer side of read-only links (shared/sync/writeProof.ts): on each data channel of an entry
 * that has a write key, this device challenges the other side and answers its challenge, and
 * lets document changes through only from a side that proved the write key. Everything else a
 * reader sends (asking for the entry, its presence) goes through as before.
 */
export interface ChannelGate {
  /** The channel has opened: say what this protocol starts with. */
  open(send: (message: Uint8Array) => void): void;
  /** True for this protocol's own messages, which go no further. */
  isOwn(message: Uint8Array): boolean;
  /** Handles one of this protocol's messages; throws on a malformed one (the peer is dropped). */
  handleOwn(message: Uint8Array): void;
  /** Whether a y-webrtc message may reach y-webrtc: changes wait for the proof (or its absence). */
  admit(message: Uint8Array): Promise<boolean>;
}

/** A side that sends neither a proof nor "no proof" in this long is taken for a reader. */
export const PROOF_TIMEOUT_MS = 10_000;

const MESSAGE_SYNC = 0;
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

/** y-webrtc sync messages that carry document changes (step 2, update), as opposed to asking for them. */
function carriesChanges(message: Uint8Array): boolean {
  try {
    const decoder = decoding.createDecoder(message);
    if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return false;
    const step = decoding.readVarUint(decoder);
    return step === SYNC_STEP_2 || step === SYNC_UPDATE;
  } catch {
    // Malformed messages are refused by peerMessageCheck.ts before this is asked.
    return true;
  }
}

/** DTLS fingerprints of both ends of a connection, from its session descriptions. */
export interface ConnectionFingerprints {
  readonly local: string;
  readonly remote: string;
}

function fingerprintOf(sdp: string | undefined): string | null {
  const match = sdp ? /^a=fingerprint:\s*\S+\s+([0-9A-Fa-f:]+)\s*$/m.exec(sdp) : null;
  return match?.[1]?.toLowerCase() ?? null;
}

export function connectionFingerprints(connection: Pick<RTCPeerConnection, 'localDescription' | 'remoteDescription'>): ConnectionFingerprints | null {
  const local = fingerprintOf(connection.localDescription?.sdp);
  const remote = fingerprintOf(connection.remoteDescription?.sdp);
  return local && remote ? { local, remote } : null;
}

export interface WriteGateOptions {
  readonly room: string;
  /** The entry's public write key (every link of a protected entry has it). */
  readonly verify: string;
  /** The private write key, when this device may edit; null for a reader. */
  readonly write: string | null;
  readonly fingerprints: () => ConnectionFingerprints | null;
  /**
   * False where every other side is a reader (an editor in the entry's read room, which editors
   * do not connect to each other in): nothing is asked, and no change is taken, from the start.
   */
  readonly challenge?: boolean;
}

export function createWriteGate(options: WriteGateOptions): ChannelGate {
  const nonce = crypto.getRandomValues(new Uint8Array(WRITE_PROOF_NONCE_BYTES));
  let send: ((message: Uint8Array) => void) | null = null;
  let settle!: (writer: boolean) => void;
  let settled = false;
  const decided = new Promise<boolean>((resolve) => {
    settle = (writer) => {
      if (settled) return;
      settled = true;
      resolve(writer);
    };
  });
  let timer: ReturnType<typeof setTimeout> | null = null;
  const keys: WriteKeys | null = options.write ? { write: options.write, verify: options.verify } : null;

  return {
    open(sendMessage) {
      send = sendMessage;
      if (options.challenge === false) {
        settle(false);
        return;
      }
      sendMessage(encodeWriteProofMessage({ kind: 'challenge', nonce }));
      timer = setTimeout(() => settle(false), PROOF_TIMEOUT_MS);
    },
    isOwn: (message) => message[0] === WRITE_PROOF_MESSAGE,
    handleOwn(message) {
      const parsed = decodeWriteProofMessage(message);
      if (!parsed) return;
      if (parsed.kind === 'challenge') {
        const fingerprints = options.fingerprints();
        if (!keys || !fingerprints) {
          send?.(encodeWriteProofMessage({ kind: 'no-proof' }));
          return;
        }
        void signWriteProof(keys, { room: options.room, nonce: parsed.nonce, proverFingerprint: fingerprints.local, verifierFingerprint: fingerprints.remote }).then(
          (signature) => send?.(encodeWriteProofMessage({ kind: 'proof', signature })),
          () => send?.(encodeWriteProofMessage({ kind: 'no-proof' })),
        );
        return;
      }
      if (settled) return;
      if (parsed.kind === 'no-proof') {
        settle(false);
        return;
      }
      const fingerprints = options.fingerprints();
      if (!fingerprints) {
        settle(false);
        return;
      }
      void verifyWriteProof(options.verify, parsed.signature, {
        room: options.room,
        nonce,
        proverFingerprint: fingerprints.remote,
        verifierFingerprint: fingerprints.local,
      }).then((valid) => {
        if (timer) clearTimeout(timer);
        settle(valid);
      });
    },
    async admit(message) {
      if (!carriesChanges(message)) return true;
      return decided;
    },
  };
}
