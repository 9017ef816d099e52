import { mkdir, open, readdir, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { automaticBackupFileName, isAutomaticBackupFileName } from '../shared/backup/automaticBackupFileName';
import type { AutomaticBackupOutcome } from '../shared/ipc/ipcContract';
import { PARTIAL_SUFFIX, startPartialFile, type PartialFile, type PartialFileSystem } from './partialFile';
import { describeError } from '../shared/errors/describeError';

/**
 * The desktop app's rotating automatic backups (issue 6): the renderer makes the backup
 * (renderer/journal/journalBackup.ts) and sends it part by part (electron/backupFiles.ts); main
 * writes it as a new file in one folder of the user's documents, then keeps only the newest few.
 * Main chooses the folder and the name; the parts arrive validated (shared/ipc/ipcContract.ts).
 *
 * Only regular files named exactly like an automatic backup are ever deleted, never anything
 * else the folder holds (a manual backup saved there, the user's own files, folders, links).
 */

export const AUTOMATIC_BACKUP_FOLDER_NAME = 'Peerbook Backups';
export const AUTOMATIC_BACKUPS_KEPT = 10;

/** The file operations used; nodeBackupFileSystem is the real one. */
export interface BackupFileSystem extends PartialFileSystem {
  /** Creates the folder and any missing parents; nothing happens if it exists. */
  mkdir(folder: string): Promise<unknown>;
  /** Names of the regular files in the folder (not folders or symbolic links). */
  listFiles(folder: string): Promise<string[]>;
}

export interface AutomaticBackupOptions {
  readonly fs: BackupFileSystem;
  /** `app.getPath('documents')` joined with AUTOMATIC_BACKUP_FOLDER_NAME. */
  readonly folder: string;
  readonly now: () => Date;
  /** How many automatic backups to keep, the new one included. */
  readonly keep?: number;
}

/** A new automatic backup being written, part by part. */
export interface AutomaticBackupFile {
  append(text: string): Promise<void>;
  /** Puts the file in place and removes the oldest automatic backups beyond the number kept. */
  finish(): Promise<AutomaticBackupOutcome>;
  discard(): Promise<void>;
}

export interface AutomaticBackups {
  /** Starts a new automatic backup; one at a time. */
  start(): Promise<AutomaticBackupFile>;
}

/** Any failure of an automatic backup, in words the user can act on. */
export class AutomaticBackupError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AutomaticBackupError';
  }
}


function hasCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === code;
}

/** What a write that never finished (the app killed, the power cut) leaves behind. */
function isLeftoverPartial(name: string): boolean {
  return name.endsWith(PARTIAL_SUFFIX) && isAutomaticBackupFileName(name.slice(0, -PARTIAL_SUFFIX.length));
}

export function createAutomaticBackups(options: AutomaticBackupOptions): AutomaticBackups {
  const { fs, folder, now } = options;
  const keep = options.keep ?? AUTOMATIC_BACKUPS_KEPT;
  if (!Number.isInteger(keep) || keep < 1) throw new RangeError('keep must be a whole number of at least 1');
  let writing = false;

  /** Removes the oldest automatic backups beyond `keep`; answers how many are left. */
  const rotate = async (written: string): Promise<number> => {
    let names: string[];
    try {
      names = await fs.listFiles(folder);
    } catch (error) {
      throw new AutomaticBackupError(
        `The backup was saved as ${written}, but old backups could not be listed in ${folder}: ${describeError(error)}`,
        { cause: error },
      );
    }
    // The file just written is always kept, even when the clock was set back and other names
    // sort after it: the newest backup by content must never be the one rotated away.
    const others = names
      .filter((name) => name !== written && isAutomaticBackupFileName(name))
      .sort()
      .reverse();
    const unwanted = [...others.slice(keep - 1), ...names.filter(isLeftoverPartial)];
    const failures: string[] = [];
    for (const name of unwanted) {
      try {
        await fs.unlink(path.join(folder, name));
      } catch (error) {
        if (!hasCode(error, 'ENOENT')) failures.push(`${name} (${describeError(error)})`);
      }
    }
    if (failures.length > 0) {
      throw new AutomaticBackupError(
        `The backup was saved as ${written}, but ${failures.length} old ${failures.length === 1 ? 'backup' : 'backups'} ` +
          `in ${folder} could not be removed: ${failures.join(', ')}`,
      );
    }
    return Math.min(others.length, keep - 1) + 1;
  };

  return {
    async start() {
      // One at a time: the app asks every few hours, so a second request while one is written
      // comes from a renderer misbehaving.
      if (writing) throw new AutomaticBackupError('An automatic backup is already being written.');
      writing = true;
      const file = automaticBackupFileName(now());
      const target = path.join(folder, file);
      const failed = (error: unknown): AutomaticBackupError => {
        writing = false;
        return new AutomaticBackupError(`Could not write the backup ${target}: ${describeError(error)}`, { cause: error });
      };
      let partial: PartialFile;
      try {
        await fs.mkdir(folder);
        // Written in parts and flushed under another name, then renamed: the folder never holds
        // a cut-short file under a backup's name, whatever happens midway.
        partial = await startPartialFile(fs, target);
      } catch (error) {
        throw failed(error);
      }
      let done = false;
      const end = (): void => {
        done = true;
        writing = false;
      };
      return {
        append: async (text) => {
          if (done) throw new AutomaticBackupError('This automatic backup is already finished.');
          await partial.append(text).catch((error: unknown) => {
            done = true;
            throw failed(error);
          });
        },
        finish: async () => {
          if (done) throw new AutomaticBackupError('This automatic backup is already finished.');
          try {
            await partial.finish();
          } catch (error) {
            done = true;
            throw failed(error);
          }
          end();
          return { folder, file, kept: await rotate(file) };
        },
        discard: async () => {
          if (done) return;
          end();
          await partial.discard();
        },
      };
    },
  };
}

/** The real file system (node:fs/promises). */
export const nodeBackupFileSystem: BackupFileSystem = {
  mkdir: (folder) => mkdir(folder, { recursive: true }),
  async createFile(filePath) {
    const handle = await open(filePath, 'w');
    return {
      append: async (text) => {
        await handle.write(text, null, 'utf8');
      },
      close: async (flush) => {
        try {
          if (flush) await handle.sync();
        } finally {
          await handle.close();
        }
      },
    };
  },
  rename: (from, to) => rename(from, to),
  listFiles: async (folder) =>
    (await readdir(folder, { withFileTypes: true })).filter((entry) => entry.isFile()).map((entry) => entry.name),
  unlink: (filePath) => unlink(filePath),
};
