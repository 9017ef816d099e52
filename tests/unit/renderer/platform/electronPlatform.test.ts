import { describe, expect, it } from 'vitest';
import { BRIDGE_GLOBAL, InvalidIpcPayloadError, type AppCommand } from '../../../../shared/ipc/ipcContract';
import { createBrowserPlatform } from '../../../../renderer/platform/browserPlatform';
import { createDirectoryPickerExport } from '../../../../renderer/platform/directoryPicker';
import {
  BACKUP_PART_LENGTH,
  createElectronPlatform,
  readPreloadBridge,
  withoutIpcWrapping,
  type UntrustedBridge,
} from '../../../../renderer/platform/electronPlatform';

const HANDLE = '0123456789abcdef0123456789abcdef';

/** A backup's lines, as backUpJournal yields them. */
async function* lines(...texts: string[]): AsyncGenerator<string> {
  yield* texts;
}

/** What the preload exposes, with answers the test chooses; `emit` is a command arriving. */
function fakeBridge(answers: Partial<Record<keyof UntrustedBridge, unknown>> = {}) {
  const calls: { method: string; args: unknown[] }[] = [];
  let listener: ((payload: unknown) => void) | null = null;
  const answer = (method: keyof UntrustedBridge, fallback: unknown) =>
    (...args: unknown[]): Promise<unknown> => {
      calls.push({ method, args });
      return Promise.resolve(method in answers ? answers[method] : fallback);
    };
  const bridge: UntrustedBridge = {
    getAppInfo: answer('getAppInfo', { name: 'Peerbook', version: '0.1.0' }),
    saveTextFile: answer('saveTextFile', 'saved'),
    saveMarkdownFolder: answer('saveMarkdownFolder', { status: 'saved', folder: '/home/ana/peerbook-journal-2025-03-14', files: 1 }),
    setLocalNetworkSharing: answer('setLocalNetworkSharing', ['ws://192.168.1.20:41444']),
    startBackupFile: answer('startBackupFile', { status: 'started', handle: HANDLE }),
    appendToBackupFile: answer('appendToBackupFile', undefined),
    finishBackupFile: answer('finishBackupFile', {
      folder: '/home/ana/Documents/Peerbook Backups',
      file: 'peerbook-backup-2025-03-14-163005.json',
      kept: 10,
    }),
    discardBackupFile: answer('discardBackupFile', undefined),
    onCommand: (next) => {
      listener = next;
      return () => {
        listener = null;
      };
    },
  };
  return { bridge, calls, emit: (payload: unknown) => listener?.(payload), subscribed: () => listener !== null };
}

// The renderer's side of the bridge: renderer/platform is the only code that reads the preload
// global, and it trusts neither the global's shape nor its answers.
describe('the renderer reaching the desktop app', () => {
  it('finds the bridge the preload exposed', async () => {
    const bridge = readPreloadBridge({ [BRIDGE_GLOBAL]: fakeBridge().bridge });
    expect(bridge).not.toBeNull();
    if (bridge === null) return;
    const platform = createElectronPlatform(bridge);
    expect(platform.kind).toBe('desktop');
    expect(platform.canShareOnLocalNetwork).toBe(true);
    await expect(platform.getAppInfo()).resolves.toEqual({ name: 'Peerbook', version: '0.1.0' });
  });

  it('treats a page without the bridge, or with something else under its name, as the web', () => {
    expect(readPreloadBridge({})).toBeNull();
    expect(readPreloadBridge({ [BRIDGE_GLOBAL]: 'peerbook' })).toBeNull();
    expect(readPreloadBridge({ [BRIDGE_GLOBAL]: { getAppInfo: 'not a function' } })).toBeNull();
    // An older or forged bridge missing a method of the contract is not the desktop app.
    expect(readPreloadBridge({ [BRIDGE_GLOBAL]: { getAppInfo: () => Promise.resolve({}) } })).toBeNull();
    expect(readPreloadBridge({ [BRIDGE_GLOBAL]: null })).toBeNull();
  });

  it('saves through main, and exports the journal with the files made only when asked', async () => {
    const { bridge, calls } = fakeBridge();
    const platform = createElectronPlatform(bridge);
    await platform.saveTextFile('entry.md', '# Entry\n');
    const outcome = await platform.saveMarkdownFolder?.(() => Promise.resolve([{ name: 'entry.md', text: '# Entry\n' }]));
    expect(outcome).toEqual({ status: 'saved', folder: '/home/ana/peerbook-journal-2025-03-14', files: 1 });
    await expect(platform.setLocalNetworkSharing(true)).resolves.toEqual(['ws://192.168.1.20:41444']);
    expect(calls).toEqual([
      { method: 'saveTextFile', args: ['entry.md', '# Entry\n'] },
      { method: 'saveMarkdownFolder', args: [[{ name: 'entry.md', text: '# Entry\n' }]] },
      { method: 'setLocalNetworkSharing', args: [true] },
    ]);
  });

  it('rejects hostile answers instead of showing them', async () => {
    const platform = createElectronPlatform(
      fakeBridge({
        getAppInfo: { name: '<img src=x onerror=alert(1)>', version: 'not-semver' },
        saveTextFile: { saved: true },
        saveMarkdownFolder: { status: 'saved', folder: '<b>\u0000', files: 1 },
        setLocalNetworkSharing: ['javascript:alert(1)'],
        finishBackupFile: { folder: '/home/ana', file: 'peerbook-backup-2025-03-14-163005.json', kept: -1 },
      }).bridge,
    );
    await expect(platform.getAppInfo()).rejects.toBeInstanceOf(InvalidIpcPayloadError);
    await expect(platform.saveTextFile('entry.md', 'x')).rejects.toBeInstanceOf(InvalidIpcPayloadError);
    await expect(platform.saveMarkdownFolder?.(() => Promise.resolve([]))).rejects.toBeInstanceOf(InvalidIpcPayloadError);
    await expect(platform.setLocalNetworkSharing(true)).rejects.toBeInstanceOf(InvalidIpcPayloadError);
    await expect(platform.writeAutomaticBackup?.(lines('{}\n'))).rejects.toBeInstanceOf(InvalidIpcPayloadError);
  });

  it('writes automatic backups through main part by part, and says where they went', async () => {
    const { bridge, calls } = fakeBridge();
    const platform = createElectronPlatform(bridge);
    const line = `{"doc":"library","part":1,"parts":1,"state":"${'A'.repeat(BACKUP_PART_LENGTH / 2)}"}\n`;
    await expect(platform.writeAutomaticBackup?.(lines('{"format":"peerbook-backup","version":2,"createdAt":0}\n', line, line, line, '{"end":"peerbook-backup"}\n'))).resolves.toEqual({
      folder: '/home/ana/Documents/Peerbook Backups',
      file: 'peerbook-backup-2025-03-14-163005.json',
      kept: 10,
    });
    expect(calls.map((call) => call.method)).toEqual(['startBackupFile', 'appendToBackupFile', 'appendToBackupFile', 'finishBackupFile']);
    expect(calls[0]?.args).toEqual([{ kind: 'automatic' }]);
    // Whole lines, in parts of about BACKUP_PART_LENGTH: never the file as one string.
    const parts = calls.filter((call) => call.method === 'appendToBackupFile').map((call) => call.args[1] as string);
    expect(parts.every((part) => part.endsWith('\n') && part.length <= 2 * BACKUP_PART_LENGTH)).toBe(true);
    expect(parts.join('')).toContain('{"end":"peerbook-backup"}\n');
  });

  it('saves a backup where the user chooses, and reads nothing of it when the dialog is cancelled', async () => {
    const { bridge, calls } = fakeBridge({ startBackupFile: { status: 'cancelled' } });
    let read = false;
    async function* untouched(): AsyncGenerator<string> {
      read = true;
      yield '';
    }
    await expect(createElectronPlatform(bridge).saveBackupFile('peerbook-backup-2025-03-14.json', untouched())).resolves.toBe('cancelled');
    expect(calls).toEqual([{ method: 'startBackupFile', args: [{ kind: 'chosen', suggestedName: 'peerbook-backup-2025-03-14.json' }] }]);
    expect(read).toBe(false);
  });

  it("shows main's reason for a failed backup without Electron's wrapping, and gives the file up", async () => {
    const wrapped = new Error(
      "Error invoking remote method 'peerbook:append-to-backup-file': AutomaticBackupError: Could not write the backup /home/ana/Documents/Peerbook Backups/peerbook-backup-2025-03-14-163005.json: ENOSPC: no space left on device",
    );
    const { bridge, calls } = fakeBridge();
    const platform = createElectronPlatform({ ...bridge, appendToBackupFile: () => Promise.reject(wrapped) });
    await expect(platform.writeAutomaticBackup?.(lines('{}\n'))).rejects.toThrow(
      /^Could not write the backup \/home\/ana\/Documents\/Peerbook Backups\/peerbook-backup-2025-03-14-163005\.json: ENOSPC: no space left on device$/,
    );
    expect(calls.map((call) => call.method)).toEqual(['startBackupFile', 'discardBackupFile']);
    expect(withoutIpcWrapping(new Error("Error invoking remote method 'x': Error: gone"))).toMatchObject({ message: 'gone' });
    const plain = new Error('plain');
    expect(withoutIpcWrapping(plain)).toBe(plain);
    expect(withoutIpcWrapping('not an error')).toBe('not an error');
  });

  it('passes the app only well-formed commands, and unsubscribes', () => {
    const { bridge, emit, subscribed } = fakeBridge();
    const received: AppCommand[] = [];
    const unsubscribe = createElectronPlatform(bridge).onCommand((command) => received.push(command));
    emit({ type: 'new-entry', kind: 'checklist' });
    emit({ type: 'new-entry', kind: 'malware' });
    emit('open-settings');
    expect(received).toEqual([{ type: 'new-entry', kind: 'checklist' }]);
    unsubscribe();
    expect(subscribed()).toBe(false);
  });
});

describe('the web build', () => {
  it('reports the version the build was made from, and has no menu, deep links or local-network server', async () => {
    const platform = createBrowserPlatform('0.1.0', {});
    expect(platform.kind).toBe('web');
    await expect(platform.getAppInfo()).resolves.toEqual({ name: 'Peerbook', version: '0.1.0' });
    expect(platform.canShareOnLocalNetwork).toBe(false);
    await expect(platform.setLocalNetworkSharing(true)).resolves.toEqual([]);
    expect(typeof platform.onCommand(() => undefined)).toBe('function');
    expect(platform.writeAutomaticBackup).toBeNull(); // no folder a web page may write to unasked
  });

  it('offers no folder export in a browser without a directory picker, so the UI can say so', () => {
    expect(createBrowserPlatform('0.1.0', {}).saveMarkdownFolder).toBeNull();
  });

  it('writes the export into a new dated folder in the directory the user picked, never over an old one', async () => {
    type Directory = { name: string; folders: Map<string, Directory>; files: Map<string, string> };
    const makeDirectory = (name: string): Directory => ({ name, folders: new Map(), files: new Map() });
    const handle = (directory: Directory): unknown => ({
      name: directory.name,
      getDirectoryHandle: (name: string, options?: { create?: boolean }) => {
        let child = directory.folders.get(name);
        if (!child) {
          if (!options?.create) return Promise.reject(new DOMException('missing', 'NotFoundError'));
          child = makeDirectory(name);
          directory.folders.set(name, child);
        }
        return Promise.resolve(handle(child));
      },
      getFileHandle: (name: string) =>
        Promise.resolve({
          createWritable: () => {
            let text = '';
            return Promise.resolve({
              write: (data: string) => ((text += data), Promise.resolve()),
              close: () => (directory.files.set(name, text), Promise.resolve()),
            });
          },
        }),
    });
    const documents = makeDirectory('Documents');
    documents.folders.set('peerbook-journal-2025-03-14', makeDirectory('peerbook-journal-2025-03-14'));
    let picked = 0;
    const save = createDirectoryPickerExport(
      { showDirectoryPicker: () => ((picked += 1), Promise.resolve(handle(documents))) },
      () => new Date(2025, 2, 14),
    );
    let madeAfterPicking = false;
    const outcome = await save?.(() => {
      madeAfterPicking = picked === 1;
      return Promise.resolve([{ name: 'retro.md', text: '# Retro\n' }]);
    });

    expect(madeAfterPicking).toBe(true);
    expect(outcome).toEqual({ status: 'saved', folder: 'Documents/peerbook-journal-2025-03-14-2', files: 1 });
    expect(documents.folders.get('peerbook-journal-2025-03-14-2')?.files.get('retro.md')).toBe('# Retro\n');
    expect(documents.folders.get('peerbook-journal-2025-03-14')?.files.size).toBe(0);
  });

  it('treats closing the picker as a cancel', async () => {
    const save = createDirectoryPickerExport({
      showDirectoryPicker: () => Promise.reject(new DOMException('The user aborted a request.', 'AbortError')),
    });
    await expect(save?.(() => Promise.resolve([]))).resolves.toEqual({ status: 'cancelled' });
  });
});
