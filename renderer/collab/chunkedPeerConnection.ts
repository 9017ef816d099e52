import { MessageReassembler, splitMessage } from '../../shared/sync/messageChunks';
import type { ChannelGate } from './writeGate';
import { describeError } from '../../shared/errors/describeError';

/**
 * The WebRTC classes simple-peer uses (y-webrtc's `peerOpts.wrtc`): the browser's own, or
 * @roamhq/wrtc's in Node tests.
 */
export interface WebrtcImplementation {
  RTCPeerConnection: typeof RTCPeerConnection;
  RTCSessionDescription: typeof RTCSessionDescription;
  RTCIceCandidate: typeof RTCIceCandidate;
}

type MessageHandler = ((event: MessageEvent) => void) | null;

function toBytes(data: unknown): Uint8Array | null {
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return null;
}

/** Whether a whole message from a peer may reach y-webrtc (see peerMessageCheck.ts). */
export type PeerMessageFilter = (message: Uint8Array) => boolean;

/** A protocol of its own on each channel of a connection (writeGate.ts), or null for none. */
export type ChannelGateFactory = (connection: RTCPeerConnection) => ChannelGate | null;

/**
 * Wraps a data channel so that `send` splits large messages into frames and `onmessage` sees
 * whole messages again (see shared/sync/messageChunks.ts). A peer that breaks the framing, sends
 * something other than bytes, sends a message `accept` refuses, or sends one that makes
 * y-webrtc's handler throw is disconnected: its channel is closed, which y-webrtc treats as the
 * peer leaving. (Left to escape, such an exception is an uncaught error of the page, once per
 * message, and the peer stays connected to send the next one.)
 *
 * With a gate, the gate's own messages are handled by it and go no further, and every other
 * message reaches y-webrtc only once the gate admits it, in the order they arrived.
 */
function chunkDataChannel(channel: RTCDataChannel, accept: PeerMessageFilter, gate: ChannelGate | null): RTCDataChannel {
  const reassembler = new MessageReassembler();
  let nextMessageId = 1;
  let handler: MessageHandler = null;
  let admitted: Promise<void> = Promise.resolve();
  const drop = (reason: string): void => {
    console.warn(`[peer sync] dropped a peer: ${reason}`);
    channel.close();
  };
  const sendFramed = (bytes: Uint8Array): void => {
    for (const frame of splitMessage(bytes, nextMessageId++)) channel.send(frame as Uint8Array<ArrayBuffer>);
  };
  if (gate) {
    const open = (): void => {
      try {
        gate.open(sendFramed);
      } catch (error) {
        drop(`could not start the write proof (${describeError(error)})`);
      }
    };
    if (channel.readyState === 'open') open();
    else channel.addEventListener('open', open, { once: true });
  }
  const deliver = (whole: Uint8Array): void => {
    try {
      handler?.({ data: whole.buffer.byteLength === whole.byteLength ? whole.buffer : whole.slice().buffer } as MessageEvent);
    } catch (error) {
      drop(`y-webrtc could not handle its message (${describeError(error)})`);
    }
  };
  channel.onmessage = (event: MessageEvent) => {
    const bytes = toBytes(event.data);
    // y-webrtc sends only bytes.
    if (!bytes) return drop('a message that is not bytes');
    let whole: Uint8Array | null;
    try {
      whole = reassembler.accept(bytes);
    } catch (error) {
      return drop(describeError(error));
    }
    if (!whole) return;
    // Stock y-webrtc answers a message it does not know (a write-proof challenge) with an empty
    // one: nothing to read, and no fault of the peer.
    if (whole.byteLength === 0) return;
    const message = whole;
    if (gate?.isOwn(message)) {
      try {
        gate.handleOwn(message);
      } catch (error) {
        drop(describeError(error));
      }
      return;
    }
    // `accept` says why it refuses.
    if (!accept(message)) return channel.close();
    if (!gate) return deliver(message);
    admitted = admitted.then(async () => {
      if (await gate.admit(message)) deliver(message);
    });
  };
  return new Proxy(channel, {
    get(target, property) {
      if (property === 'send') {
        return (data: string | ArrayBuffer | ArrayBufferView | Blob) => {
          const bytes = typeof data === 'string' ? null : toBytes(data);
          if (!bytes) return target.send(data as string);
          sendFramed(bytes);
        };
      }
      if (property === 'onmessage') return handler;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
    set(target, property, value: unknown) {
      if (property === 'onmessage') {
        handler = value as MessageHandler;
        return true;
      }
      return Reflect.set(target, property, value, target);
    },
  });
}

type DataChannelHandler = RTCPeerConnection['ondatachannel'];

/** The handler simple-peer sets, given the remote peer's channels wrapped. */
function chunkedDataChannelHandler(connection: RTCPeerConnection, handler: DataChannelHandler, accept: PeerMessageFilter, gates: ChannelGateFactory): DataChannelHandler {
  return handler
    ? (event: RTCDataChannelEvent) => handler.call(connection, { channel: chunkDataChannel(event.channel, accept, gates(connection)) } as RTCDataChannelEvent)
    : null;
}

/**
 * The same WebRTC implementation, with every data channel carrying messages of any size, and
 * only messages `accept` lets through (all, by default).
 */
export function withChunkedDataChannels(base: WebrtcImplementation, accept: PeerMessageFilter = () => true, gates: ChannelGateFactory = () => null): WebrtcImplementation {
  class ChunkedPeerConnection extends base.RTCPeerConnection {
    constructor(...args: ConstructorParameters<typeof RTCPeerConnection>) {
      super(...args);
      // @roamhq/wrtc defines `ondatachannel` as an own, non-configurable data property of each
      // connection, which hides the accessor below: the answering peer's channel would stay
      // unwrapped and receive frames as garbage. Catch the assignment on the instance instead.
      if (Object.prototype.hasOwnProperty.call(this, 'ondatachannel')) {
        return new Proxy(this, {
          set(target, property, value: unknown) {
            const next = property === 'ondatachannel' ? chunkedDataChannelHandler(target, value as DataChannelHandler, accept, gates) : value;
            return Reflect.set(target, property, next, target);
          },
        });
      }
    }

    override createDataChannel(label: string, init?: RTCDataChannelInit): RTCDataChannel {
      return chunkDataChannel(super.createDataChannel(label, init), accept, gates(this));
    }

    override get ondatachannel(): DataChannelHandler {
      return super.ondatachannel;
    }

    override set ondatachannel(handler: DataChannelHandler) {
      super.ondatachannel = chunkedDataChannelHandler(this, handler, accept, gates);
    }
  }
  return {
    RTCPeerConnection: ChunkedPeerConnection,
    RTCSessionDescription: base.RTCSessionDescription,
    RTCIceCandidate: base.RTCIceCandidate,
  };
}
