import {
  BRIDGE_GLOBAL,
  COMMAND_CHANNEL,
  IPC_CHANNELS,
  parseAppCommand,
  parseAppInfo,
  parseBackupFileOutcome,
  parseBackupFileStart,
  parseFolderExportOutcome,
  parseLocalNetworkSignaling,
  parseSaveFileOutcome,
  type AppCommand,
  type AppCommandListener,
  type IpcChannel,
  type PeerbookBridge,
} from '../shared/ipc/ipcContract';

/** Sends one request to main and resolves with its untrusted answer (`ipcRenderer.invoke`). */
export type InvokeChannel = (channel: IpcChannel, ...args: unknown[]) => Promise<unknown>;

/**
 * Listens to the command channel (`ipcRenderer.on`) with a listener that is given the payload
 * only, never Electron's event: the event's `sender` is ipcRenderer itself, which must not reach
 * the page. https://www.electronjs.org/docs/latest/tutorial/context-isolation#security-considerations
 */
export type ListenToCommands = (listener: (payload: unknown) => void) => void;

/** Commands kept for the app until it subscribes; a deep link can arrive before React mounts. */
const MAX_WAITING_COMMANDS = 8;

/**
 * The object the preload exposes: exactly `PeerbookBridge`, one method per channel, each a fixed
 * channel name. Never a generic `invoke(channel)` and never `ipcRenderer` itself, which would let
 * page script send anything to main. Answers and commands from main are validated here too, so
 * the page sees only what the contract allows.
 * https://www.electronjs.org/docs/latest/tutorial/context-isolation#security-considerations
 */
export function createBridge(invoke: InvokeChannel, listenToCommands: ListenToCommands): PeerbookBridge {
  const listeners = new Set<AppCommandListener>();
  const waiting: AppCommand[] = [];
  const dispatch = (command: AppCommand): void => {
    for (const listener of [...listeners]) {
      try {
        listener(command);
      } catch (error) {
        console.error('[peerbook] a command listener failed', error);
      }
    }
  };
  listenToCommands((payload) => {
    let command: AppCommand;
    try {
      command = parseAppCommand(payload);
    } catch (error) {
      console.error('[peerbook] dropped a malformed command from main', error);
      return;
    }
    if (listeners.size === 0) {
      waiting.push(command);
      waiting.splice(0, Math.max(0, waiting.length - MAX_WAITING_COMMANDS));
      return;
    }
    dispatch(command);
  });

  return {
    getAppInfo: async () => parseAppInfo(await invoke(IPC_CHANNELS.getAppInfo)),
    saveTextFile: async (suggestedName, text) =>
      parseSaveFileOutcome(await invoke(IPC_CHANNELS.saveTextFile, suggestedName, text)),
    saveMarkdownFolder: async (files) =>
      parseFolderExportOutcome(await invoke(IPC_CHANNELS.saveMarkdownFolder, files)),
    setLocalNetworkSharing: async (wanted) =>
      parseLocalNetworkSignaling(await invoke(IPC_CHANNELS.setLocalNetworkSharing, wanted)),
    startBackupFile: async (destination) => parseBackupFileStart(await invoke(IPC_CHANNELS.startBackupFile, destination)),
    appendToBackupFile: async (handle, part) => {
      await invoke(IPC_CHANNELS.appendToBackupFile, handle, part);
    },
    finishBackupFile: async (handle) => parseBackupFileOutcome(await invoke(IPC_CHANNELS.finishBackupFile, handle)),
    discardBackupFile: async (handle) => {
      await invoke(IPC_CHANNELS.discardBackupFile, handle);
    },
    onCommand: (listener) => {
      if (typeof listener !== 'function') {
        throw new TypeError('onCommand needs a function');
      }
      listeners.add(listener);
      // Delivered on a later task, after the subscriber's own set-up has finished.
      setTimeout(() => {
        if (listeners.size > 0) {
          for (const command of waiting.splice(0)) dispatch(command);
        }
      }, 0);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}

/** The parts of Electron's `contextBridge` and `ipcRenderer` the preload uses. */
export interface MainWorldExposer {
  exposeInMainWorld(apiKey: string, api: unknown): void;
}
export interface PreloadIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export function exposeBridge(contextBridge: MainWorldExposer, ipcRenderer: PreloadIpc): void {
  const bridge = createBridge(
    (channel, ...args) => ipcRenderer.invoke(channel, ...args),
    (listener) => {
      ipcRenderer.on(COMMAND_CHANNEL, (_event, payload) => listener(payload));
    },
  );
  contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge);
}
