import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { vi } from 'vitest';

/**
 * The parts of Electron that electron/main.ts touches, as plain objects that record what main
 * does with them (the real binary cannot run here). Tests mock 'electron' with `fakeElectron` and
 * then import main; each test file gets its own instance.
 */

export type Listener = (...args: unknown[]) => unknown;

export class FakeEmitter {
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

export class FakeWebContents extends FakeEmitter {
  readonly sent: { channel: string; payload: unknown }[] = [];
  readonly setWindowOpenHandler = vi.fn();
  destroyed = false;
  isDestroyed(): boolean {
    return this.destroyed;
  }
  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }
}

const windows: FakeBrowserWindow[] = [];

export class FakeBrowserWindow extends FakeEmitter {
  static getAllWindows(): FakeBrowserWindow[] {
    return windows;
  }
  readonly webContents = new FakeWebContents();
  readonly show = vi.fn();
  readonly focus = vi.fn();
  readonly restore = vi.fn();
  readonly maximize = vi.fn();
  readonly setBackgroundColor = vi.fn();
  readonly loadURL = vi.fn(() => Promise.resolve());
  minimized = false;
  normalBounds = { x: 0, y: 0, width: 0, height: 0 };
  maximized = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    this.normalBounds = {
      x: (options.x as number | undefined) ?? 100,
      y: (options.y as number | undefined) ?? 100,
      width: options.width as number,
      height: options.height as number,
    };
    windows.push(this);
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  isDestroyed(): boolean {
    return false;
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  getNormalBounds() {
    return this.normalBounds;
  }
}

let markReady: () => void = () => undefined;
const ready = new Promise<void>((resolve) => {
  markReady = resolve;
});
let isReady = false;

export const userDataPath = mkdtempSync(path.join(tmpdir(), 'peerbook-userdata-'));

const app = Object.assign(new FakeEmitter(), {
  lockGranted: true,
  requestSingleInstanceLock: vi.fn(() => app.lockGranted),
  whenReady: () => ready,
  isReady: () => isReady,
  enableSandbox: vi.fn(),
  getName: () => 'Peerbook',
  getVersion: () => '0.1.0',
  getPath: (name: string) => path.join(userDataPath, name === 'userData' ? '' : name),
  isPackaged: true,
  setAsDefaultProtocolClient: vi.fn(() => true),
  quit: vi.fn(),
  exit: vi.fn(),
  commandLine: {
    switches: new Map<string, string>(),
    hasSwitch: (name: string) => app.commandLine.switches.has(name),
    getSwitchValue: (name: string) => app.commandLine.switches.get(name) ?? '',
    appendSwitch: vi.fn((name: string, value = '') => void app.commandLine.switches.set(name, value)),
  },
});

const primaryDisplay = { workArea: { x: 0, y: 25, width: 1440, height: 875 } };

export const fakeElectron = {
  app,
  BrowserWindow: FakeBrowserWindow,
  nativeTheme: Object.assign(new FakeEmitter(), { shouldUseDarkColors: true }),
  protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
  session: { defaultSession: { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() } },
  ipcMain: { handle: vi.fn() },
  Menu: {
    buildFromTemplate: vi.fn((template: unknown) => ({ template })),
    setApplicationMenu: vi.fn(),
  },
  dialog: {
    showSaveDialog: vi.fn(() => Promise.resolve({ canceled: true, filePath: '' })),
    showOpenDialog: vi.fn(() => Promise.resolve({ canceled: true, filePaths: [] })),
  },
  screen: { getPrimaryDisplay: () => primaryDisplay, getAllDisplays: () => [primaryDisplay] },
  shell: { openExternal: vi.fn(() => Promise.resolve()) },
};

export const fakeWindows = windows;

export function becomeReady(): void {
  isReady = true;
  markReady();
}
