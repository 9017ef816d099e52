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

/**
 * Wraps a data channel so that `send` splits large messages into frames and `onmessage` sees
 * whole messages again (see shared/sync/messageChunks.ts). A peer that breaks the framing is
 * disconnected: its channel is closed, which y-webrtc treats as the peer leaving.
 */
function chunkDataChannel(channel: RTCDataChannel): RTCDataChannel {
  const reassembler = new MessageReassembler();
  let nextMessageId = 1;
  let handler: MessageHandler = null;
  channel.onmessage = (event: MessageEvent) => {
    const bytes = toBytes(event.data);
    if (!bytes) {
      handler?.(event);
      return;
    }
    let whole: Uint8Array | null;
    try {
      whole = reassembler.accept(bytes);
    } catch {
      channel.close();
      return;
    }
    if (whole) handler?.({ data: whole.buffer.byteLength === whole.byteLength ? whole.buffer : whole.slice().buffer } as MessageEvent);
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
function chunkedDataChannelHandler(connection: RTCPeerConnection, handler: DataChannelHandler): DataChannelHandler {
  return handler
    ? (event: RTCDataChannelEvent) => handler.call(connection, { channel: chunkDataChannel(event.channel) } as RTCDataChannelEvent)
    : null;
}

/** The same WebRTC implementation, with every data channel carrying messages of any size. */
export function withChunkedDataChannels(base: WebrtcImplementation): WebrtcImplementation {
  class ChunkedPeerConnection extends base.RTCPeerConnection {
    constructor(...args: ConstructorParameters<typeof RTCPeerConnection>) {
      super(...args);
      // @roamhq/wrtc defines `ondatachannel` as an own, non-configurable data property of each
      // connection, which hides the accessor below: the answering peer's channel would stay
      // unwrapped and receive frames as garbage. Catch the assignment on the instance instead.
      if (Object.prototype.hasOwnProperty.call(this, 'ondatachannel')) {
        return new Proxy(this, {
          set(target, property, value: unknown) {
            const next = property === 'ondatachannel' ? chunkedDataChannelHandler(target, value as DataChannelHandler) : value;
            return Reflect.set(target, property, next, target);
          },
        });
      }
    }

    override createDataChannel(label: string, init?: RTCDataChannelInit): RTCDataChannel {
      return chunkDataChannel(super.createDataChannel(label, init));
    }

    override get ondatachannel(): DataChannelHandler {
      return super.ondatachannel;
    }

    override set ondatachannel(handler: DataChannelHandler) {
      super.ondatachannel = chunkedDataChannelHandler(this, handler);
    }
  }
  return {
    RTCPeerConnection: ChunkedPeerConnection,
    RTCSessionDescription: base.RTCSessionDescription,
    RTCIceCandidate: base.RTCIceCandidate,
  };
}
