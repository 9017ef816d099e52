import { mkdir, open, readdir, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { automaticBackupFileName, isAutomaticBackupFileName } from '../shared/backup/automaticBackupFileName';
import type { AutomaticBackupOutcome } from '../shared/ipc/ipcContract';

/**
 * The desktop app's rotating automatic backups (issue 6): the renderer makes the backup's text
 * (renderer/journal/journalBackup.ts) and main writes it as a new file in one folder of the
 * user's documents, then keeps only the newest few. Main chooses the folder and the name; the
 * text arrives validated (shared/ipc/ipcContract.ts).
 *
 * Only regular files named exactly like an automatic backup are ever deleted, never anything
 * else the folder holds (a manual backup saved there, the user's own files, folders, links).
 */

export const AUTOMATIC_BACKUP_FOLDER_NAME = 'Peerbook Backups';
export const AUTOMATIC_BACKUPS_KEPT = 10;

/** A backup is written here first and renamed into place once complete. */
const PARTIAL_SUFFIX = '.partial';

/** The file operations used; nodeBackupFileSystem is the real one. */
export interface BackupFileSystem {
  /** Creates the folder and any missing parents; nothing happens if it exists. */
  mkdir(folder: string): Promise<unknown>;
  /** Writes the whole text and flushes it to the disk (fsync) before resolving. */
  writeFileFlushed(filePath: string, text: string): Promise<void>;
  /** Replaces `to` if it exists (as `rename(2)` and Node's `fs.rename` on Windows do). */
  rename(from: string, to: string): Promise<void>;
  /** Names of the regular files in the folder (not folders or symbolic links). */
  listFiles(folder: string): Promise<string[]>;
  unlink(filePath: string): Promise<void>;
}

export interface AutomaticBackupOptions {
  readonly fs: BackupFileSystem;
  /** `app.getPath('documents')` joined with AUTOMATIC_BACKUP_FOLDER_NAME. */
  readonly folder: string;
  readonly now: () => Date;
  /** How many automatic backups to keep, the new one included. */
  readonly keep?: number;
}

export interface AutomaticBackups {
  write(text: string): Promise<AutomaticBackupOutcome>;
}

/** Any failure of an automatic backup, in words the user can act on. */
export class AutomaticBackupError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AutomaticBackupError';
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
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
        `The backup was saved as ${written}, but old backups could not be listed in ${folder}: ${describe(error)}`,
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
        if (!hasCode(error, 'ENOENT')) failures.push(`${name} (${describe(error)})`);
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
    async write(text) {
      // One at a time: the app asks every few hours, so a second request while one is written
      // comes from a renderer misbehaving, and queueing it would hold its text in memory.
      if (writing) throw new AutomaticBackupError('An automatic backup is already being written.');
      writing = true;
      try {
        const file = automaticBackupFileName(now());
        const target = path.join(folder, file);
        const partial = `${target}${PARTIAL_SUFFIX}`;
        try {
          await fs.mkdir(folder);
          // Written whole and flushed under another name, then renamed: the folder never holds a
          // cut-short file under a backup's name, whatever happens midway.
          await fs.writeFileFlushed(partial, text);
          await fs.rename(partial, target);
        } catch (error) {
          await fs.unlink(partial).catch(() => undefined);
          throw new AutomaticBackupError(`Could not write the backup ${target}: ${describe(error)}`, { cause: error });
        }
        return { folder, file, kept: await rotate(file) };
      } finally {
        writing = false;
      }
    },
  };
}

/** The real file system (node:fs/promises). */
export const nodeBackupFileSystem: BackupFileSystem = {
  mkdir: (folder) => mkdir(folder, { recursive: true }),
  async writeFileFlushed(filePath, text) {
    const handle = await open(filePath, 'w');
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
  rename: (from, to) => rename(from, to),
  listFiles: async (folder) =>
    (await readdir(folder, { withFileTypes: true })).filter((entry) => entry.isFile()).map((entry) => entry.name),
  unlink: (filePath) => unlink(filePath),
};
