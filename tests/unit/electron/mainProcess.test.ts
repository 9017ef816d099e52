import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS } from '../../../shared/ipc/ipcContract';
import { buildContentSecurityPolicy } from '../../../electron/contentSecurityPolicy';
import { WINDOW_BACKGROUND } from '../../../electron/mainWindowOptions';

// electron/main.ts run against a fake Electron (the real binary cannot run here). This checks the
// glue: that main wires each tested policy into the Electron API that enforces it, in the right
// order. Whether Electron then enforces it is Electron's part, and is not tested here.

type Listener = (...args: unknown[]) => unknown;

const fake = vi.hoisted(() => {
  class FakeEmitter {
    readonly listeners = new Map<string, Listener[]>();
    on(event: string, listener: Listener): this {
      this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
      return this;
    }
    once(event: string, listener: Listener): this {
      return this.on(event, listener);
    }
    off(event: string, listener: Listener): this {
      this.listeners.set(event, (this.listeners.get(event) ?? []).filter((known) => known !== listener));
      return this;
    }
    emit(event: string, ...args: unknown[]): void {
      for (const listener of this.listeners.get(event) ?? []) {
        listener(...args);
      }
    }
  }

  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });

  const windows: FakeBrowserWindow[] = [];
  class FakeBrowserWindow extends FakeEmitter {
    static getAllWindows(): FakeBrowserWindow[] {
      return windows;
    }
    readonly show = vi.fn();
    readonly setBackgroundColor = vi.fn();
    readonly loadURL = vi.fn(() => Promise.resolve());
    constructor(readonly options: Record<string, unknown>) {
      super();
      windows.push(this);
    }
  }

  const app = Object.assign(new FakeEmitter(), {
    whenReady: () => ready,
    enableSandbox: vi.fn(),
    getName: () => 'Peerbook',
    getVersion: () => '0.1.0',
    quit: vi.fn(),
    exit: vi.fn(),
  });
  const nativeTheme = Object.assign(new FakeEmitter(), { shouldUseDarkColors: true });
  const protocol = { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() };
  const session = {
    defaultSession: { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() },
  };
  const ipcMain = { handle: vi.fn() };
  const readFile = vi.fn((assetPath: string) =>
    Promise.resolve(new TextEncoder().encode(`<!doctype html><title>${path.basename(assetPath)}</title>`)),
  );

  return {
    FakeEmitter,
    windows,
    markReady: () => markReady(),
    readFile,
    electron: { app, nativeTheme, protocol, session, ipcMain, BrowserWindow: FakeBrowserWindow },
  };
});

vi.mock('electron', () => fake.electron);
vi.mock('node:fs/promises', () => ({ readFile: fake.readFile }));

const { app, protocol, session, ipcMain, nativeTheme } = fake.electron;

function lastCallArgument<T>(mock: { mock: { calls: unknown[][] } }, index: number): T {
  const call = mock.mock.calls.at(-1);
  if (call === undefined) {
    throw new Error('never called');
  }
  return call[index] as T;
}

describe('the desktop shell starting up', () => {
  beforeAll(async () => {
    await import('../../../electron/main');
  });

  it('registers app:// as a privileged scheme and sandboxes every renderer before the app is ready', () => {
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    expect(app.enableSandbox).toHaveBeenCalled();
    expect(protocol.handle).not.toHaveBeenCalled();
    expect(fake.windows).toHaveLength(0);
  });

  it('opens one hidden, hardened window on app:// once ready, and shows it when painted', async () => {
    fake.markReady();
    await vi.waitFor(() => expect(fake.windows).toHaveLength(1));
    const [window] = fake.windows;
    if (window === undefined) return;

    expect(window.options).toMatchObject({
      title: 'Peerbook',
      show: false,
      backgroundColor: WINDOW_BACKGROUND.dark,
      webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true },
    });
    expect(window.loadURL).toHaveBeenCalledWith('app://peerbook/index.html');

    expect(window.show).not.toHaveBeenCalled();
    window.emit('ready-to-show');
    expect(window.show).toHaveBeenCalled();
  });

  it('follows the system theme while open', () => {
    const [window] = fake.windows;
    nativeTheme.shouldUseDarkColors = false;
    nativeTheme.emit('updated');
    expect(window?.setBackgroundColor).toHaveBeenLastCalledWith(WINDOW_BACKGROUND.light);
  });

  it('serves dist/renderer, next to the preload bundle, with the CSP on the page', async () => {
    expect(lastCallArgument<string>(protocol.handle, 0)).toBe('app');
    const handler = lastCallArgument<(request: { url: string; method: string }) => Promise<Response>>(
      protocol.handle,
      1,
    );
    const response = await handler({ url: 'app://peerbook/index.html', method: 'GET' });

    const preloadPath = (fake.windows[0]?.options.webPreferences as { preload: string }).preload;
    expect(path.basename(preloadPath)).toBe('preload.cjs');
    expect(fake.readFile).toHaveBeenCalledWith(path.join(path.dirname(preloadPath), '..', 'renderer', 'index.html'));
    expect(response.headers.get('content-security-policy')).toBe(buildContentSecurityPolicy());

    const traversal = await handler({ url: 'app://peerbook/..%2F..%2Fpackage.json', method: 'GET' });
    expect(traversal.status).toBe(404);
  });

  it('refuses every permission request and check', () => {
    const decide = vi.fn();
    const requestHandler = lastCallArgument<Listener>(session.defaultSession.setPermissionRequestHandler, 0);
    requestHandler({}, 'media', decide, { requestingUrl: 'app://peerbook/index.html' });
    expect(decide).toHaveBeenCalledWith(false);

    const checkHandler = lastCallArgument<Listener>(session.defaultSession.setPermissionCheckHandler, 0);
    expect(checkHandler({}, 'clipboard-read', 'app://peerbook', {})).toBe(false);
  });

  it('keeps every webContents on the app origin and opens no new windows', () => {
    const contents = Object.assign(new fake.FakeEmitter(), { setWindowOpenHandler: vi.fn() });
    app.emit('web-contents-created', {}, contents);

    const foreign = { url: 'https://evil.example/', preventDefault: vi.fn() };
    const own = { url: 'app://peerbook/index.html', preventDefault: vi.fn() };
    contents.emit('will-navigate', foreign);
    contents.emit('will-navigate', own);
    expect(foreign.preventDefault).toHaveBeenCalled();
    expect(own.preventDefault).not.toHaveBeenCalled();

    const openHandler = lastCallArgument<Listener>(contents.setWindowOpenHandler, 0);
    expect(openHandler({ url: 'https://example.com/', disposition: 'new-window' })).toEqual({ action: 'deny' });

    const webview = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', webview);
    expect(webview.preventDefault).toHaveBeenCalled();
  });

  it('answers each contract channel, only to the app', async () => {
    const channels = ipcMain.handle.mock.calls.map((call: unknown[]) => call[0]);
    expect(channels.sort()).toEqual(Object.values(IPC_CHANNELS).sort());

    const getAppInfo = ipcMain.handle.mock.calls.find((call: unknown[]) => call[0] === IPC_CHANNELS.getAppInfo)?.[1] as
      | Listener
      | undefined;
    await expect(getAppInfo?.({ senderFrame: { url: 'app://peerbook/index.html' } })).resolves.toEqual({
      name: 'Peerbook',
      version: '0.1.0',
    });
    await expect(getAppInfo?.({ senderFrame: { url: 'https://evil.example/' } })).rejects.toThrow(/not the app/);
  });

  it('reopens a window from the dock only when none is open, and quits when the last closes off macOS', () => {
    app.emit('activate');
    expect(fake.windows).toHaveLength(1);

    fake.windows.length = 0;
    app.emit('activate');
    expect(fake.windows).toHaveLength(1);

    app.emit('window-all-closed');
    if (process.platform === 'darwin') {
      expect(app.quit).not.toHaveBeenCalled();
    } else {
      expect(app.quit).toHaveBeenCalled();
    }
    expect(app.exit).not.toHaveBeenCalled();
  });
});
