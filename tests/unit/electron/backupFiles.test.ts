import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAutomaticBackups, nodeBackupFileSystem } from '../../../electron/automaticBackups';
import { BACKUP_FILE_IDLE_MS, BackupFileError, createBackupFiles } from '../../../electron/backupFiles';

// Main receiving a backup from the renderer part by part, over the real file system in a
// temporary folder: an automatic backup main names itself, or a file where the user chose.

const FIRST = '{"format":"peerbook-backup","version":2,"createdAt":1741966205000}\n';
const MIDDLE = '{"doc":"library","part":1,"parts":1,"state":"AAA="}\n{"leftOut":[]}\n';
const LAST = '{"end":"peerbook-backup","lines":3,"sha256":"00"}\n';

let home: string;
let clock: number;
let chosen: string | null;
let handles: number;

beforeEach(async () => {
  home = await mkdtemp(path.join(tmpdir(), 'peerbook-backup-files-'));
  clock = new Date(2025, 2, 14, 16, 30, 5).getTime();
  chosen = path.join(home, 'Desktop', 'my backup.json');
  handles = 0;
});

afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

function backupFiles() {
  const folder = path.join(home, 'Documents', 'Peerbook Backups');
  const files = createBackupFiles({
    automatic: createAutomaticBackups({ fs: nodeBackupFileSystem, folder, now: () => new Date(clock) }),
    chooseBackupPath: () => Promise.resolve(chosen),
    fs: nodeBackupFileSystem,
    newHandle: () => String(++handles).padStart(32, '0'),
    now: () => clock,
  });
  return { files, folder };
}

async function started(files: ReturnType<typeof backupFiles>['files'], destination: Parameters<typeof files.start>[0]): Promise<string> {
  const start = await files.start(destination);
  if (start.status !== 'started') throw new Error('not started');
  return start.handle;
}

describe('a backup written part by part', () => {
  it('puts an automatic backup in place only once it has ended, and keeps the newest', async () => {
    const { files, folder } = backupFiles();
    const handle = await started(files, { kind: 'automatic' });
    for (const part of [FIRST, MIDDLE, LAST]) await files.append(handle, part);
    expect(await readdir(folder)).toEqual(['peerbook-backup-2025-03-14-163005.json.partial']);
    await expect(files.finish(handle)).resolves.toEqual({ folder, file: 'peerbook-backup-2025-03-14-163005.json', kept: 1 });
    expect(await readdir(folder)).toEqual(['peerbook-backup-2025-03-14-163005.json']);
    expect(await readFile(path.join(folder, 'peerbook-backup-2025-03-14-163005.json'), 'utf8')).toBe(FIRST + MIDDLE + LAST);
  });

  it('saves where the user chose, and nothing when the dialog was cancelled', async () => {
    const { files } = backupFiles();
    await mkdir(path.join(home, 'Desktop'));
    const handle = await started(files, { kind: 'chosen', suggestedName: 'peerbook-backup-2025-03-14.json' });
    for (const part of [FIRST, MIDDLE + LAST]) await files.append(handle, part);
    await expect(files.finish(handle)).resolves.toEqual({ folder: path.join(home, 'Desktop'), file: 'my backup.json', kept: null });
    expect(await readFile(path.join(home, 'Desktop', 'my backup.json'), 'utf8')).toBe(FIRST + MIDDLE + LAST);

    chosen = null;
    await expect(files.start({ kind: 'chosen', suggestedName: 'peerbook-backup-2025-03-14.json' })).resolves.toEqual({ status: 'cancelled' });
  });

  it('refuses what does not start as a backup, and leaves nothing of it', async () => {
    const { files, folder } = backupFiles();
    const handle = await started(files, { kind: 'automatic' });
    await expect(files.append(handle, '#!/bin/sh\nrm -rf ~\n')).rejects.toBeInstanceOf(BackupFileError);
    expect(await readdir(folder)).toEqual([]);
    await expect(files.append(handle, FIRST)).rejects.toThrow(/not open/);
  });

  it('refuses to finish a backup cut short, and leaves nothing of it', async () => {
    const { files, folder } = backupFiles();
    const handle = await started(files, { kind: 'automatic' });
    await files.append(handle, FIRST + MIDDLE);
    await expect(files.finish(handle)).rejects.toThrow(/not written to its end/);
    expect(await readdir(folder)).toEqual([]);
  });

  it('gives a file up when asked, and knows no handle it did not give', async () => {
    const { files, folder } = backupFiles();
    const handle = await started(files, { kind: 'automatic' });
    await files.append(handle, FIRST);
    await files.discard(handle);
    expect(await readdir(folder)).toEqual([]);
    await expect(files.finish(handle)).rejects.toThrow(/not open/);
    await expect(files.append('f'.repeat(32), FIRST)).rejects.toThrow(/not open/);
  });

  it('writes one backup of each kind at a time, and gives up one the renderer left idle', async () => {
    const { files, folder } = backupFiles();
    const abandoned = await started(files, { kind: 'automatic' });
    await files.append(abandoned, FIRST);
    await expect(files.start({ kind: 'automatic' })).rejects.toThrow('A backup is already being written.');
    clock += BACKUP_FILE_IDLE_MS;
    const next = await started(files, { kind: 'automatic' });
    await expect(files.append(abandoned, MIDDLE)).rejects.toThrow(/not open/);
    for (const part of [FIRST, MIDDLE, LAST]) await files.append(next, part);
    await expect(files.finish(next)).resolves.toMatchObject({ kept: 1 });
    expect((await readdir(folder)).filter((name) => name.endsWith('.partial'))).toEqual([]);
  });
});
