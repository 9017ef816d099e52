import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type * as FileSystemPromises from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { formatInviteLink } from '../../../shared/invite/inviteLink';
import { COMMAND_CHANNEL, IPC_CHANNELS } from '../../../shared/ipc/ipcContract';
import { buildContentSecurityPolicy } from '../../../electron/contentSecurityPolicy';
import { WINDOW_BACKGROUND } from '../../../electron/mainWindowOptions';
import { connectSignalingClient } from '../../integration/signaling/signalingTestClient';
import {
  becomeReady,
  fakeElectron,
  FakeWebContents,
  fakeWindows,
  userDataPath,
  type Listener,
} from './support/fakeElectron';

// electron/main.ts run against a fake Electron (the real binary cannot run here). This checks the
// glue: that main wires each tested policy into the Electron API that enforces it, in the right
// order. Whether Electron then enforces it is Electron's part, and is not tested here.

const readFile = vi.hoisted(() =>
  vi.fn((assetPath: string) => Promise.resolve(new TextEncoder().encode(`<!doctype html><title>${assetPath}</title>`))),
);
vi.mock('electron', async () => (await import('./support/fakeElectron')).fakeElectron);
vi.mock('node:fs/promises', async (importOriginal) => ({
  ...(await importOriginal<typeof FileSystemPromises>()),
  readFile,
}));
// The machine running the tests may have no network; loopback stands in for its LAN address.
vi.mock('../../../electron/lan/localNetworkAddresses', () => ({ chooseLocalNetworkAddresses: () => ['127.0.0.1'] }));

const { app, protocol, session, ipcMain, nativeTheme, Menu, shell } = fakeElectron;

const launchLink = formatInviteLink({
  room: 'stEaeLAcZECk6m-KayLWxJErm7bEW67I',
  key: 'TMzQKHXRh82F4msALWt03sImkv8ZA4cK',
  signaling: ['ws://192.168.1.20:41444'],
  title: 'Release checklist',
});
const secondLink = launchLink.replace('Release%20checklist', 'Retro');

function lastCallArgument<T>(mock: { mock: { calls: unknown[][] } }, index: number): T {
  const call = mock.mock.calls.at(-1);
  if (call === undefined) {
    throw new Error('never called');
  }
  return call[index] as T;
}

function ipcListener(channel: string): Listener {
  const listener = ipcMain.handle.mock.calls.find((call: unknown[]) => call[0] === channel)?.[1] as Listener | undefined;
  if (listener === undefined) throw new Error(`${channel} is not handled`);
  return listener;
}

const fromApp = { senderFrame: { url: 'app://peerbook/index.html' } };
const originalArgv = process.argv;

function mainWindow() {
  const window = fakeWindows[0];
  if (window === undefined) throw new Error('no window');
  return window;
}

describe('the desktop shell starting up', () => {
  beforeAll(async () => {
    // Where the window was last, as a previous run left it.
    writeFileSync(
      path.join(userDataPath, 'window-state.json'),
      JSON.stringify({ bounds: { x: 40, y: 60, width: 1100, height: 700 }, maximized: true }),
    );
    // Launched from a link, as Windows and Linux start the app.
    process.argv = ['/opt/Peerbook/peerbook', '--no-sandbox', launchLink];
    await import('../../../electron/main');
  });

  afterAll(() => {
    process.argv = originalArgv;
    rmSync(userDataPath, { recursive: true, force: true });
  });

  it('takes the single-instance lock, registers app:// and sandboxes every renderer before the app is ready', () => {
    expect(app.requestSingleInstanceLock).toHaveBeenCalled();
    expect(app.quit).not.toHaveBeenCalled();
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    expect(app.enableSandbox).toHaveBeenCalled();
    // Chromium's switches are read at start, so they are set before 'ready' too.
    expect(app.commandLine.switches.get('disable-features')).toContain('DeferRendererTasksAfterInput');
    expect(protocol.handle).not.toHaveBeenCalled();
    expect(fakeWindows).toHaveLength(0);
    // macOS can deliver a link before 'ready': the listener is there from the start.
    expect(app.listeners.get('open-url')).toHaveLength(1);
  });

  it('opens one hidden, hardened window on app:// where it was last, and shows it maximized when painted', async () => {
    becomeReady();
    await vi.waitFor(() => expect(fakeWindows).toHaveLength(1));
    const window = mainWindow();

    expect(window.options).toMatchObject({
      title: 'Peerbook',
      show: false,
      x: 40,
      y: 60,
      width: 1100,
      height: 700,
      backgroundColor: WINDOW_BACKGROUND.dark,
      webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true },
    });
    expect(window.loadURL).toHaveBeenCalledWith('app://peerbook/index.html');

    expect(window.show).not.toHaveBeenCalled();
    window.emit('ready-to-show');
    expect(window.maximize).toHaveBeenCalled();
    expect(window.show).toHaveBeenCalled();
  });

  it('registers the peerbook scheme with the OS and sets the application menu', () => {
    expect(app.setAsDefaultProtocolClient).toHaveBeenCalledWith('peerbook');
    expect(Menu.setApplicationMenu).toHaveBeenCalledTimes(1);
    const template = lastCallArgument<{ label: string }[]>(Menu.buildFromTemplate, 0);
    expect(template.map((item) => item.label.replace('&', ''))).toEqual(
      process.platform === 'darwin'
        ? ['Peerbook', 'File', 'Edit', 'View', 'Window', 'Help']
        : ['File', 'Edit', 'View', 'Window', 'Help'],
    );
  });

  it('opens the Join dialog for the link that launched the app once the page has loaded, not before', () => {
    const contents = mainWindow().webContents;
    expect(contents.sent).toEqual([]);
    contents.emit('did-finish-load');
    expect(contents.sent).toEqual([{ channel: COMMAND_CHANNEL, payload: { type: 'join', link: launchLink } }]);
  });

  it('sends menu items to the renderer as commands', () => {
    const template = lastCallArgument<{ label: string; submenu: { id?: string; click?: () => void }[] }[]>(
      Menu.buildFromTemplate,
      0,
    );
    const file = template.find((item) => item.label.replace('&', '') === 'File');
    file?.submenu.find((item) => item.id === 'new-debrief')?.click?.();
    expect(mainWindow().webContents.sent.at(-1)).toEqual({
      channel: COMMAND_CHANNEL,
      payload: { type: 'run', command: 'new-debrief' },
    });
  });

  it('brings the window to the front with the Join dialog when a second launch carries a link', () => {
    const window = mainWindow();
    window.minimized = true;
    app.emit('second-instance', {}, ['/opt/Peerbook/peerbook', '--original-process-start-time=1', secondLink], '/home/ana');
    expect(window.restore).toHaveBeenCalled();
    expect(window.focus).toHaveBeenCalled();
    expect(window.webContents.sent.at(-1)).toEqual({ channel: COMMAND_CHANNEL, payload: { type: 'join', link: secondLink } });

    // A second launch without a link only focuses the window.
    const sentBefore = window.webContents.sent.length;
    app.emit('second-instance', {}, ['/opt/Peerbook/peerbook'], '/home/ana');
    expect(window.webContents.sent).toHaveLength(sentBefore);
  });

  it('handles macOS open-url the same way, and ignores a link that is not an invite', () => {
    const window = mainWindow();
    const valid = { preventDefault: vi.fn() };
    app.emit('open-url', valid, launchLink);
    expect(valid.preventDefault).toHaveBeenCalled();
    expect(window.webContents.sent.at(-1)).toEqual({ channel: COMMAND_CHANNEL, payload: { type: 'join', link: launchLink } });

    const sentBefore = window.webContents.sent.length;
    app.emit('open-url', { preventDefault: vi.fn() }, 'peerbook://join/not-a-room');
    expect(window.webContents.sent).toHaveLength(sentBefore);
  });

  it('holds commands while the page reloads, and delivers them once it has loaded', () => {
    const contents = mainWindow().webContents;
    contents.emit('did-start-loading');
    app.emit('open-url', { preventDefault: vi.fn() }, secondLink);
    expect(contents.sent.at(-1)?.payload).not.toEqual({ type: 'join', link: secondLink });
    contents.emit('did-finish-load');
    expect(contents.sent.at(-1)).toEqual({ channel: COMMAND_CHANNEL, payload: { type: 'join', link: secondLink } });
  });

  it('follows the system theme while open', () => {
    nativeTheme.shouldUseDarkColors = false;
    nativeTheme.emit('updated');
    expect(mainWindow().setBackgroundColor).toHaveBeenLastCalledWith(WINDOW_BACKGROUND.light);
  });

  it('serves dist/renderer, next to the preload bundle, with the CSP on the page', async () => {
    expect(lastCallArgument<string>(protocol.handle, 0)).toBe('app');
    const handler = lastCallArgument<(request: { url: string; method: string }) => Promise<Response>>(protocol.handle, 1);
    const response = await handler({ url: 'app://peerbook/index.html', method: 'GET' });

    const preloadPath = (mainWindow().options.webPreferences as { preload: string }).preload;
    expect(path.basename(preloadPath)).toBe('preload.cjs');
    expect(readFile).toHaveBeenCalledWith(path.join(path.dirname(preloadPath), '..', 'renderer', 'index.html'));
    expect(response.headers.get('content-security-policy')).toBe(buildContentSecurityPolicy());

    const traversal = await handler({ url: 'app://peerbook/..%2F..%2Fpackage.json', method: 'GET' });
    expect(traversal.status).toBe(404);
  });

  it('refuses every permission but writing the clipboard for the app', () => {
    const decide = vi.fn();
    const requestHandler = lastCallArgument<Listener>(session.defaultSession.setPermissionRequestHandler, 0);
    requestHandler({}, 'media', decide, { requestingUrl: 'app://peerbook/index.html' });
    requestHandler({}, 'clipboard-sanitized-write', decide, { requestingUrl: 'app://peerbook/index.html' });
    expect(decide.mock.calls).toEqual([[false], [true]]);

    const checkHandler = lastCallArgument<Listener>(session.defaultSession.setPermissionCheckHandler, 0);
    expect(checkHandler({}, 'clipboard-read', 'app://peerbook', {})).toBe(false);
  });

  it('keeps every webContents on the app origin, opens no new windows, and sends web links to the browser', () => {
    const contents = new FakeWebContents();
    app.emit('web-contents-created', {}, contents);

    const foreign = { url: 'https://example.com/runbook', preventDefault: vi.fn() };
    const own = { url: 'app://peerbook/index.html', preventDefault: vi.fn() };
    const file = { url: 'file:///etc/passwd', preventDefault: vi.fn() };
    contents.emit('will-navigate', foreign);
    contents.emit('will-navigate', own);
    contents.emit('will-navigate', file);
    expect(foreign.preventDefault).toHaveBeenCalled();
    expect(own.preventDefault).not.toHaveBeenCalled();
    expect(file.preventDefault).toHaveBeenCalled();

    const openHandler = lastCallArgument<Listener>(contents.setWindowOpenHandler, 0);
    expect(openHandler({ url: 'mailto:ana@example.com', disposition: 'new-window' })).toEqual({ action: 'deny' });
    expect(openHandler({ url: 'smb://attacker/share', disposition: 'new-window' })).toEqual({ action: 'deny' });
    expect(shell.openExternal.mock.calls).toEqual([['https://example.com/runbook'], ['mailto:ana@example.com']]);

    const webview = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', webview);
    expect(webview.preventDefault).toHaveBeenCalled();
  });

  it('answers each contract channel, only to the app', async () => {
    const channels = ipcMain.handle.mock.calls.map((call: unknown[]) => call[0]);
    expect(channels.sort()).toEqual(Object.values(IPC_CHANNELS).sort());

    const getAppInfo = ipcListener(IPC_CHANNELS.getAppInfo);
    await expect(getAppInfo(fromApp)).resolves.toEqual({ name: 'Peerbook', version: '0.1.0' });
    await expect(getAppInfo({ senderFrame: { url: 'https://evil.example/' } })).rejects.toThrow(/not the app/);
  });

  it('runs the project signaling server on the local network while entries are shared', async () => {
    const setSharing = ipcListener(IPC_CHANNELS.setLocalNetworkSharing);
    const urls = (await setSharing(fromApp, true)) as string[];
    expect(urls).toHaveLength(1);
    const client = await connectSignalingClient(urls[0] ?? '');
    await client.roundTrip(); // a y-webrtc ping answered with pong: it is the signaling server
    expect(JSON.parse(readFileSync(path.join(userDataPath, 'local-network-signaling.json'), 'utf8'))).toEqual({
      port: Number(new URL(urls[0] ?? '').port),
    });

    await expect(setSharing(fromApp, false)).resolves.toEqual([]);
    expect((await client.closed).code).toBe(1001);
  });

  it('shows the save dialog over the window for Export Markdown', async () => {
    const save = ipcListener(IPC_CHANNELS.saveTextFile);
    await expect(save(fromApp, 'release-checklist.md', '# Release\n')).resolves.toBe('cancelled');
    expect(fakeElectron.dialog.showSaveDialog).toHaveBeenCalledWith(
      mainWindow(),
      expect.objectContaining({ defaultPath: path.join(userDataPath, 'documents', 'release-checklist.md') }),
    );
  });

  it('writes automatic backups into Peerbook Backups in the documents folder, part by part, with no dialog', async () => {
    const start = ipcListener(IPC_CHANNELS.startBackupFile);
    const append = ipcListener(IPC_CHANNELS.appendToBackupFile);
    const finish = ipcListener(IPC_CHANNELS.finishBackupFile);
    const dialogsShown = (): number =>
      fakeElectron.dialog.showSaveDialog.mock.calls.length + fakeElectron.dialog.showOpenDialog.mock.calls.length;
    const dialogsBefore = dialogsShown();
    const parts = ['{"format":"peerbook-backup","version":2,"createdAt":0}\n', '{"leftOut":[]}\n', '{"end":"peerbook-backup","lines":2,"sha256":"00"}\n'];
    const started = (await start(fromApp, { kind: 'automatic' })) as { status: 'started'; handle: string };
    for (const part of parts) await append(fromApp, started.handle, part);
    const outcome = (await finish(fromApp, started.handle)) as { folder: string; file: string; kept: number };
    const folder = path.join(userDataPath, 'documents', 'Peerbook Backups');
    expect(outcome).toEqual({ folder, file: expect.stringMatching(/^peerbook-backup-\d{4}-\d{2}-\d{2}-\d{6}\.json$/), kept: 1 });
    expect(readFileSync(path.join(folder, outcome.file), 'utf8')).toBe(parts.join(''));
    expect(dialogsShown()).toBe(dialogsBefore);
    await expect(start({ senderFrame: { url: 'https://evil.example/' } }, { kind: 'automatic' })).rejects.toThrow(/not the app/);
  });

  it('remembers where the window was when it closes', () => {
    const window = mainWindow();
    window.normalBounds = { x: 200, y: 120, width: 1000, height: 720 };
    window.maximized = false;
    window.emit('close');
    expect(JSON.parse(readFileSync(path.join(userDataPath, 'window-state.json'), 'utf8'))).toEqual({
      bounds: { x: 200, y: 120, width: 1000, height: 720 },
      maximized: false,
    });
    expect(existsSync(path.join(userDataPath, 'window-state.json.tmp'))).toBe(false);
  });

  it('reopens a window from the dock only when none is open, and quits when the last closes off macOS', () => {
    app.emit('activate');
    expect(fakeWindows).toHaveLength(1);

    mainWindow().emit('closed');
    fakeWindows.length = 0;
    app.emit('activate');
    expect(fakeWindows).toHaveLength(1);

    app.emit('window-all-closed');
    if (process.platform === 'darwin') {
      expect(app.quit).not.toHaveBeenCalled();
    } else {
      expect(app.quit).toHaveBeenCalled();
    }
    expect(app.exit).not.toHaveBeenCalled();
  });

  it('opens a window for a link that arrives while none is open (macOS keeps running without one)', () => {
    mainWindow().emit('closed');
    fakeWindows.length = 0;
    app.emit('open-url', { preventDefault: vi.fn() }, launchLink);
    expect(fakeWindows).toHaveLength(1);
    const contents = mainWindow().webContents;
    expect(contents.sent).toEqual([]);
    contents.emit('did-finish-load');
    expect(contents.sent).toEqual([{ channel: COMMAND_CHANNEL, payload: { type: 'join', link: launchLink } }]);
  });
});
