import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fakeElectron, fakeWindows, userDataPath } from './support/fakeElectron';

// A second launch of the app (a peerbook:// link clicked while Peerbook runs, on Windows and
// Linux): it must hand over and quit, touching nothing. The running instance receives its argv
// in 'second-instance' (mainProcess.test.ts).

vi.mock('electron', async () => (await import('./support/fakeElectron')).fakeElectron);

const { app, protocol, ipcMain, Menu } = fakeElectron;

describe('a second Peerbook started while one is running', () => {
  beforeAll(async () => {
    app.lockGranted = false;
    await import('../../../electron/main');
  });

  afterAll(() => {
    rmSync(userDataPath, { recursive: true, force: true });
  });

  it('quits at once, without a window, a menu, IPC handlers or deep-link listeners', () => {
    expect(app.requestSingleInstanceLock).toHaveBeenCalled();
    expect(app.quit).toHaveBeenCalled();
    expect(protocol.registerSchemesAsPrivileged).not.toHaveBeenCalled();
    expect(app.listeners.size).toBe(0);
    expect(ipcMain.handle).not.toHaveBeenCalled();
    expect(Menu.setApplicationMenu).not.toHaveBeenCalled();
    expect(fakeWindows).toHaveLength(0);
  });
});
