import * as wrtc from '@roamhq/wrtc';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { WebSocket } from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import type * as Y from 'yjs';
import { MessageReassembler, splitMessage } from '../../../shared/sync/messageChunks';
import { Y_WEBRTC_MESSAGE } from '../../../renderer/collab/peerMessageCheck';
import { decryptRoomMessage, encryptRoomMessage, roomKey } from '../../../renderer/collab/roomCrypto';

/**
 * A peer in a y-webrtc room written from the wire protocol up, not with y-webrtc, so that it can
 * send anything at all over its data channel and still be a real peer: it finds the others
 * through the signaling server with y-webrtc's encrypted signaling (PBKDF2-derived AES-GCM key,
 * messages in lib0's encoding, as y-webrtc's crypto.js), answers their WebRTC offers with
 * @roamhq/wrtc and receives their data channel. y-webrtc keeps one room per name per process
 * and links the providers of one process through BroadcastChannel, so a second y-webrtc
 * provider here would never use WebRTC; this peer has neither problem.
 *
 * It never starts a connection: it announces itself and the y-webrtc peer that hears the
 * announce offers one (as y-webrtc does for a peer it does not know yet).
 */

export interface RawPeerOptions {
  readonly signalingUrl: string;
  readonly room: string;
  /** The room's password (the invite link's key). */
  readonly key: string;
  /** Called with every whole message the other side sends (frames joined as Peerbook joins them). */
  readonly onMessage?: (message: Uint8Array, session: RawSession) => void;
  /** Called once a data channel with a peer is open. */
  readonly onOpen?: (session: RawSession) => void;
}

/** One WebRTC connection with one remote peer. */
export interface RawSession {
  readonly remotePeerId: string;
  readonly opened: Promise<void>;
  /** Resolves when the connection ends, from either side. */
  readonly closed: Promise<void>;
  isClosed(): boolean;
  /** Sends bytes as they are: no framing, however large or malformed. */
  sendRaw(bytes: Uint8Array): void;
  /** Sends a text message, which no y-webrtc peer sends. */
  sendText(text: string): void;
  /** Sends a message as a Peerbook peer does: frames above 16 KiB. */
  send(message: Uint8Array): void;
  close(): void;
}

export interface RawRoomPeer {
  readonly peerId: string;
  /** Announces this peer; resolves with the connection the first y-webrtc peer to answer opens. */
  announce(timeoutMs?: number): Promise<RawSession>;
  readonly sessions: readonly RawSession[];
  /** Publishes a signaling message as is (for messages that are wrong on purpose). */
  publishRaw(message: unknown): void;
  close(): Promise<void>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function toBytes(data: unknown): Uint8Array | null {
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return null;
}

export async function joinRoomAsRawPeer(options: RawPeerOptions): Promise<RawRoomPeer> {
  const peerId = crypto.randomUUID();
  const key = await roomKey(options.room, options.key);
  const socket = new WebSocket(options.signalingUrl);
  socket.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const publish = (data: unknown): void => {
    void encryptRoomMessage(key, data as Record<string, unknown>).then((sealed) => {
      if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ type: 'publish', topic: options.room, data: sealed }));
    });
  };
  socket.send(JSON.stringify({ type: 'subscribe', topics: [options.room] }));

  const sessions: RawSession[] = [];
  const connections = new Map<string, RTCPeerConnection>();
  let waiting: ((session: RawSession) => void) | null = null;

  const answer = async (from: string, offer: RTCSessionDescriptionInit): Promise<void> => {
    connections.get(from)?.close();
    const pc = new wrtc.RTCPeerConnection({ iceServers: [] });
    connections.set(from, pc);
    pc.onicecandidate = (event) => {
      const candidate = event.candidate;
      if (!candidate) return;
      publish({
        to: from,
        from: peerId,
        type: 'signal',
        signal: { type: 'candidate', candidate: { candidate: candidate.candidate, sdpMLineIndex: candidate.sdpMLineIndex, sdpMid: candidate.sdpMid } },
      });
    };
    let markOpen: () => void = () => {};
    let markClosed: () => void = () => {};
    const opened = new Promise<void>((resolve) => (markOpen = resolve));
    let closedFlag = false;
    const closed = new Promise<void>((resolve) => (markClosed = resolve));
    const end = (): void => {
      if (closedFlag) return;
      closedFlag = true;
      markClosed();
    };
    let channel: RTCDataChannel | null = null;
    const reassembler = new MessageReassembler();
    let nextMessageId = 1;
    const session: RawSession = {
      remotePeerId: from,
      opened,
      closed,
      isClosed: () => closedFlag,
      sendRaw: (bytes) => {
        if (channel?.readyState === 'open') channel.send(bytes as Uint8Array<ArrayBuffer>);
      },
      sendText: (text) => {
        if (channel?.readyState === 'open') channel.send(text);
      },
      send: (message) => {
        for (const frame of splitMessage(message, nextMessageId++)) session.sendRaw(frame);
      },
      close: () => {
        channel?.close();
        pc.close();
        end();
      },
    };
    pc.ondatachannel = (event) => {
      channel = event.channel;
      channel.binaryType = 'arraybuffer';
      channel.onopen = () => {
        markOpen();
        options.onOpen?.(session);
        waiting?.(session);
        waiting = null;
      };
      channel.onclose = end;
      channel.onmessage = (message: MessageEvent) => {
        const bytes = toBytes(message.data);
        if (!bytes) return;
        let whole: Uint8Array | null;
        try {
          whole = reassembler.accept(bytes);
        } catch (error) {
          // Framing this peer cannot read ends the connection, as it does for a Peerbook peer
          // (chunkedPeerConnection.ts), instead of throwing out of the channel's event handler.
          console.warn(`[raw peer] closing the connection with ${from}: ${String(error)}`);
          session.close();
          return;
        }
        if (whole) options.onMessage?.(whole, session);
      };
    };
    pc.onconnectionstatechange = () => {
      if (['closed', 'failed', 'disconnected'].includes(pc.connectionState)) end();
    };
    sessions.push(session);
    await pc.setRemoteDescription(offer);
    const reply = await pc.createAnswer();
    await pc.setLocalDescription(reply);
    publish({ to: from, from: peerId, type: 'signal', signal: { type: 'answer', sdp: reply.sdp } });
  };

  socket.on('message', (raw: Buffer) => {
    const message: unknown = JSON.parse(raw.toString('utf8'));
    if (!isRecord(message) || message.type !== 'publish' || message.topic !== options.room || typeof message.data !== 'string') return;
    decryptRoomMessage(key, message.data).then(
      (data) => {
        // A y-webrtc peer that joins after our announce announces itself; announcing again makes
        // it offer a connection (this peer never offers one).
        if (isRecord(data) && data.type === 'announce' && data.from !== peerId && waiting) publish({ type: 'announce', from: peerId });
        if (!isRecord(data) || data.to !== peerId || typeof data.from !== 'string' || data.type !== 'signal' || !isRecord(data.signal)) return;
        const signal = data.signal;
        if (signal.type === 'offer' && typeof signal.sdp === 'string') {
          void answer(data.from, { type: 'offer', sdp: signal.sdp });
        } else if (signal.type === 'candidate' && isRecord(signal.candidate)) {
          const pc = connections.get(data.from);
          void pc?.addIceCandidate(new wrtc.RTCIceCandidate(signal.candidate as RTCIceCandidateInit)).catch(() => undefined);
        }
      },
      // Messages under another key (another peer's, or garbage) are none of this peer's business.
      () => undefined,
    );
  });

  return {
    peerId,
    sessions,
    announce: (timeoutMs = 10_000) =>
      new Promise<RawSession>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no y-webrtc peer connected to the announce')), timeoutMs);
        waiting = (session) => {
          clearTimeout(timer);
          resolve(session);
        };
        publish({ type: 'announce', from: peerId });
      }),
    publishRaw: (message) => socket.send(JSON.stringify(message)),
    close: async () => {
      for (const pc of connections.values()) pc.close();
      const gone = new Promise<void>((resolve) => socket.once('close', () => resolve()));
      socket.close();
      await gone;
    },
  };
}

const MESSAGE_SYNC = Y_WEBRTC_MESSAGE.sync;

/**
 * A well-behaved peer on top of the raw one: it syncs `doc` the way y-webrtc does (sync step 1
 * when the channel opens, step 2 in answer to the other's step 1, then every update), with
 * y-protocols' own sync messages. The tests use it as the colleague who must go on syncing.
 */
export function joinRoomAsGoodPeer(options: Omit<RawPeerOptions, 'onMessage' | 'onOpen'>, doc: Y.Doc): Promise<RawRoomPeer> {
  const origin = Symbol('good peer');
  const open = new Set<RawSession>();
  doc.on('update', (update: Uint8Array, updateOrigin: unknown) => {
    if (updateOrigin === origin) return;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeUpdate(encoder, update);
    for (const session of open) if (!session.isClosed()) session.send(encoding.toUint8Array(encoder));
  });
  return joinRoomAsRawPeer({
    ...options,
    onOpen: (session) => {
      open.add(session);
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      syncProtocol.writeSyncStep1(encoder, doc);
      session.send(encoding.toUint8Array(encoder));
    },
    onMessage: (message, session) => {
      const decoder = decoding.createDecoder(message);
      if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return;
      const reply = encoding.createEncoder();
      encoding.writeVarUint(reply, MESSAGE_SYNC);
      syncProtocol.readSyncMessage(decoder, reply, doc, origin);
      if (encoding.length(reply) > 1) session.send(encoding.toUint8Array(reply));
    },
  });
}
