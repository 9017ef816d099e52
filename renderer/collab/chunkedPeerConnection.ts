import { MessageReassembler, splitMessage } from '../../shared/sync/messageChunks';

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

/**
 * Wraps a data channel so that `send` splits large messages into frames and `onmessage` sees
 * whole messages again (see shared/sync/messageChunks.ts). A peer that breaks the framing, sends
 * something other than bytes, sends a message `accept` refuses, or sends one that makes
 * y-webrtc's handler throw is disconnected: its channel is closed, which y-webrtc treats as the
 * peer leaving. (Left to escape, such an exception is an uncaught error of the page, once per
 * message, and the peer stays connected to send the next one.)
 */
function chunkDataChannel(channel: RTCDataChannel, accept: PeerMessageFilter): RTCDataChannel {
  const reassembler = new MessageReassembler();
  let nextMessageId = 1;
  let handler: MessageHandler = null;
  const drop = (reason: string): void => {
    console.warn(`[peer sync] dropped a peer: ${reason}`);
    channel.close();
  };
  channel.onmessage = (event: MessageEvent) => {
    const bytes = toBytes(event.data);
    // y-webrtc sends only bytes.
    if (!bytes) return drop('a message that is not bytes');
    let whole: Uint8Array | null;
    try {
      whole = reassembler.accept(bytes);
    } catch (error) {
      return drop(error instanceof Error ? error.message : String(error));
    }
    if (!whole) return;
    // `accept` says why it refuses.
    if (!accept(whole)) return channel.close();
    try {
      handler?.({ data: whole.buffer.byteLength === whole.byteLength ? whole.buffer : whole.slice().buffer } as MessageEvent);
    } catch (error) {
      drop(`y-webrtc could not handle its message (${error instanceof Error ? error.message : String(error)})`);
    }
  };
  return new Proxy(channel, {
    get(target, property) {
      if (property === 'send') {
        return (data: string | ArrayBuffer | ArrayBufferView | Blob) => {
          const bytes = typeof data === 'string' ? null : toBytes(data);
          if (!bytes) return target.send(data as string);
          for (const frame of splitMessage(bytes, nextMessageId++)) target.send(frame as Uint8Array<ArrayBuffer>);
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
function chunkedDataChannelHandler(connection: RTCPeerConnection, handler: DataChannelHandler, accept: PeerMessageFilter): DataChannelHandler {
  return handler
    ? (event: RTCDataChannelEvent) => handler.call(connection, { channel: chunkDataChannel(event.channel, accept) } as RTCDataChannelEvent)
    : null;
}

/**
 * The same WebRTC implementation, with every data channel carrying messages of any size, and
 * only messages `accept` lets through (all, by default).
 */
export function withChunkedDataChannels(base: WebrtcImplementation, accept: PeerMessageFilter = () => true): WebrtcImplementation {
  class ChunkedPeerConnection extends base.RTCPeerConnection {
    constructor(...args: ConstructorParameters<typeof RTCPeerConnection>) {
      super(...args);
      // @roamhq/wrtc defines `ondatachannel` as an own, non-configurable data property of each
      // connection, which hides the accessor below: the answering peer's channel would stay
      // unwrapped and receive frames as garbage. Catch the assignment on the instance instead.
      if (Object.prototype.hasOwnProperty.call(this, 'ondatachannel')) {
        return new Proxy(this, {
          set(target, property, value: unknown) {
            const next = property === 'ondatachannel' ? chunkedDataChannelHandler(target, value as DataChannelHandler, accept) : value;
            return Reflect.set(target, property, next, target);
          },
        });
      }
    }

    override createDataChannel(label: string, init?: RTCDataChannelInit): RTCDataChannel {
      return chunkDataChannel(super.createDataChannel(label, init), accept);
    }

    override get ondatachannel(): DataChannelHandler {
      return super.ondatachannel;
    }

    override set ondatachannel(handler: DataChannelHandler) {
      super.ondatachannel = chunkedDataChannelHandler(this, handler, accept);
    }
  }
  return {
    RTCPeerConnection: ChunkedPeerConnection,
    RTCSessionDescription: base.RTCSessionDescription,
    RTCIceCandidate: base.RTCIceCandidate,
  };
}
