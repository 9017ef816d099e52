import { describe, expect, it, vi } from 'vitest';
import {
  BRIDGE_GLOBAL,
  BRIDGE_METHODS,
  COMMAND_CHANNEL,
  IPC_CHANNELS,
  InvalidIpcPayloadError,
  type AppCommand,
  type PeerbookBridge,
} from '../../../shared/ipc/ipcContract';
import { exposeBridge, type MainWorldExposer, type PreloadIpc } from '../../../electron/preloadBridge';

const ANSWERS: Record<string, unknown> = {
  [IPC_CHANNELS.getAppInfo]: { name: 'Peerbook', version: '0.1.0' },
  [IPC_CHANNELS.saveTextFile]: 'saved',
  [IPC_CHANNELS.saveMarkdownFolder]: { status: 'saved', folder: '/home/ana/peerbook-journal-2025-03-14', files: 1 },
  [IPC_CHANNELS.setLocalNetworkSharing]: ['ws://192.168.1.20:41444'],
  [IPC_CHANNELS.startBackupFile]: { status: 'started', handle: '0123456789abcdef0123456789abcdef' },
  [IPC_CHANNELS.appendToBackupFile]: undefined,
  [IPC_CHANNELS.finishBackupFile]: {
    folder: '/home/ana/Documents/Peerbook Backups',
    file: 'peerbook-backup-2025-03-14-163005.json',
    kept: 10,
  },
  [IPC_CHANNELS.discardBackupFile]: undefined,
};

const HANDLE = '0123456789abcdef0123456789abcdef';
const FIRST_PART = '{"format":"peerbook-backup","version":2,"createdAt":0}\n';

/** The preload run against fake contextBridge and ipcRenderer; `emit` is main sending a command. */
function loadPreload(answers: Record<string, unknown> = ANSWERS) {
  const exposed = new Map<string, unknown>();
  const invocations: { channel: string; args: unknown[] }[] = [];
  const commandListeners: ((event: unknown, ...args: unknown[]) => void)[] = [];
  const fakeIpcRenderer = { sendSync: vi.fn(), send: vi.fn() };
  const contextBridge: MainWorldExposer = {
    exposeInMainWorld(apiKey, api) {
      exposed.set(apiKey, api);
    },
  };
  const ipcRenderer: PreloadIpc = {
    invoke(channel, ...args) {
      invocations.push({ channel, args });
      return Promise.resolve(answers[channel]);
    },
    on(channel, listener) {
      expect(channel).toBe(COMMAND_CHANNEL);
      commandListeners.push(listener);
      return ipcRenderer;
    },
  };
  exposeBridge(contextBridge, ipcRenderer);
  const emit = (payload: unknown): void => {
    // Electron passes its event first; its `sender` is ipcRenderer itself.
    for (const listener of commandListeners) listener({ sender: fakeIpcRenderer, senderId: 0 }, payload);
  };
  return { exposed, invocations, emit, bridge: exposed.get(BRIDGE_GLOBAL) as PeerbookBridge, fakeIpcRenderer };
}

const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe('what the preload gives the page', () => {
  it('exposes one global, the bridge, with exactly the contract methods and nothing else', () => {
    const { exposed, bridge } = loadPreload();
    expect([...exposed.keys()]).toEqual([BRIDGE_GLOBAL]);
    expect(typeof bridge).toBe('object');
    expect(Object.keys(bridge).sort()).toEqual([...BRIDGE_METHODS].sort());
    for (const value of Object.values(bridge)) {
      expect(typeof value).toBe('function');
    }
    // Nothing that would let page script reach IPC directly.
    for (const forbidden of ['invoke', 'ipcRenderer', 'send', 'sendSync', 'on', 'removeListener']) {
      expect(bridge).not.toHaveProperty(forbidden);
    }
  });

  it('sends each request on its own channel, with the contract arguments only', async () => {
    const { bridge, invocations } = loadPreload();
    await expect(bridge.getAppInfo()).resolves.toEqual({ name: 'Peerbook', version: '0.1.0' });
    await expect(bridge.saveTextFile('entry.md', '# Entry\n')).resolves.toBe('saved');
    await expect(bridge.saveMarkdownFolder([{ name: 'entry.md', text: '# Entry\n' }])).resolves.toMatchObject({ status: 'saved' });
    await expect(bridge.setLocalNetworkSharing(true)).resolves.toEqual(['ws://192.168.1.20:41444']);
    await expect(bridge.startBackupFile({ kind: 'automatic' })).resolves.toEqual({ status: 'started', handle: HANDLE });
    await expect(bridge.appendToBackupFile(HANDLE, FIRST_PART)).resolves.toBeUndefined();
    await expect(bridge.finishBackupFile(HANDLE)).resolves.toEqual({
      folder: '/home/ana/Documents/Peerbook Backups',
      file: 'peerbook-backup-2025-03-14-163005.json',
      kept: 10,
    });
    await expect(bridge.discardBackupFile(HANDLE)).resolves.toBeUndefined();

    expect(invocations).toEqual([
      { channel: IPC_CHANNELS.getAppInfo, args: [] },
      { channel: IPC_CHANNELS.saveTextFile, args: ['entry.md', '# Entry\n'] },
      { channel: IPC_CHANNELS.saveMarkdownFolder, args: [[{ name: 'entry.md', text: '# Entry\n' }]] },
      { channel: IPC_CHANNELS.setLocalNetworkSharing, args: [true] },
      { channel: IPC_CHANNELS.startBackupFile, args: [{ kind: 'automatic' }] },
      { channel: IPC_CHANNELS.appendToBackupFile, args: [HANDLE, FIRST_PART] },
      { channel: IPC_CHANNELS.finishBackupFile, args: [HANDLE] },
      { channel: IPC_CHANNELS.discardBackupFile, args: [HANDLE] },
    ]);
  });

  it('passes on no malformed answer from main', async () => {
    const { bridge } = loadPreload({
      [IPC_CHANNELS.getAppInfo]: { name: 'Peerbook', version: { major: 0 } },
      [IPC_CHANNELS.saveTextFile]: '/home/ana/secret',
      [IPC_CHANNELS.saveMarkdownFolder]: { status: 'saved' },
      [IPC_CHANNELS.setLocalNetworkSharing]: ['http://evil.example/'],
      [IPC_CHANNELS.startBackupFile]: { status: 'started', handle: '../../etc' },
      [IPC_CHANNELS.finishBackupFile]: { folder: '/home/ana', file: '../../.bashrc', kept: 10 },
    });
    await expect(bridge.getAppInfo()).rejects.toBeInstanceOf(InvalidIpcPayloadError);
    await expect(bridge.saveTextFile('entry.md', 'x')).rejects.toBeInstanceOf(InvalidIpcPayloadError);
    await expect(bridge.saveMarkdownFolder([])).rejects.toBeInstanceOf(InvalidIpcPayloadError);
    await expect(bridge.setLocalNetworkSharing(true)).rejects.toBeInstanceOf(InvalidIpcPayloadError);
    await expect(bridge.startBackupFile({ kind: 'automatic' })).rejects.toBeInstanceOf(InvalidIpcPayloadError);
    await expect(bridge.finishBackupFile(HANDLE)).rejects.toBeInstanceOf(InvalidIpcPayloadError);
  });
});

describe('commands from main, through the preload', () => {
  it('reach the app as the command alone, never with Electron event (whose sender is ipcRenderer)', async () => {
    const { bridge, emit } = loadPreload();
    const received: unknown[][] = [];
    bridge.onCommand((...args: unknown[]) => received.push(args));
    await nextTask();
    emit({ type: 'new-entry', kind: 'lesson' });
    expect(received).toEqual([[{ type: 'new-entry', kind: 'lesson' }]]);
  });

  it('wait for the app to subscribe: a link that launched the app arrives before React has mounted', async () => {
    const { bridge, emit } = loadPreload();
    const link = 'peerbook://join/stEaeLAcZECk6m-KayLWxJErm7bEW67I#key=TMzQKHXRh82F4msALWt03sImkv8ZA4cK&sig=ws%3A%2F%2F10.0.0.2%3A4444';
    emit({ type: 'join', link });

    const received: AppCommand[] = [];
    bridge.onCommand((command) => received.push(command));
    expect(received).toEqual([]); // delivered on a later task, after the subscriber has set up
    await nextTask();
    expect(received).toEqual([{ type: 'join', link }]);
  });

  it('stop after unsubscribing, and a failing listener does not stop the others', async () => {
    const { bridge, emit } = loadPreload();
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const received: AppCommand[] = [];
    bridge.onCommand(() => {
      throw new Error('broken listener');
    });
    const unsubscribe = bridge.onCommand((command) => received.push(command));
    await nextTask();
    emit({ type: 'open-settings' });
    unsubscribe();
    emit({ type: 'export-journal' });
    expect(received).toEqual([{ type: 'open-settings' }]);
    errors.mockRestore();
  });

  it('drops malformed commands instead of passing them to the page', async () => {
    const { bridge, emit } = loadPreload();
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const received: AppCommand[] = [];
    bridge.onCommand((command) => received.push(command));
    await nextTask();
    for (const payload of [null, 'join', { type: 'join', link: 'https://evil.example' }, { type: 'eval', code: 'x' }]) {
      emit(payload);
    }
    expect(received).toEqual([]);
    errors.mockRestore();
  });

  it('refuses a listener that is not a function', () => {
    const { bridge } = loadPreload();
    expect(() => bridge.onCommand('alert(1)' as unknown as () => void)).toThrow(TypeError);
  });
});
