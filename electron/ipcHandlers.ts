import {
  IPC_CHANNELS,
  InvalidIpcPayloadError,
  parseAppInfo,
  type PeerbookBridge,
} from '../shared/ipc/ipcContract';
import { checkIpcSender, UntrustedIpcSenderError, type IpcSenderEvent } from './ipcSenderCheck';

/**
 * One handler per bridge method, keyed like `PeerbookBridge`, so adding a method to the contract
 * fails to compile here until main answers it. Arguments arrive as `unknown[]` because the
 * renderer is not trusted to send what the types say.
 */
export type IpcHandlers = {
  readonly [Method in keyof PeerbookBridge]: (
    args: readonly unknown[],
  ) => Promise<Awaited<ReturnType<PeerbookBridge[Method]>>>;
};

/** Where main reads the app's identity (Electron's `app`). */
export interface AppIdentity {
  getName(): string;
  getVersion(): string;
}

export function createIpcHandlers(identity: AppIdentity): IpcHandlers {
  return {
    getAppInfo: async (args) => {
      expectNoArguments(IPC_CHANNELS.getAppInfo, args);
      // Validated on the way out too, so a broken package.json fails here rather than in the UI.
      return parseAppInfo({ name: identity.getName(), version: identity.getVersion() });
    },
  };
}

/** The part of Electron's `ipcMain` used to answer the renderer. */
export interface IpcInvokeRegistry {
  handle(channel: string, listener: (event: IpcSenderEvent, ...args: unknown[]) => Promise<unknown>): void;
}

/** Registers one `ipcMain.handle` per contract channel; each checks the sender before answering. */
export function registerIpcHandlers(ipc: IpcInvokeRegistry, handlers: IpcHandlers): void {
  for (const method of Object.keys(IPC_CHANNELS) as (keyof typeof IPC_CHANNELS)[]) {
    const channel = IPC_CHANNELS[method];
    const handler = handlers[method];
    ipc.handle(channel, async (event, ...args) => {
      if (!checkIpcSender(event)) {
        throw new UntrustedIpcSenderError(channel);
      }
      return handler(args);
    });
  }
}

function expectNoArguments(channel: string, args: readonly unknown[]): void {
  if (args.length !== 0) {
    throw new InvalidIpcPayloadError(channel, 'expected no arguments');
  }
}
