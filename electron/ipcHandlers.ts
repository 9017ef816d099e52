import {
  IPC_METHODS,
  IPC_REQUESTS,
  parseIpcAnswer,
  parseIpcArgs,
  type IpcArgs,
  type IpcMethod,
  type IpcRequests,
} from '../shared/ipc/ipcContract';
import type * as v from 'valibot';
import type { BackupFiles } from './backupFiles';
import type { FileExport } from './fileExport';
import { checkIpcSender, UntrustedIpcSenderError, type IpcSenderEvent } from './ipcSenderCheck';

/**
 * One handler per request of the contract (shared/ipc/ipcContract.ts), keyed and typed by it: a
 * new entry there fails to compile here until main answers it. A handler is called with its
 * arguments already checked against the contract, and what it answers is checked on the way out
 * (registerIpcHandlers), so a broken dependency fails here rather than in the UI.
 */
export type IpcHandlers = {
  readonly [M in IpcMethod]: (...args: IpcArgs<M>) => Promise<v.InferInput<IpcRequests[M]['answer']>>;
};

/** Where main reads the app's identity (Electron's `app`). */
export interface AppIdentity {
  getName(): string;
  getVersion(): string;
}

export interface IpcHandlerDependencies {
  readonly identity: AppIdentity;
  readonly files: Pick<FileExport, 'saveTextFile' | 'saveMarkdownFolder'>;
  /** localNetworkSignaling.ts */
  readonly localNetwork: { setWanted(wanted: boolean): Promise<readonly string[]> };
  /** backupFiles.ts: backups, automatic or saved where the user chose, written part by part. */
  readonly backupFiles: BackupFiles;
}

export function createIpcHandlers(dependencies: IpcHandlerDependencies): IpcHandlers {
  const { identity, files, localNetwork, backupFiles } = dependencies;
  return {
    getAppInfo: async () => ({ name: identity.getName(), version: identity.getVersion() }),
    saveTextFile: (suggestedName, text) => files.saveTextFile(suggestedName, text),
    saveMarkdownFolder: (markdownFiles) => files.saveMarkdownFolder(markdownFiles),
    setLocalNetworkSharing: async (wanted) => [...(await localNetwork.setWanted(wanted))],
    startBackupFile: (destination) => backupFiles.start(destination),
    appendToBackupFile: (handle, part) => backupFiles.append(handle, part),
    finishBackupFile: (handle) => backupFiles.finish(handle),
    discardBackupFile: (handle) => backupFiles.discard(handle),
  };
}

/** The part of Electron's `ipcMain` used to answer the renderer. */
export interface IpcInvokeRegistry {
  handle(channel: string, listener: (event: IpcSenderEvent, ...args: unknown[]) => Promise<unknown>): void;
}

/**
 * Registers one `ipcMain.handle` per request of the contract. Each checks the sender, then the
 * payload (it arrives as `unknown[]`: the renderer is not trusted to send what the types say),
 * before its handler runs, and the handler's answer before it leaves.
 */
export function registerIpcHandlers(ipc: IpcInvokeRegistry, handlers: IpcHandlers): void {
  for (const method of IPC_METHODS) register(ipc, method, handlers[method]);
}

function register<M extends IpcMethod>(ipc: IpcInvokeRegistry, method: M, handler: IpcHandlers[M]): void {
  const { channel } = IPC_REQUESTS[method];
  const answer = handler as (...args: IpcArgs<M>) => Promise<unknown>;
  ipc.handle(channel, async (event, ...args) => {
    if (!checkIpcSender(event)) throw new UntrustedIpcSenderError(channel);
    return parseIpcAnswer(method, await answer(...parseIpcArgs(method, args)));
  });
}
