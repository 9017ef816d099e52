import path from 'node:path';
import { isBackupFileEnd, isBackupFileStart } from '../shared/backup/backupFileFrame';
import { MAX_BACKUP_FILE_LENGTH, type BackupDestination, type BackupFileOutcome, type BackupFileStart } from '../shared/ipc/ipcContract';
import type { AutomaticBackups } from './automaticBackups';
import { startPartialFile, type PartialFileSystem } from './partialFile';

/**
 * Backup files the renderer writes part by part over IPC (shared/ipc/ipcContract.ts,
 * startBackupFile…discardBackupFile): a backup can be larger than one string, and one string
 * through IPC would have to be built whole on both sides. Main opens the file (an automatic
 * backup it names itself, or the place the user picked in a save dialog), appends each part as
 * it arrives under a partial name, and puts the file in place only once it ended as a backup
 * ends. It checks the frame as it goes (the first line a backup's, the last line a backup's end,
 * a bound on the size); the checksum inside is the restore's to check.
 */

/** A started file that gets no part for this long is given up when another of its kind starts. */
export const BACKUP_FILE_IDLE_MS = 10 * 60 * 1000;

export interface BackupFilesOptions {
  readonly automatic: AutomaticBackups;
  /** Shows the save dialog; the path the user picked, or null when cancelled. */
  readonly chooseBackupPath: (suggestedName: string) => Promise<string | null>;
  readonly fs: PartialFileSystem;
  /** 128 random bits as 32 hex digits. */
  readonly newHandle: () => string;
  readonly now: () => number;
}

export interface BackupFiles {
  start(destination: BackupDestination): Promise<BackupFileStart>;
  append(handle: string, part: string): Promise<void>;
  finish(handle: string): Promise<BackupFileOutcome>;
  discard(handle: string): Promise<void>;
}

export class BackupFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupFileError';
  }
}

interface OpenFile {
  readonly kind: BackupDestination['kind'];
  append(text: string): Promise<void>;
  finish(): Promise<BackupFileOutcome>;
  discard(): Promise<void>;
  length: number;
  /** The last characters written, enough to hold the last line. */
  tail: string;
  lastActivity: number;
}

/** A backup's last line is short (its end, its line count, its checksum). */
const TAIL_LENGTH = 4096;

export function createBackupFiles(options: BackupFilesOptions): BackupFiles {
  const open = new Map<string, OpenFile>();

  const take = (handle: string): OpenFile => {
    const file = open.get(handle);
    if (!file) throw new BackupFileError('This backup file is not open (it was finished, given up, or never started).');
    file.lastActivity = options.now();
    return file;
  };

  const close = async (handle: string): Promise<void> => {
    const file = open.get(handle);
    open.delete(handle);
    await file?.discard();
  };

  return {
    async start(destination) {
      // One file of each kind at a time; one left idle (a renderer reloaded midway) is given up.
      for (const [handle, file] of open) {
        if (file.kind !== destination.kind) continue;
        if (options.now() - file.lastActivity < BACKUP_FILE_IDLE_MS) throw new BackupFileError('A backup is already being written.');
        await close(handle);
      }
      let file: Omit<OpenFile, 'length' | 'tail' | 'lastActivity' | 'kind'>;
      if (destination.kind === 'automatic') {
        file = await options.automatic.start();
      } else {
        const target = await options.chooseBackupPath(destination.suggestedName);
        if (target === null) return { status: 'cancelled' };
        const partial = await startPartialFile(options.fs, target);
        file = {
          append: (text) => partial.append(text),
          finish: async () => {
            await partial.finish();
            return { folder: path.dirname(target), file: path.basename(target), kept: null };
          },
          discard: () => partial.discard(),
        };
      }
      const handle = options.newHandle();
      open.set(handle, { ...file, kind: destination.kind, length: 0, tail: '', lastActivity: options.now() });
      return { status: 'started', handle };
    },

    async append(handle, part) {
      const file = take(handle);
      if (file.length === 0 && !isBackupFileStart(part)) {
        await close(handle);
        throw new BackupFileError('This is not a Peerbook backup: it does not start as one.');
      }
      if (file.length + part.length > MAX_BACKUP_FILE_LENGTH) {
        await close(handle);
        throw new BackupFileError('This backup is larger than Peerbook writes.');
      }
      file.length += part.length;
      file.tail = (file.tail + part).slice(-TAIL_LENGTH);
      try {
        await file.append(part);
      } catch (error) {
        open.delete(handle);
        throw error;
      }
    },

    async finish(handle) {
      const file = take(handle);
      open.delete(handle);
      if (!isBackupFileEnd(file.tail)) {
        await file.discard();
        throw new BackupFileError('This backup was not written to its end; nothing was saved.');
      }
      return file.finish();
    },

    discard: (handle) => close(handle),
  };
}
