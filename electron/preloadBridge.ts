import { Emitter } from '../shared/events/emitter';
import {
  BRIDGE_GLOBAL,
  COMMAND_CHANNEL,
  createCheckedRequests,
  IPC_REQUESTS,
  parseAppCommand,
  type AppCommand,
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
 * The object the preload exposes: exactly `PeerbookBridge`, one method per request of the
 * contract, each sending on its fixed channel (generated from IPC_REQUESTS), and `onCommand`.
 * Never a generic `invoke(channel)` and never `ipcRenderer` itself, which would let page script
 * send anything to main. Answers and commands from main are checked here too, so the page sees
 * only what the contract allows.
 * https://www.electronjs.org/docs/latest/tutorial/context-isolation#security-considerations
 */
export function createBridge(invoke: InvokeChannel, listenToCommands: ListenToCommands): PeerbookBridge {
  const commands = new Emitter<AppCommand>({ onListenerError: (error) => console.error('[peerbook] a command listener failed', error) });
  const waiting: AppCommand[] = [];
  listenToCommands((payload) => {
    let command: AppCommand;
    try {
      command = parseAppCommand(payload);
    } catch (error) {
      console.error('[peerbook] dropped a malformed command from main', error);
      return;
    }
    if (commands.size === 0) {
      waiting.push(command);
      waiting.splice(0, Math.max(0, waiting.length - MAX_WAITING_COMMANDS));
      return;
    }
    commands.fire(command);
  });

  return {
    ...createCheckedRequests((method, args) => invoke(IPC_REQUESTS[method].channel, ...args)),
    onCommand: (listener) => {
      if (typeof listener !== 'function') {
        throw new TypeError('onCommand needs a function');
      }
      const unsubscribe = commands.event(listener);
      // Delivered on a later task, after the subscriber's own set-up has finished.
      setTimeout(() => {
        if (commands.size > 0) {
          for (const command of waiting.splice(0)) commands.fire(command);
        }
      }, 0);
      return unsubscribe;
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
