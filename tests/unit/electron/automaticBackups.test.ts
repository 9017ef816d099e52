import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AutomaticBackupError,
  createAutomaticBackups,
  nodeBackupFileSystem,
  type AutomaticBackups,
  type BackupFileSystem,
} from '../../../electron/automaticBackups';

// Main's side of the automatic backups: write the new one whole (its parts as they arrive, under
// a partial name), then keep the ten newest, touching nothing else in the folder. A fake file system records every operation and can be
// told to fail; the last tests run the real one on a temporary folder.

const FOLDER = '/home/ana/Documents/Peerbook Backups';
const BACKUP_TEXT = '{"format":"peerbook-backup","version":1,"sha256":"00"}\n';

type Node = { kind: 'file'; text: string } | { kind: 'folder' } | { kind: 'link' };
type Failure = { operation: keyof BackupFileSystem | 'append'; name?: string; code: string };

function errorWithCode(code: string, message: string): Error {
  return Object.assign(new Error(`${code}: ${message}`), { code });
}

/** One folder, its entries by name, every operation logged, failures on demand. */
function fakeFolder(initial: Record<string, Node> = {}) {
  const entries = new Map(Object.entries(initial));
  let exists = Object.keys(initial).length > 0;
  const log: string[] = [];
  const failures: Failure[] = [];
  const nameOf = (filePath: string): string => {
    expect(path.dirname(filePath)).toBe(FOLDER); // nothing outside the folder, ever
    return path.basename(filePath);
  };
  const fail = (operation: Failure['operation'], name?: string): void => {
    const failure = failures.find((f) => f.operation === operation && (f.name === undefined || f.name === name));
    if (failure) throw errorWithCode(failure.code, `${operation} ${name ?? ''}`);
  };
  const fs: BackupFileSystem = {
    mkdir: async (folder) => {
      expect(folder).toBe(FOLDER);
      log.push('mkdir');
      fail('mkdir');
      exists = true;
    },
    createFile: async (filePath) => {
      const name = nameOf(filePath);
      if (!exists) throw errorWithCode('ENOENT', 'no folder');
      fail('createFile', name);
      let text = '';
      entries.set(name, { kind: 'file', text });
      return {
        append: async (part) => {
          fail('append', name);
          text += part;
          entries.set(name, { kind: 'file', text });
        },
        // Written whole once flushed and closed.
        close: async (flush) => {
          if (flush) log.push(`write ${name}`);
        },
      };
    },
    rename: async (from, to) => {
      log.push(`rename ${nameOf(from)} -> ${nameOf(to)}`);
      fail('rename', nameOf(to));
      const node = entries.get(nameOf(from));
      if (!node) throw errorWithCode('ENOENT', 'no such file');
      entries.delete(nameOf(from));
      entries.set(nameOf(to), node);
    },
    listFiles: async (folder) => {
      expect(folder).toBe(FOLDER);
      log.push('list');
      fail('listFiles');
      return [...entries].filter(([, node]) => node.kind === 'file').map(([name]) => name);
    },
    unlink: async (filePath) => {
      const name = nameOf(filePath);
      log.push(`unlink ${name}`);
      fail('unlink', name);
      if (!entries.delete(name)) throw errorWithCode('ENOENT', 'no such file');
    },
  };
  return { fs, entries, log, failures, names: () => [...entries.keys()].sort() };
}

const file = (text = 'old backup'): Node => ({ kind: 'file', text });

/** Writes each backup as the renderer sends it through main: started, appended in two parts, finished. */
function inParts(backups: AutomaticBackups) {
  return {
    write: async (text: string) => {
      const backup = await backups.start();
      const middle = Math.floor(text.length / 2);
      await backup.append(text.slice(0, middle));
      await backup.append(text.slice(middle));
      return backup.finish();
    },
  };
}

function backupsAt(now: Date, folder: ReturnType<typeof fakeFolder>, keep?: number) {
  return inParts(createAutomaticBackups({ fs: folder.fs, folder: FOLDER, now: () => now, ...(keep === undefined ? {} : { keep }) }));
}

/** Twelve automatic backups from March 2025, listed in no particular order. */
const TWELVE_OLD = [5, 1, 12, 3, 9, 7, 2, 11, 4, 10, 6, 8].map(
  (day) => `peerbook-backup-2025-03-${String(day).padStart(2, '0')}-090000.json`,
);

describe('writing an automatic backup', () => {
  it('names it by the local date and time, and writes it whole under another name before renaming it into place', async () => {
    const folder = fakeFolder();
    const outcome = await backupsAt(new Date(2025, 2, 14, 16, 30, 5), folder).write(BACKUP_TEXT);

    expect(outcome).toEqual({ folder: FOLDER, file: 'peerbook-backup-2025-03-14-163005.json', kept: 1 });
    expect(folder.log).toEqual([
      'mkdir',
      'write peerbook-backup-2025-03-14-163005.json.partial',
      'rename peerbook-backup-2025-03-14-163005.json.partial -> peerbook-backup-2025-03-14-163005.json',
      'list',
    ]);
    expect(folder.entries).toEqual(new Map([['peerbook-backup-2025-03-14-163005.json', file(BACKUP_TEXT)]]));
  });

  it('pads early months, days and hours so names sort by time', async () => {
    const folder = fakeFolder();
    const outcome = await backupsAt(new Date(2026, 0, 5, 7, 8, 9), folder).write(BACKUP_TEXT);
    expect(outcome.file).toBe('peerbook-backup-2026-01-05-070809.json');
  });
});

describe('keeping only the newest backups', () => {
  it('keeps the ten newest automatic backups and deletes the oldest, whatever order the folder lists them in', async () => {
    const folder = fakeFolder(Object.fromEntries(TWELVE_OLD.map((name) => [name, file()])));
    const outcome = await backupsAt(new Date(2025, 2, 14, 16, 30, 5), folder).write(BACKUP_TEXT);

    expect(outcome.kept).toBe(10);
    expect(folder.log.filter((entry) => entry.startsWith('unlink'))).toEqual([
      'unlink peerbook-backup-2025-03-03-090000.json',
      'unlink peerbook-backup-2025-03-02-090000.json',
      'unlink peerbook-backup-2025-03-01-090000.json',
    ]);
    expect(folder.names()).toEqual([
      ...Array.from({ length: 9 }, (_, index) => `peerbook-backup-2025-03-${String(index + 4).padStart(2, '0')}-090000.json`),
      'peerbook-backup-2025-03-14-163005.json',
    ]);
  });

  it('never touches anything else in the folder: manual backups, look-alikes, folders, links', async () => {
    const others: Record<string, Node> = {
      'peerbook-backup-2025-01-01.json': file('a manual backup, saved here by hand'),
      'Peerbook-Backup-2020-01-01-000000.json': file(),
      'peerbook-backup-2020-01-01-000000.json.bak': file(),
      'peerbook-backup-2020-01-01-000000.JSON': file(),
      'peerbook-backup-2020-01-01-0000.json': file(),
      'peerbook-backup-2020-01-01-000000.json.txt': file(),
      'old-peerbook-backup-2020-01-01-000000.json': file(),
      'notes.txt': file('my notes'),
      '.DS_Store': file(),
      'peerbook-backup-2020-01-02-000000.json': { kind: 'folder' },
      'peerbook-backup-2020-01-03-000000.json': { kind: 'link' },
    };
    const folder = fakeFolder({ ...others, ...Object.fromEntries(TWELVE_OLD.map((name) => [name, file()])) });
    await backupsAt(new Date(2025, 2, 14, 16, 30, 5), folder).write(BACKUP_TEXT);

    for (const [name, node] of Object.entries(others)) expect(folder.entries.get(name), name).toEqual(node);
    expect(folder.log.filter((entry) => entry.startsWith('unlink'))).toHaveLength(3);
  });

  it('keeps the backup just written even when the clock was set back and older names sort after it', async () => {
    const future = Array.from({ length: 10 }, (_, index) => `peerbook-backup-2030-06-${String(index + 10)}-120000.json`);
    const folder = fakeFolder(Object.fromEntries(future.map((name) => [name, file()])));
    const outcome = await backupsAt(new Date(2025, 2, 14, 16, 30, 5), folder).write(BACKUP_TEXT);

    expect(outcome.kept).toBe(10);
    expect(folder.entries.get('peerbook-backup-2025-03-14-163005.json')).toEqual(file(BACKUP_TEXT));
    expect(folder.log.filter((entry) => entry.startsWith('unlink'))).toEqual(['unlink peerbook-backup-2030-06-10-120000.json']);
  });

  it('replaces a backup made in the same second rather than failing', async () => {
    const folder = fakeFolder({ 'peerbook-backup-2025-03-14-163005.json': file('a second ago') });
    const outcome = await backupsAt(new Date(2025, 2, 14, 16, 30, 5), folder).write(BACKUP_TEXT);
    expect(outcome.kept).toBe(1);
    expect(folder.entries.get('peerbook-backup-2025-03-14-163005.json')).toEqual(file(BACKUP_TEXT));
  });

  it('clears what a write cut short left behind, and only that', async () => {
    const folder = fakeFolder({
      'peerbook-backup-2025-03-13-120000.json.partial': file('half a backup'),
      'peerbook-backup-2025-03-13.json.partial': file(),
      'report.partial': file(),
    });
    const outcome = await backupsAt(new Date(2025, 2, 14, 16, 30, 5), folder).write(BACKUP_TEXT);
    expect(outcome.kept).toBe(1);
    expect(folder.names()).toEqual([
      'peerbook-backup-2025-03-13.json.partial',
      'peerbook-backup-2025-03-14-163005.json',
      'report.partial',
    ]);
  });

  it('keeps as many as it is told to', async () => {
    const folder = fakeFolder(Object.fromEntries(TWELVE_OLD.map((name) => [name, file()])));
    const outcome = await backupsAt(new Date(2025, 2, 14, 16, 30, 5), folder, 3).write(BACKUP_TEXT);
    expect(outcome.kept).toBe(3);
    expect(folder.names()).toEqual([
      'peerbook-backup-2025-03-11-090000.json',
      'peerbook-backup-2025-03-12-090000.json',
      'peerbook-backup-2025-03-14-163005.json',
    ]);
    expect(() => backupsAt(new Date(), folder, 0)).toThrow(RangeError);
    expect(() => backupsAt(new Date(), folder, 2.5)).toThrow(RangeError);
  });
});

describe('when the disk says no', () => {
  it('a write that fails leaves no partial file, deletes no old backup, and says why', async () => {
    const folder = fakeFolder(Object.fromEntries(TWELVE_OLD.map((name) => [name, file()])));
    folder.failures.push({ operation: 'append', code: 'ENOSPC' });
    const failed = backupsAt(new Date(2025, 2, 14, 16, 30, 5), folder).write(BACKUP_TEXT);

    await expect(failed).rejects.toBeInstanceOf(AutomaticBackupError);
    await expect(failed).rejects.toThrow(
      `Could not write the backup ${FOLDER}/peerbook-backup-2025-03-14-163005.json: ENOSPC`,
    );
    expect(folder.names()).toEqual([...TWELVE_OLD].sort());
    expect(folder.log.filter((entry) => entry.startsWith('unlink'))).toEqual([
      'unlink peerbook-backup-2025-03-14-163005.json.partial',
    ]);
  });

  it('a rename that fails removes the partial file and keeps every old backup', async () => {
    const folder = fakeFolder(Object.fromEntries(TWELVE_OLD.map((name) => [name, file()])));
    folder.failures.push({ operation: 'rename', code: 'EPERM' });
    await expect(backupsAt(new Date(2025, 2, 14, 16, 30, 5), folder).write(BACKUP_TEXT)).rejects.toThrow(/EPERM/);
    expect(folder.names()).toEqual([...TWELVE_OLD].sort());
  });

  it('a folder that cannot be created is reported, and nothing is written', async () => {
    const folder = fakeFolder();
    folder.failures.push({ operation: 'mkdir', code: 'EACCES' });
    await expect(backupsAt(new Date(2025, 2, 14, 16, 30, 5), folder).write(BACKUP_TEXT)).rejects.toThrow(/EACCES/);
    expect(folder.names()).toEqual([]);
  });

  it('an old backup that cannot be deleted is reported, and the new backup is kept', async () => {
    const folder = fakeFolder(Object.fromEntries(TWELVE_OLD.map((name) => [name, file()])));
    folder.failures.push({ operation: 'unlink', name: 'peerbook-backup-2025-03-02-090000.json', code: 'EACCES' });
    const failed = backupsAt(new Date(2025, 2, 14, 16, 30, 5), folder).write(BACKUP_TEXT);

    await expect(failed).rejects.toBeInstanceOf(AutomaticBackupError);
    await expect(failed).rejects.toThrow(
      /^The backup was saved as peerbook-backup-2025-03-14-163005\.json, but 1 old backup in .* could not be removed: peerbook-backup-2025-03-02-090000\.json \(EACCES/,
    );
    // The others beyond ten were still deleted, and the new backup is there.
    expect(folder.entries.has('peerbook-backup-2025-03-14-163005.json')).toBe(true);
    expect(folder.entries.has('peerbook-backup-2025-03-01-090000.json')).toBe(false);
    expect(folder.entries.has('peerbook-backup-2025-03-03-090000.json')).toBe(false);
  });

  it('an old backup someone else deleted meanwhile is not a failure', async () => {
    const folder = fakeFolder(Object.fromEntries(TWELVE_OLD.map((name) => [name, file()])));
    folder.failures.push({ operation: 'unlink', name: 'peerbook-backup-2025-03-01-090000.json', code: 'ENOENT' });
    await expect(backupsAt(new Date(2025, 2, 14, 16, 30, 5), folder).write(BACKUP_TEXT)).resolves.toMatchObject({ kept: 10 });
  });

  it('a folder that cannot be listed is reported after the backup is saved', async () => {
    const folder = fakeFolder();
    folder.failures.push({ operation: 'listFiles', code: 'EIO' });
    await expect(backupsAt(new Date(2025, 2, 14, 16, 30, 5), folder).write(BACKUP_TEXT)).rejects.toThrow(
      /^The backup was saved as peerbook-backup-2025-03-14-163005\.json, but old backups could not be listed/,
    );
    expect(folder.names()).toEqual(['peerbook-backup-2025-03-14-163005.json']);
  });

  it('writes one backup at a time, and the next goes ahead once the first is done', async () => {
    const folder = fakeFolder();
    const backups = backupsAt(new Date(2025, 2, 14, 16, 30, 5), folder);
    const first = backups.write(BACKUP_TEXT);
    await expect(backups.write(BACKUP_TEXT)).rejects.toThrow('An automatic backup is already being written.');
    await expect(first).resolves.toMatchObject({ kept: 1 });
    await expect(backups.write(BACKUP_TEXT)).resolves.toMatchObject({ kept: 1 });
  });

  it('can write again after a failure', async () => {
    const folder = fakeFolder();
    const backups = backupsAt(new Date(2025, 2, 14, 16, 30, 5), folder);
    folder.failures.push({ operation: 'append', code: 'ENOSPC' });
    await expect(backups.write(BACKUP_TEXT)).rejects.toThrow(/ENOSPC/);
    folder.failures.length = 0;
    await expect(backups.write(BACKUP_TEXT)).resolves.toMatchObject({ kept: 1 });
  });
});

describe('on the real file system', () => {
  let home: string;
  beforeEach(async () => {
    home = await mkdtemp(path.join(tmpdir(), 'peerbook-backups-'));
  });
  afterEach(async () => {
    await rm(home, { recursive: true, force: true });
  });

  it('creates the folder, writes the files whole, keeps the newest ten and leaves the rest of the folder alone', async () => {
    const folder = path.join(home, 'Documents', 'Peerbook Backups');
    let clock = new Date(2025, 2, 14, 16, 30, 0).getTime();
    const backups = inParts(createAutomaticBackups({ fs: nodeBackupFileSystem, folder, now: () => new Date(clock) }));

    const first = await backups.write(BACKUP_TEXT);
    expect(first).toEqual({ folder, file: 'peerbook-backup-2025-03-14-163000.json', kept: 1 });
    // What the user put there themselves: a manual backup, a folder and a link named like backups.
    await writeFile(path.join(folder, 'peerbook-backup-2025-03-01.json'), 'manual');
    await mkdir(path.join(folder, 'peerbook-backup-2000-01-01-000000.json'));
    await symlink(path.join(folder, 'peerbook-backup-2025-03-01.json'), path.join(folder, 'peerbook-backup-2000-01-02-000000.json'));

    let last = first;
    for (let index = 1; index < 12; index += 1) {
      clock += 4 * 60 * 60 * 1000;
      last = await backups.write(`${BACKUP_TEXT.slice(0, -2)},"n":${index}}\n`);
    }
    expect(last.kept).toBe(10);
    const names = (await readdir(folder)).sort();
    expect(names.filter((name) => /^peerbook-backup-2025-03-1\d-\d{6}\.json$/.test(name))).toHaveLength(10);
    expect(names).not.toContain('peerbook-backup-2025-03-14-163000.json'); // the two oldest are gone
    expect(names).not.toContain('peerbook-backup-2025-03-14-203000.json');
    expect(names).toEqual(
      expect.arrayContaining([
        'peerbook-backup-2025-03-01.json',
        'peerbook-backup-2000-01-01-000000.json',
        'peerbook-backup-2000-01-02-000000.json',
        last.file,
      ]),
    );
    expect(names.some((name) => name.endsWith('.partial'))).toBe(false);
    expect(await readFile(path.join(folder, last.file), 'utf8')).toBe(`${BACKUP_TEXT.slice(0, -2)},"n":11}\n`);
    expect(await readFile(path.join(folder, 'peerbook-backup-2025-03-01.json'), 'utf8')).toBe('manual');
  });
});
