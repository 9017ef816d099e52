import { toBase64 } from 'lib0/buffer';
import * as Y from 'yjs';
import type { Journal } from '../../../renderer/journal/journal';
import { BACKUP_HASHING, backUpJournal } from '../../../renderer/journal/journalBackup';

/** A journal's backup file as the text a person would find on disk. */
export async function backupText(journal: Journal): Promise<string> {
  const parts: string[] = [];
  for await (const line of backUpJournal(journal).lines) parts.push(line);
  return parts.join('');
}

/** The same journal as an earlier Peerbook (backup format 1, one JSON object) wrote it. */
export async function version1BackupText(journal: Journal): Promise<string> {
  const entries: Array<{ id: string; state: string }> = [];
  for (const row of journal.rows()) entries.push({ id: row.id, state: toBase64(await journal.readEntryState(row.id)) });
  const body = JSON.stringify({ format: 'peerbook-backup', version: 1, createdAt: journal.now(), library: toBase64(Y.encodeStateAsUpdate(journal.libraryDoc)), entries });
  const digest = await BACKUP_HASHING.digest(BACKUP_HASHING.utf8(body));
  const checksum = [...digest].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${body.slice(0, -1)},"sha256":"${checksum}"}\n`;
}

/** A backup as the file a person saves: its lines, each kept apart, in one Blob. */
export async function backupFile(journal: Journal): Promise<{ file: Blob; longestLine: number; characters: number; leftOut: readonly unknown[] }> {
  const backup = backUpJournal(journal);
  const parts: Blob[] = [];
  let longestLine = 0;
  let characters = 0;
  for await (const line of backup.lines) {
    longestLine = Math.max(longestLine, line.length);
    characters += line.length;
    parts.push(new Blob([line]));
  }
  return { file: new Blob(parts), longestLine, characters, leftOut: backup.leftOut };
}
