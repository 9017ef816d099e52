import {
  BRIDGE_GLOBAL,
  IPC_CHANNELS,
  parseAppInfo,
  type IpcChannel,
  type PeerbookBridge,
} from '../shared/ipc/ipcContract';

/** Sends one request to main and resolves with its untrusted answer (`ipcRenderer.invoke`). */
export type InvokeChannel = (channel: IpcChannel, ...args: unknown[]) => Promise<unknown>;

/**
 * The object the preload exposes: exactly `PeerbookBridge`, one method per channel, each a fixed
 * channel name. Never a generic `invoke(channel)` and never `ipcRenderer` itself, which would let
 * page script send anything to main.
 * https://www.electronjs.org/docs/latest/tutorial/context-isolation#security-considerations
 */
export function createBridge(invoke: InvokeChannel): PeerbookBridge {
  return {
    getAppInfo: async () => parseAppInfo(await invoke(IPC_CHANNELS.getAppInfo)),
  };
}

/** The parts of Electron's `contextBridge` and `ipcRenderer` the preload uses. */
export interface MainWorldExposer {
  exposeInMainWorld(apiKey: string, api: unknown): void;
}
export interface ChannelInvoker {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
}

export function exposeBridge(contextBridge: MainWorldExposer, ipcRenderer: ChannelInvoker): void {
  const bridge = createBridge((channel, ...args) => ipcRenderer.invoke(channel, ...args));
  contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge);
}
