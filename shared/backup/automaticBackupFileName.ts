/**
 * Names of the desktop app's automatic backups: `peerbook-backup-2025-03-14-163005.json`, the
 * manual backup's name (`peerbook-backup-2025-03-14.json`) with the local time added. The digits
 * have fixed widths, so sorting the names sorts the backups by time, and the exact pattern is how
 * rotation tells its own files from anything else in the folder (a manual backup saved there
 * included, which it never deletes).
 */
const AUTOMATIC_BACKUP_NAME = /^peerbook-backup-\d{4}-\d{2}-\d{2}-\d{6}\.json$/;

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/** The name of an automatic backup made at `date`, in the computer's local time. */
export function automaticBackupFileName(date: Date): string {
  const day = `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  const time = `${pad(date.getHours())}${pad(date.getMinutes())}${pad(date.getSeconds())}`;
  return `peerbook-backup-${day}-${time}.json`;
}

/** True for exactly the names automaticBackupFileName makes (case included). */
export function isAutomaticBackupFileName(name: string): boolean {
  return AUTOMATIC_BACKUP_NAME.test(name);
}
