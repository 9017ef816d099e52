import {
  IPC_CHANNELS,
  parseAppendToBackupFileArgs,
  parseAppInfo,
  parseBackupFileHandleArgs,
  parseBackupFileOutcome,
  parseBackupFileStart,
  parseFolderExportOutcome,
  parseGetAppInfoArgs,
  parseLocalNetworkSignaling,
  parseSaveFileOutcome,
  parseSaveMarkdownFolderArgs,
  parseSaveTextFileArgs,
  parseSetLocalNetworkSharingArgs,
  parseStartBackupFileArgs,
  type PeerbookRequests,
} from '../shared/ipc/ipcContract';
import type { BackupFiles } from './backupFiles';
import type { FileExport } from './fileExport';
import { checkIpcSender, UntrustedIpcSenderError, type IpcSenderEvent } from './ipcSenderCheck';

/**
 * One handler per request method, keyed like `PeerbookRequests`, so adding a method to the
 * contract fails to compile here until main answers it. Arguments arrive as `unknown[]` because
 * the renderer is not trusted to send what the types say; each handler validates them with the
 * contract's parser before anything runs, and validates its own answer on the way out.
 */
export type IpcHandlers = {
  readonly [Method in keyof PeerbookRequests]: (
    args: readonly unknown[],
  ) => Promise<Awaited<ReturnType<PeerbookRequests[Method]>>>;
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
    getAppInfo: async (args) => {
      parseGetAppInfoArgs(args);
      // Validated on the way out too, so a broken package.json fails here rather than in the UI.
      return parseAppInfo({ name: identity.getName(), version: identity.getVersion() });
    },
    saveTextFile: async (args) => {
      const { suggestedName, text } = parseSaveTextFileArgs(args);
      return parseSaveFileOutcome(await files.saveTextFile(suggestedName, text));
    },
    saveMarkdownFolder: async (args) => {
      const markdownFiles = parseSaveMarkdownFolderArgs(args);
      return parseFolderExportOutcome(await files.saveMarkdownFolder(markdownFiles));
    },
    setLocalNetworkSharing: async (args) => {
      const wanted = parseSetLocalNetworkSharingArgs(args);
      return parseLocalNetworkSignaling(await localNetwork.setWanted(wanted));
    },
    startBackupFile: async (args) => parseBackupFileStart(await backupFiles.start(parseStartBackupFileArgs(args))),
    appendToBackupFile: async (args) => {
      const { handle, part } = parseAppendToBackupFileArgs(args);
      await backupFiles.append(handle, part);
    },
    finishBackupFile: async (args) => parseBackupFileOutcome(await backupFiles.finish(parseBackupFileHandleArgs(IPC_CHANNELS.finishBackupFile, args))),
    discardBackupFile: async (args) => {
      await backupFiles.discard(parseBackupFileHandleArgs(IPC_CHANNELS.discardBackupFile, args));
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
