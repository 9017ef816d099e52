import {
  BRIDGE_GLOBAL,
  BRIDGE_METHODS,
  createCheckedRequests,
  parseAppCommand,
  parseAutomaticBackupOutcome,
  type AppCommand,
  type BackupDestination,
  type BackupFileOutcome,
  type IpcArgsInput,
  type IpcMethod,
  type PeerbookRequests,
} from '../../shared/ipc/ipcContract';
import type { Platform } from './platform';

/**
 * The preload's bridge as the renderer sees it: methods of the right names whose answers are not
 * trusted yet. In a browser any script or extension can define a global with the bridge's name,
 * so both its shape and its answers are checked, with the contract's validators.
 */
export type UntrustedBridge = {
  readonly [M in IpcMethod]: (...args: IpcArgsInput<M>) => Promise<unknown>;
} & {
  readonly onCommand: (listener: (command: unknown) => void) => unknown;
};

/**
 * The bridge's requests, each answer checked against the contract (generated from it, like the
 * preload's), and each failure of main's shown without Electron's wrapping (withoutIpcWrapping).
 */
export function checkedRequests(bridge: UntrustedBridge): PeerbookRequests {
  return createCheckedRequests(async (method, args) => {
    const request = bridge[method] as (...args: readonly unknown[]) => Promise<unknown>;
    try {
      return await request(...args);
    } catch (error) {
      throw withoutIpcWrapping(error);
    }
  });
}

/**
 * The bridge the preload exposed on `window[BRIDGE_GLOBAL]`, or null outside the desktop app.
 * This is the only place in the renderer that touches that global. `scope` is `window` in the
 * renderer (globalThis is the window there) and a plain object in tests.
 */
export function readPreloadBridge(scope: object = globalThis): UntrustedBridge | null {
  const candidate: unknown = Reflect.get(scope, BRIDGE_GLOBAL);
  return isUntrustedBridge(candidate) ? candidate : null;
}

function isUntrustedBridge(value: unknown): value is UntrustedBridge {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  return BRIDGE_METHODS.every((method) => typeof Reflect.get(value, method) === 'function');
}

/**
 * Electron rejects `ipcRenderer.invoke` with "Error invoking remote method '<channel>': <Name>:
 * <message>" when main's handler throws; the user is shown main's message without the wrapping.
 */
export function withoutIpcWrapping(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const unwrapped = /^Error invoking remote method '[^']*': (?:\w*Error: )?([\s\S]+)$/.exec(error.message);
  return unwrapped?.[1] === undefined ? error : new Error(unwrapped[1], { cause: error });
}

/** Lines are sent to main in parts of about this many characters (main takes up to 8 Mi). */
export const BACKUP_PART_LENGTH = 4 * 1024 * 1024;

/** Whole lines joined into parts of at least `length` characters (the last may be shorter). */
async function* partsOf(lines: AsyncIterable<string>, length: number): AsyncGenerator<string> {
  let pending: string[] = [];
  let pendingLength = 0;
  for await (const line of lines) {
    pending.push(line);
    pendingLength += line.length;
    if (pendingLength >= length) {
      yield pending.join('');
      pending = [];
      pendingLength = 0;
    }
  }
  if (pending.length > 0) yield pending.join('');
}

/**
 * Writes a backup through main part by part; null when the user cancelled the save dialog. A
 * failure gives the file up, so nothing half-written is left.
 */
async function writeBackupFile(main: PeerbookRequests, destination: BackupDestination, lines: AsyncIterable<string>): Promise<BackupFileOutcome | null> {
  const start = await main.startBackupFile(destination);
  if (start.status === 'cancelled') return null;
  try {
    for await (const part of partsOf(lines, BACKUP_PART_LENGTH)) await main.appendToBackupFile(start.handle, part);
    return await main.finishBackupFile(start.handle);
  } catch (error) {
    await main.discardBackupFile(start.handle).catch(() => undefined);
    throw error;
  }
}

export function createElectronPlatform(bridge: UntrustedBridge): Platform {
  const main = checkedRequests(bridge);
  return {
    kind: 'desktop',
    getAppInfo: () => main.getAppInfo(),
    saveTextFile: async (suggestedName, text) => {
      await main.saveTextFile(suggestedName, text);
    },
    // Main shows its folder dialog after the files are made; it needs no click to do so.
    saveMarkdownFolder: async (makeFiles) => main.saveMarkdownFolder(await makeFiles()),
    canShareOnLocalNetwork: true,
    setLocalNetworkSharing: (wanted) => main.setLocalNetworkSharing(wanted),
    saveBackupFile: async (suggestedName, lines) => ((await writeBackupFile(main, { kind: 'chosen', suggestedName }, lines)) ? 'saved' : 'cancelled'),
    writeAutomaticBackup: async (lines) => parseAutomaticBackupOutcome(await writeBackupFile(main, { kind: 'automatic' }, lines)),
    onCommand: (listener) => {
      const unsubscribe = bridge.onCommand((payload) => {
        let command: AppCommand;
        try {
          command = parseAppCommand(payload);
        } catch {
          return; // not from our preload: nothing to do
        }
        listener(command);
      });
      return () => {
        if (typeof unsubscribe === 'function') unsubscribe();
      };
    },
  };
}
