import { describe, expect, it } from 'vitest';
import {
  IPC_CHANNELS,
  InvalidIpcPayloadError,
  MAX_BACKUP_PART_LENGTH,
  MAX_EXPORT_FILES,
  MAX_SAVED_TEXT_LENGTH,
  parseIpcAnswer,
  parseAutomaticBackupOutcome,
  type BackupFileOutcome,
  type FolderExportOutcome,
  type MarkdownFile,
  type SaveFileOutcome,
} from '../../../shared/ipc/ipcContract';
import {
  createIpcHandlers,
  registerIpcHandlers,
  type IpcHandlerDependencies,
  type IpcInvokeRegistry,
} from '../../../electron/ipcHandlers';

const parseAppInfo = (value: unknown) => parseIpcAnswer('getAppInfo', value);
import { checkIpcSender, UntrustedIpcSenderError, type IpcSenderEvent } from '../../../electron/ipcSenderCheck';

type Listener = Parameters<IpcInvokeRegistry['handle']>[1];

function fakeIpcMain(): IpcInvokeRegistry & { listeners: Map<string, Listener> } {
  const listeners = new Map<string, Listener>();
  return {
    listeners,
    handle(channel, listener) {
      if (listeners.has(channel)) {
        throw new Error(`second handler for ${channel}`);
      }
      listeners.set(channel, listener);
    },
  };
}

const fromApp: IpcSenderEvent = { senderFrame: { url: 'app://peerbook/index.html' } };
const fromForeignPage: IpcSenderEvent = { senderFrame: { url: 'https://evil.example/' } };
const fromDestroyedFrame: IpcSenderEvent = { senderFrame: null };

/** Main with every side effect recorded instead of done: no dialog opens, no file is written. */
function startedMain(overrides: Partial<IpcHandlerDependencies> = {}) {
  const calls: { method: string; args: unknown[] }[] = [];
  const dependencies: IpcHandlerDependencies = {
    identity: { getName: () => 'Peerbook', getVersion: () => '0.1.0' },
    files: {
      saveTextFile: (...args) => {
        calls.push({ method: 'saveTextFile', args });
        return Promise.resolve<SaveFileOutcome>('saved');
      },
      saveMarkdownFolder: (...args) => {
        calls.push({ method: 'saveMarkdownFolder', args });
        return Promise.resolve<FolderExportOutcome>({ status: 'saved', folder: '/home/ana/peerbook-journal-2025-03-14', files: args[0].length });
      },
    },
    localNetwork: {
      setWanted: (...args) => {
        calls.push({ method: 'setWanted', args });
        return Promise.resolve(args[0] ? ['ws://192.168.1.20:41444'] : []);
      },
    },
    backupFiles: {
      start: (...args) => {
        calls.push({ method: 'startBackupFile', args });
        return Promise.resolve({ status: 'started', handle: HANDLE });
      },
      append: (...args) => {
        calls.push({ method: 'appendToBackupFile', args });
        return Promise.resolve();
      },
      finish: (...args) => {
        calls.push({ method: 'finishBackupFile', args });
        return Promise.resolve<BackupFileOutcome>({ folder: '/home/ana/Documents/Peerbook Backups', file: 'peerbook-backup-2025-03-14-163005.json', kept: 4 });
      },
      discard: (...args) => {
        calls.push({ method: 'discardBackupFile', args });
        return Promise.resolve();
      },
    },
    ...overrides,
  };
  const ipcMain = fakeIpcMain();
  registerIpcHandlers(ipcMain, createIpcHandlers(dependencies));
  const call = (channel: string, event: IpcSenderEvent, ...args: unknown[]): Promise<unknown> => {
    const listener = ipcMain.listeners.get(channel);
    if (listener === undefined) throw new Error(`${channel} was not registered`);
    return listener(event, ...args);
  };
  return { ipcMain, calls, call };
}

const file = (name: string, text = '# Entry\n'): MarkdownFile => ({ name, text });

/** A handle as main makes them: 128 random bits in hex. */
const HANDLE = '0123456789abcdef0123456789abcdef';
/** The first line of a backup file, as the renderer sends it. */
const FIRST_PART = '{"format":"peerbook-backup","version":2,"createdAt":1741910400000}\n';

describe('who main answers over IPC', () => {
  it('accepts the app frame and refuses foreign or vanished frames', () => {
    expect(checkIpcSender(fromApp)).toBe(true);
    expect(checkIpcSender(fromForeignPage)).toBe(false);
    expect(checkIpcSender(fromDestroyedFrame)).toBe(false);
    expect(checkIpcSender({ senderFrame: { url: 'app://peerbook@evil/' } })).toBe(false);
    expect(checkIpcSender({ senderFrame: { url: 'file:///index.html' } })).toBe(false);
  });

  it('registers exactly one handler per contract channel', () => {
    const { ipcMain } = startedMain();
    expect([...ipcMain.listeners.keys()].sort()).toEqual(Object.values(IPC_CHANNELS).sort());
  });

  it('refuses a foreign page on every channel before anything runs', async () => {
    const { call, calls } = startedMain();
    const validArgs: Record<string, unknown[]> = {
      [IPC_CHANNELS.getAppInfo]: [],
      [IPC_CHANNELS.saveTextFile]: ['entry.md', 'text'],
      [IPC_CHANNELS.saveMarkdownFolder]: [[file('entry.md')]],
      [IPC_CHANNELS.setLocalNetworkSharing]: [true],
      [IPC_CHANNELS.startBackupFile]: [{ kind: 'automatic' }],
      [IPC_CHANNELS.appendToBackupFile]: [HANDLE, FIRST_PART],
      [IPC_CHANNELS.finishBackupFile]: [HANDLE],
      [IPC_CHANNELS.discardBackupFile]: [HANDLE],
    };
    for (const channel of Object.values(IPC_CHANNELS)) {
      for (const event of [fromForeignPage, fromDestroyedFrame]) {
        await expect(call(channel, event, ...(validArgs[channel] ?? [])), channel).rejects.toBeInstanceOf(
          UntrustedIpcSenderError,
        );
      }
    }
    expect(calls).toEqual([]);
  });
});

describe('getAppInfo', () => {
  it('tells the app its name and version', async () => {
    const { call } = startedMain();
    await expect(call(IPC_CHANNELS.getAppInfo, fromApp)).resolves.toEqual({ name: 'Peerbook', version: '0.1.0' });
  });

  it('refuses arguments the contract does not define', async () => {
    const { call } = startedMain();
    await expect(call(IPC_CHANNELS.getAppInfo, fromApp, { path: '/etc/passwd' })).rejects.toBeInstanceOf(
      InvalidIpcPayloadError,
    );
  });

  it('does not answer with an identity that breaks the contract', async () => {
    const { call } = startedMain({ identity: { getName: () => 'Peerbook', getVersion: () => 'latest' } });
    await expect(call(IPC_CHANNELS.getAppInfo, fromApp)).rejects.toBeInstanceOf(InvalidIpcPayloadError);
  });
});

describe('saveTextFile (Export Markdown through a save dialog)', () => {
  it('hands a checked name and text to the save dialog', async () => {
    const { call, calls } = startedMain();
    await expect(call(IPC_CHANNELS.saveTextFile, fromApp, 'release-checklist.md', '# Release\n')).resolves.toBe('saved');
    expect(calls).toEqual([{ method: 'saveTextFile', args: ['release-checklist.md', '# Release\n'] }]);
  });

  it('takes no backup: backups go to main part by part (startBackupFile)', async () => {
    const { call, calls } = startedMain();
    await expect(call(IPC_CHANNELS.saveTextFile, fromApp, 'peerbook-backup-2026-11-21.json', '{"format":"peerbook-backup"}\n')).rejects.toBeInstanceOf(
      InvalidIpcPayloadError,
    );
    expect(calls).toEqual([]);
  });

  it('refuses hostile payloads without opening a dialog', async () => {
    const { call, calls } = startedMain();
    for (const args of [
      [],
      ['entry.md'],
      ['../backup.json', 'x'],
      ['.json', 'x'],
      ['backup.json.exe', 'x'],
      ['entry.md', 'text', 'extra'],
      ['../../.bashrc', 'echo owned'],
      ['/etc/cron.d/evil.md', 'x'],
      ['C:\\Windows\\evil.md', 'x'],
      ['..\\evil.md', 'x'],
      ['entry.exe', 'x'],
      ['entry.md.exe', 'x'],
      ['.hidden.md', 'x'],
      ['con.md', 'x'],
      ['LPT1.md', 'x'],
      ['evil\u202Edm.exe.md', 'x'],
      ['line\nbreak.md', 'x'],
      ['nul\u0000.md', 'x'],
      [`${'a'.repeat(200)}.md`, 'x'],
      ['entry.md', 42],
      ['entry.md', { toString: () => 'text' }],
      ['entry.md', 'x'.repeat(MAX_SAVED_TEXT_LENGTH + 1)],
      [{ name: 'entry.md' }, 'x'],
      [null, null],
    ]) {
      await expect(call(IPC_CHANNELS.saveTextFile, fromApp, ...args), JSON.stringify(args).slice(0, 80)).rejects.toBeInstanceOf(
        InvalidIpcPayloadError,
      );
    }
    expect(calls).toEqual([]);
  });

  it('does not pass on an outcome outside the contract', async () => {
    const { call } = startedMain({
      files: {
        saveTextFile: () => Promise.resolve('/home/ana/secret-path' as SaveFileOutcome),
        saveMarkdownFolder: () => Promise.resolve({ status: 'cancelled' }),
      },
    });
    await expect(call(IPC_CHANNELS.saveTextFile, fromApp, 'entry.md', 'x')).rejects.toBeInstanceOf(InvalidIpcPayloadError);
  });
});

describe('saveMarkdownFolder (Export journal to a folder)', () => {
  it('hands checked files to the folder dialog and answers where they went', async () => {
    const { call, calls } = startedMain();
    const files = [file('release-checklist.md'), file('release-checklist-2.md'), file('what-i-learned.md')];
    await expect(call(IPC_CHANNELS.saveMarkdownFolder, fromApp, files)).resolves.toEqual({
      status: 'saved',
      folder: '/home/ana/peerbook-journal-2025-03-14',
      files: 3,
    });
    expect(calls).toEqual([{ method: 'saveMarkdownFolder', args: [files] }]);
  });

  it('refuses hostile payloads without opening a dialog', async () => {
    const { call, calls } = startedMain();
    const tooMany = Array.from({ length: MAX_EXPORT_FILES + 1 }, (_, index) => file(`entry-${index}.md`));
    const tooLarge = Array.from({ length: 9 }, (_, index) => file(`entry-${index}.md`, 'x'.repeat(MAX_SAVED_TEXT_LENGTH)));
    const withPrototype = Object.create({ name: 'inherited.md', text: 'x' }) as unknown;
    for (const args of [
      [],
      [[]],
      ['entry.md'],
      [{ 0: file('entry.md'), length: 1 }],
      [[file('entry.md')], 'extra'],
      [[file('../escape.md')]],
      [[file('sub/dir.md')]],
      [[file('entry.txt')]],
      [[file('Entry.md'), file('entry.md')]], // the same file on macOS and Windows
      [[file('caf\u00e9.md'), file('cafe\u0301.md')]], // the same file once normalised
      [[{ name: 'entry.md' }]],
      [[{ name: 'entry.md', text: 7 }]],
      [[withPrototype]],
      [[null]],
      [[['entry.md', 'x']]],
      [tooMany],
      [tooLarge],
    ]) {
      await expect(
        call(IPC_CHANNELS.saveMarkdownFolder, fromApp, ...args),
        JSON.stringify(args).slice(0, 80),
      ).rejects.toBeInstanceOf(InvalidIpcPayloadError);
    }
    expect(calls).toEqual([]);
  });
});

describe('setLocalNetworkSharing (the signaling server on the local network)', () => {
  it('starts the server when the renderer has shared entries, and answers its addresses', async () => {
    const { call, calls } = startedMain();
    await expect(call(IPC_CHANNELS.setLocalNetworkSharing, fromApp, true)).resolves.toEqual(['ws://192.168.1.20:41444']);
    await expect(call(IPC_CHANNELS.setLocalNetworkSharing, fromApp, false)).resolves.toEqual([]);
    expect(calls).toEqual([
      { method: 'setWanted', args: [true] },
      { method: 'setWanted', args: [false] },
    ]);
  });

  it('refuses anything but one boolean', async () => {
    const { call, calls } = startedMain();
    for (const args of [[], ['true'], [1], [null], [{ wanted: true }], [true, { host: '0.0.0.0', port: 22 }]]) {
      await expect(call(IPC_CHANNELS.setLocalNetworkSharing, fromApp, ...args), JSON.stringify(args)).rejects.toBeInstanceOf(
        InvalidIpcPayloadError,
      );
    }
    expect(calls).toEqual([]);
  });
});

describe('backup files (a backup written part by part, automatic or where the user chose)', () => {
  it('hands checked destinations, parts and handles to main’s backup files, and answers what they say', async () => {
    const { call, calls } = startedMain();
    await expect(call(IPC_CHANNELS.startBackupFile, fromApp, { kind: 'automatic' })).resolves.toEqual({ status: 'started', handle: HANDLE });
    await expect(call(IPC_CHANNELS.startBackupFile, fromApp, { kind: 'chosen', suggestedName: 'peerbook-backup-2025-03-14.json' })).resolves.toEqual({
      status: 'started',
      handle: HANDLE,
    });
    await expect(call(IPC_CHANNELS.appendToBackupFile, fromApp, HANDLE, FIRST_PART)).resolves.toBeUndefined();
    await expect(call(IPC_CHANNELS.finishBackupFile, fromApp, HANDLE)).resolves.toEqual({
      folder: '/home/ana/Documents/Peerbook Backups',
      file: 'peerbook-backup-2025-03-14-163005.json',
      kept: 4,
    });
    await expect(call(IPC_CHANNELS.discardBackupFile, fromApp, HANDLE)).resolves.toBeUndefined();
    expect(calls).toEqual([
      { method: 'startBackupFile', args: [{ kind: 'automatic' }] },
      { method: 'startBackupFile', args: [{ kind: 'chosen', suggestedName: 'peerbook-backup-2025-03-14.json' }] },
      { method: 'appendToBackupFile', args: [HANDLE, FIRST_PART] },
      { method: 'finishBackupFile', args: [HANDLE] },
      { method: 'discardBackupFile', args: [HANDLE] },
    ]);
  });

  it('refuses hostile payloads on every backup channel without anything reaching main’s files', async () => {
    const { call, calls } = startedMain();
    const hostile: Array<[string, unknown[]]> = [
      ...[
        [],
        [{ kind: 'automatic' }, 'extra'],
        [{ kind: 'automatic', folder: '/etc' }],
        [{ kind: 'chosen' }],
        [{ kind: 'chosen', suggestedName: '../../.bashrc' }],
        [{ kind: 'chosen', suggestedName: 'backup.md' }],
        [{ kind: 'chosen', suggestedName: 'backup.json', path: '/etc/passwd' }],
        [{ kind: 'elsewhere' }],
        ['automatic'],
        [null],
      ].map((args): [string, unknown[]] => [IPC_CHANNELS.startBackupFile, args]),
      ...[
        [HANDLE],
        [HANDLE, ''],
        [HANDLE, 42],
        [HANDLE, { toString: () => FIRST_PART }],
        [HANDLE, new TextEncoder().encode(FIRST_PART)],
        [HANDLE, 'x'.repeat(MAX_BACKUP_PART_LENGTH + 1)],
        ['not-a-handle', FIRST_PART],
        [HANDLE.toUpperCase(), FIRST_PART],
        [`${HANDLE}0`, FIRST_PART],
        [HANDLE, FIRST_PART, 'extra'],
      ].map((args): [string, unknown[]] => [IPC_CHANNELS.appendToBackupFile, args]),
      ...[[], ['../x'], [HANDLE, 'extra'], [42]].map((args): [string, unknown[]] => [IPC_CHANNELS.finishBackupFile, args]),
      ...[[], [{ handle: HANDLE }]].map((args): [string, unknown[]] => [IPC_CHANNELS.discardBackupFile, args]),
    ];
    for (const [channel, args] of hostile) {
      await expect(call(channel, fromApp, ...args), `${channel} ${JSON.stringify(args).slice(0, 60)}`).rejects.toBeInstanceOf(InvalidIpcPayloadError);
    }
    expect(calls).toEqual([]);
  });

  it('does not pass on an outcome outside the contract', async () => {
    for (const outcome of [
      { folder: '/home/ana/Documents/Peerbook Backups', file: '../../.bashrc', kept: 1 },
      { folder: '', file: 'peerbook-backup-2025-03-14-163005.json', kept: 1 },
      { folder: '/x\u0000', file: 'peerbook-backup-2025-03-14-163005.json', kept: 1 },
      { folder: '/x', file: 'peerbook-backup-2025-03-14-163005.json', kept: 0 },
      { folder: '/x', file: 'peerbook-backup-2025-03-14-163005.json', kept: 1.5 },
      { folder: '/x', file: 'peerbook-backup-2025-03-14-163005.json', kept: '10' },
      'saved',
      null,
    ]) {
      const { call } = startedMain({ backupFiles: { ...idleBackupFiles(), finish: () => Promise.resolve(outcome as BackupFileOutcome) } });
      await expect(call(IPC_CHANNELS.finishBackupFile, fromApp, HANDLE), JSON.stringify(outcome)).rejects.toBeInstanceOf(InvalidIpcPayloadError);
    }
  });

  it("passes main's own failure on as it is", async () => {
    const { call } = startedMain({ backupFiles: { ...idleBackupFiles(), append: () => Promise.reject(new Error('Could not write the backup: ENOSPC')) } });
    await expect(call(IPC_CHANNELS.appendToBackupFile, fromApp, HANDLE, FIRST_PART)).rejects.toThrow('ENOSPC');
  });
});

/** Backup files that do nothing but what a test overrides. */
function idleBackupFiles(): IpcHandlerDependencies['backupFiles'] {
  return {
    start: async () => ({ status: 'started', handle: HANDLE }),
    append: async () => undefined,
    finish: async () => ({ folder: '/x', file: 'x.json', kept: null }),
    discard: async () => undefined,
  };
}

describe('an automatic backup outcome, as the renderer reads it', () => {
  it('keeps where the backup went and how many are kept, and nothing extra', () => {
    expect(
      parseAutomaticBackupOutcome({
        folder: 'C:\\Users\\Ana\\Documents\\Peerbook Backups',
        file: 'peerbook-backup-2025-03-14-163005.json',
        kept: 10,
        extra: '<img src=x>',
      }),
    ).toEqual({ folder: 'C:\\Users\\Ana\\Documents\\Peerbook Backups', file: 'peerbook-backup-2025-03-14-163005.json', kept: 10 });
  });
});

describe('parseAppInfo, on either side of the bridge', () => {
  it('keeps a well-formed answer and drops anything extra', () => {
    expect(parseAppInfo({ name: 'Peerbook', version: '1.2.3-beta.1', extra: '<script>' })).toEqual({
      name: 'Peerbook',
      version: '1.2.3-beta.1',
    });
  });

  it('rejects hostile payloads', () => {
    for (const payload of [
      undefined,
      null,
      'Peerbook 0.1.0',
      42,
      [],
      {},
      { name: 'Peerbook' },
      { version: '0.1.0' },
      { name: '', version: '0.1.0' },
      { name: 'x'.repeat(101), version: '0.1.0' },
      { name: 7, version: '0.1.0' },
      { name: 'Peerbook', version: 1 },
      { name: 'Peerbook', version: 'latest' },
      { name: 'Peerbook', version: '0.1.0\n<script>alert(1)</script>' },
      { name: { toString: () => 'Peerbook' }, version: '0.1.0' },
    ]) {
      expect(() => parseAppInfo(payload), JSON.stringify(payload)).toThrow(InvalidIpcPayloadError);
    }
  });
});
