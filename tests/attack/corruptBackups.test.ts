import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { BackupError } from '../../shared/backup/backupFormat';
import { setEntryTitle } from '../../shared/entry/entryDoc';
import { Journal } from '../../renderer/journal/journal';
import { restoreJournalBackup } from '../../renderer/journal/journalBackup';
import { backupText, version1BackupText } from '../unit/support/backupFiles';

/**
 * Corrupt and truncated backup files: every one is refused with a BackupError, and the journal
 * it was restored into is exactly as it was (no row, no entry database added or changed).
 */
beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

async function databaseNames(): Promise<string[]> {
  return (await indexedDB.databases()).map((database) => database.name ?? '').sort();
}

function random(seed: number): (n: number) => number {
  let state = seed;
  return (n) => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) % n;
  };
}

describe('restoring corrupt or truncated backups', () => {
  it('refuses every damaged file with a clear error and imports nothing', async () => {
    const source = await Journal.open();
    for (const kind of ['lesson', 'checklist', 'debrief'] as const) {
      const id = await source.createEntry(kind);
      await source.entries.use(id, ({ doc }) => setEntryTitle(doc, `A ${kind} worth keeping`));
    }
    await source.flush();
    const backup = await backupText(source);
    const version1 = await version1BackupText(source);
    await source.close();

    globalThis.indexedDB = new IDBFactory();
    const target = await Journal.open();
    const existing = await target.createEntry('lesson');
    await target.flush();
    const rowsBefore = JSON.stringify(target.rows());
    const databasesBefore = await databaseNames();

    const next = random(0x5eed);
    const damaged: Array<[string, string]> = [];
    for (let i = 0; i < 60; i++) damaged.push([`truncated at ${i}`, backup.slice(0, next(backup.length - 1))]);
    for (let i = 0; i < 60; i++) {
      const at = next(backup.length);
      const replacement = 'AZaz09+/"{},:'[next(13)] as string;
      damaged.push([`byte ${at} changed`, backup.slice(0, at) + replacement + backup.slice(at + 1)]);
    }
    damaged.push(['empty', ''], ['not JSON', 'hello'], ['a JSON array', '[]'], ['another format', '{"format":"other"}']);
    damaged.push(['a newer version', backup.replace('"version":2', '"version":99')]);
    damaged.push(['checksum removed', backup.replace(/,"sha256":"[0-9a-f]+"/, '')]);
    const lines = backup.split('\n');
    const entryLines = lines.flatMap((line, index) => (line.startsWith('{"doc":"e-') ? [index] : []));
    damaged.push(['an entry removed', lines.filter((_, index) => index !== entryLines[1]).join('\n')]);
    damaged.push(['an entry twice', lines.flatMap((line, index) => (index === entryLines[1] ? [line, line] : [line])).join('\n')]);
    damaged.push(['two entries swapped', lines.map((line, index) => (index === entryLines[0] ? lines[entryLines[1] ?? 0] : index === entryLines[1] ? lines[entryLines[0] ?? 0] : line)).join('\n')]);
    damaged.push(['the end removed', lines.filter((line) => !line.startsWith('{"end"')).join('\n')]);
    damaged.push(['more after the end', `${backup}{"doc":"library","part":1,"parts":1,"state":"AAA="}\n`]);
    damaged.push(['a version 1 file damaged', version1.replace(/"state":"A/, '"state":"B')]);

    let refused = 0;
    // A "change" that replaced a character by itself is no damage: those are not tried.
    const tried = damaged.filter(([, text]) => text !== backup);
    for (const [what, text] of tried) {
      let accepted = false;
      try {
        await restoreJournalBackup(target, new Blob([text]));
        accepted = true;
      } catch (error) {
        if (!(error instanceof BackupError)) throw new Error(`${what}: threw ${String(error)} instead of a BackupError`);
        expect(error.message.length).toBeGreaterThan(20);
        refused++;
      }
      if (accepted) throw new Error(`accepted a damaged backup (${what})`);
    }
    console.log(`corrupt backups: ${tried.length} damaged files tried, ${refused} refused with BackupError, nothing imported`);
    expect(refused).toBe(tried.length);
    expect(JSON.stringify(target.rows())).toBe(rowsBefore);
    expect(await databaseNames()).toEqual(databasesBefore);
    expect(target.row(existing)).not.toBeNull();

    // And the undamaged file restores everything, as does a file an earlier Peerbook wrote (version 1).
    const outcome = await restoreJournalBackup(target, new Blob([backup]));
    expect(outcome).toMatchObject({ added: 3, merged: 0, lostText: [], leftOut: [] });
    await expect(restoreJournalBackup(target, new Blob([version1]))).resolves.toMatchObject({ added: 0, merged: 3, lostText: [] });
    expect(target.rows().map((row) => row.title).sort()).toEqual(['', 'A checklist worth keeping', 'A debrief worth keeping', 'A lesson worth keeping']);
  });
});
