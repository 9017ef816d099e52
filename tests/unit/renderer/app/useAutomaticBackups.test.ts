// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  AUTOMATIC_BACKUP_INTERVAL_MS,
  AUTOMATIC_BACKUP_RETRY_MS,
  FIRST_AUTOMATIC_BACKUP_DELAY_MS,
  startAutomaticBackups,
  useAutomaticBackups,
} from '../../../../renderer/app/useAutomaticBackups';
import { Journal } from '../../../../renderer/journal/journal';
import { BACKUP_HASHING } from '../../../../renderer/journal/journalBackup';
import { checkBackup } from '../../../../shared/backup/backupFormat';
import { BRIDGE_GLOBAL } from '../../../../shared/ipc/ipcContract';

// The desktop app backing the journal up on its own: first the schedule alone with fake timers,
// then the hook in React (happy-dom) with a real journal over fake-indexeddb and a fake preload
// bridge standing where main would be.

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;

afterEach(() => {
  vi.useRealTimers();
});

/** A backup that finishes when the test says so. */
function controlledBackups() {
  const pending: { resolve: () => void; reject: (error: Error) => void }[] = [];
  const backUp = (): Promise<void> =>
    new Promise((resolve, reject) => {
      pending.push({ resolve, reject });
    });
  return { backUp, pending };
}

describe('the automatic backup schedule', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });

  it('backs up a minute after start, then every four hours from the end of the last backup', async () => {
    const { backUp, pending } = controlledBackups();
    const errors: string[] = [];
    const stop = startAutomaticBackups({ backUp, onError: (message) => errors.push(message) });
    expect(FIRST_AUTOMATIC_BACKUP_DELAY_MS).toBe(MINUTE);
    expect(AUTOMATIC_BACKUP_INTERVAL_MS).toBe(4 * HOUR);

    await vi.advanceTimersByTimeAsync(MINUTE - 1);
    expect(pending).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(pending).toHaveLength(1);

    // A slow backup: nothing else starts while it runs, however long it takes.
    await vi.advanceTimersByTimeAsync(9 * HOUR);
    expect(pending).toHaveLength(1);
    pending[0]?.resolve();
    await vi.advanceTimersByTimeAsync(4 * HOUR - 1);
    expect(pending).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(pending).toHaveLength(2);
    pending[1]?.resolve();
    await vi.advanceTimersByTimeAsync(4 * HOUR);
    expect(pending).toHaveLength(3);

    stop();
    expect(errors).toEqual([]);
  });

  it('reports failures once, retries sooner, and reports again only after a backup succeeded in between', async () => {
    const { backUp, pending } = controlledBackups();
    const errors: string[] = [];
    const stop = startAutomaticBackups({ backUp, onError: (message) => errors.push(message) });

    await vi.advanceTimersByTimeAsync(MINUTE);
    pending[0]?.reject(new Error('Could not write the backup: ENOSPC'));
    await vi.advanceTimersByTimeAsync(0);
    expect(errors).toEqual(['Automatic backup failed: Could not write the backup: ENOSPC']);

    // Retries every fifteen minutes while failing, without saying so again.
    expect(AUTOMATIC_BACKUP_RETRY_MS).toBe(15 * MINUTE);
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      await vi.advanceTimersByTimeAsync(15 * MINUTE);
      expect(pending).toHaveLength(attempt + 1);
      pending[attempt]?.reject(new Error('Could not write the backup: ENOSPC'));
      await vi.advanceTimersByTimeAsync(0);
    }
    expect(errors).toHaveLength(1);

    // Space was freed: the next works, and the schedule is back to every four hours.
    await vi.advanceTimersByTimeAsync(15 * MINUTE);
    pending[4]?.resolve();
    await vi.advanceTimersByTimeAsync(4 * HOUR);
    expect(pending).toHaveLength(6);
    pending[5]?.reject(new Error('The folder is gone'));
    await vi.advanceTimersByTimeAsync(0);
    expect(errors).toEqual([
      'Automatic backup failed: Could not write the backup: ENOSPC',
      'Automatic backup failed: The folder is gone',
    ]);
    stop();
  });

  it('stops when told: no timer left, and a backup still running neither reports nor schedules another', async () => {
    const { backUp, pending } = controlledBackups();
    const errors: string[] = [];
    const stopBeforeFirst = startAutomaticBackups({ backUp, onError: (message) => errors.push(message) });
    stopBeforeFirst();
    expect(vi.getTimerCount()).toBe(0);

    const stop = startAutomaticBackups({ backUp, onError: (message) => errors.push(message) });
    await vi.advanceTimersByTimeAsync(MINUTE);
    expect(pending).toHaveLength(1);
    stop();
    pending[0]?.reject(new Error('late failure'));
    await vi.advanceTimersByTimeAsync(24 * HOUR);
    expect(pending).toHaveLength(1);
    expect(errors).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });
});

/** A file's text, line by line, as a restore reads it. */
async function* linesOf(text: string): AsyncGenerator<string> {
  yield* text.split('\n');
}

describe('automatic backups in the desktop app', () => {
  const bridge = {
    written: [] as string[],
    attempts: 0,
    failWith: null as Error | null,
    getAppInfo: () => Promise.resolve({ name: 'Peerbook', version: '0.1.0' }),
    saveTextFile: () => Promise.resolve('saved'),
    saveMarkdownFolder: () => Promise.resolve({ status: 'cancelled' }),
    setLocalNetworkSharing: () => Promise.resolve([]),
    // Main's backup files: each started file collects its parts, and counts as written once finished.
    open: new Map<string, string[]>(),
    startBackupFile(destination: unknown) {
      expect(destination).toEqual({ kind: 'automatic' });
      bridge.attempts += 1;
      const handle = String(bridge.attempts).padStart(32, '0');
      bridge.open.set(handle, []);
      return Promise.resolve({ status: 'started', handle });
    },
    appendToBackupFile(handle: string, part: string) {
      if (bridge.failWith) return Promise.reject(bridge.failWith);
      bridge.open.get(handle)?.push(part);
      return Promise.resolve();
    },
    finishBackupFile(handle: string) {
      bridge.written.push((bridge.open.get(handle) ?? []).join(''));
      bridge.open.delete(handle);
      return Promise.resolve({
        folder: '/home/ana/Documents/Peerbook Backups',
        file: 'peerbook-backup-2025-03-14-163005.json',
        kept: bridge.written.length,
      });
    },
    discardBackupFile(handle: string) {
      bridge.open.delete(handle);
      return Promise.resolve();
    },
    onCommand: () => () => undefined,
  };

  beforeAll(() => {
    // What the preload does before any page script runs.
    Reflect.set(window, BRIDGE_GLOBAL, bridge);
  });

  let root: Root | null = null;
  beforeEach(() => {
    globalThis.indexedDB = new IDBFactory();
    bridge.written.length = 0;
    bridge.open.clear();
    bridge.attempts = 0;
    bridge.failWith = null;
  });
  afterEach(() => {
    act(() => root?.unmount());
    root = null;
  });

  function mount(journal: Journal) {
    const errors: string[] = [];
    function Probe() {
      useAutomaticBackups(journal, (message) => errors.push(message));
      return null;
    }
    root = createRoot(document.createElement('div'));
    act(() => root?.render(createElement(Probe)));
    return errors;
  }

  /**
   * Lets IndexedDB (fake-indexeddb runs on setImmediate, which is not faked here) and hashing
   * (crypto.subtle, on Node's thread pool) finish: until `done`, or for `ms` of real time.
   */
  async function settle(done: () => boolean, ms = 10_000): Promise<void> {
    const deadline = performance.now() + ms;
    while (!done() && performance.now() < deadline) {
      await act(() => new Promise<void>((resolve) => setImmediate(resolve)));
    }
  }
  /** Long enough for a backup that was wrongly started to have reached main. */
  const QUIET_MS = 500;

  async function journalWithEntries(): Promise<Journal> {
    const journal = await Journal.open();
    await journal.createEntry('lesson');
    await journal.createEntry('checklist');
    await journal.flush();
    return journal;
  }

  it('writes a backup of the whole journal a minute after start and every four hours, until the app closes', async () => {
    const journal = await journalWithEntries();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const errors = mount(journal);

    await act(() => vi.advanceTimersByTimeAsync(MINUTE - 1));
    expect(bridge.written).toHaveLength(0);
    await act(() => vi.advanceTimersByTimeAsync(1));
    await settle(() => bridge.written.length === 1);
    expect(bridge.written).toHaveLength(1);
    // What main received is a backup a restore accepts, holding every entry.
    const backup = await checkBackup(linesOf(bridge.written[0] ?? ''), BACKUP_HASHING);
    expect([...backup.entries].sort()).toEqual(journal.rows().map((row) => row.id).sort());

    await act(() => vi.advanceTimersByTimeAsync(4 * HOUR));
    await settle(() => bridge.written.length === 2);
    expect(bridge.written).toHaveLength(2);

    act(() => root?.unmount());
    root = null;
    await act(() => vi.advanceTimersByTimeAsync(24 * HOUR));
    await settle(() => false, QUIET_MS);
    expect(bridge.written).toHaveLength(2);
    expect(errors).toEqual([]);
  });

  it('does not back up an empty journal, so a wiped profile cannot rotate away the good backups', async () => {
    const journal = await Journal.open();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const errors = mount(journal);
    await act(() => vi.advanceTimersByTimeAsync(MINUTE));
    await settle(() => false, QUIET_MS);
    expect(bridge.written).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("shows main's reason once when backups fail, in the app's alert", async () => {
    const journal = await journalWithEntries();
    bridge.failWith = new Error(
      "Error invoking remote method 'peerbook:append-to-backup-file': AutomaticBackupError: Could not write the backup /home/ana/Documents/Peerbook Backups/peerbook-backup-2025-03-14-163005.json: ENOSPC: no space left on device",
    );
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const errors = mount(journal);
    await act(() => vi.advanceTimersByTimeAsync(MINUTE));
    await settle(() => errors.length > 0);
    await act(() => vi.advanceTimersByTimeAsync(AUTOMATIC_BACKUP_RETRY_MS));
    await settle(() => bridge.attempts === 2);
    await settle(() => false, QUIET_MS);
    expect(bridge.attempts).toBe(2); // tried again, and said nothing more
    expect(errors).toEqual([
      'Automatic backup failed: Could not write the backup /home/ana/Documents/Peerbook Backups/peerbook-backup-2025-03-14-163005.json: ENOSPC: no space left on device',
    ]);
  });
});
