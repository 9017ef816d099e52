/**
 * How a backup file (shared/backup/backupFormat.ts) starts and ends, apart from the rest of the
 * format so that the preload and main can check a file's frame without bundling Yjs.
 */
export const BACKUP_FORMAT = 'peerbook-backup';
export const BACKUP_VERSION = 2;
/** A version 2 file's first line starts so. */
export const BACKUP_FIRST_LINE_START = `{"format":"${BACKUP_FORMAT}","version":${BACKUP_VERSION},`;
/** Its last line starts so, and ends with `}` and a newline. */
export const BACKUP_LAST_LINE_START = `{"end":"${BACKUP_FORMAT}",`;

/** Whether a backup file's first part starts as a backup of this version does. */
export function isBackupFileStart(part: string): boolean {
  return part.startsWith(BACKUP_FIRST_LINE_START);
}

/** Whether the end of a backup file's text (at least its last line) is a backup's last line. */
export function isBackupFileEnd(tail: string): boolean {
  if (!tail.endsWith('}\n')) return false;
  return tail.slice(tail.lastIndexOf('\n', tail.length - 2) + 1).startsWith(BACKUP_LAST_LINE_START);
}
