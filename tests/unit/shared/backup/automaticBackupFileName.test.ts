import { describe, expect, it } from 'vitest';
import { automaticBackupFileName, isAutomaticBackupFileName } from '../../../../shared/backup/automaticBackupFileName';

describe('the names of automatic backups', () => {
  it('are the manual backup name with the local time, padded so they sort by time', () => {
    expect(automaticBackupFileName(new Date(2025, 2, 14, 16, 30, 5))).toBe('peerbook-backup-2025-03-14-163005.json');
    expect(automaticBackupFileName(new Date(2026, 0, 5, 7, 8, 9))).toBe('peerbook-backup-2026-01-05-070809.json');
    const times = [new Date(2025, 8, 9, 23, 59, 59), new Date(2025, 9, 1, 0, 0, 0), new Date(2025, 9, 10, 9, 0, 0)];
    const names = times.map(automaticBackupFileName);
    expect([...names].reverse().sort()).toEqual(names);
  });

  it('are told apart exactly from anything else in the folder', () => {
    expect(isAutomaticBackupFileName(automaticBackupFileName(new Date()))).toBe(true);
    for (const name of [
      'peerbook-backup-2025-03-14.json', // a manual backup
      'Peerbook-Backup-2025-03-14-163005.json',
      'peerbook-backup-2025-03-14-163005.JSON',
      'peerbook-backup-2025-03-14-163005.json.partial',
      'peerbook-backup-2025-03-14-1630.json',
      'peerbook-backup-2025-03-14-163005.json ',
      'x-peerbook-backup-2025-03-14-163005.json',
      '../peerbook-backup-2025-03-14-163005.json',
      'peerbook-backup-2025-03-14-163005.json\n',
      'peerbook-backup-２０２５-03-14-163005.json', // full-width digits are not \d
    ]) {
      expect(isAutomaticBackupFileName(name), name).toBe(false);
    }
  });
});
