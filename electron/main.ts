/**
 * Electron main process: glue only. Every decision (what a window may do, what is served, who may
 * call IPC) lives in a plain module beside this one, tested in Node without Electron.
 * Security checklist followed throughout: https://www.electronjs.org/docs/latest/tutorial/security
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { app, BrowserWindow, ipcMain, nativeTheme, protocol, session, type WebContents } from 'electron';
import { APP_ENTRY_URL, APP_SCHEME } from './appOrigin';
import { createAppProtocolHandler } from './appProtocolHandler';
import { createIpcHandlers, registerIpcHandlers } from './ipcHandlers';
import { chooseWindowBackground, createMainWindowOptions } from './mainWindowOptions';
import { decideNavigation, decideWindowOpen } from './navigationPolicy';
import { decidePermission } from './permissionPolicy';

// This file is bundled to dist/electron/main.cjs (scripts/buildElectron.mjs), where CommonJS
// provides __dirname; the renderer is built by Vite into dist/renderer.
const preloadPath = path.join(__dirname, 'preload.cjs');
const rendererRoot = path.join(__dirname, '..', 'renderer');

function reportError(error: unknown): void {
  console.error('[peerbook]', error);
}

// Must happen before 'ready'. `standard` gives the scheme real origins (relative URLs, IndexedDB),
// `secure` makes it a secure context (WebRTC, crypto.subtle), `supportFetchAPI` lets the page
// fetch its own assets. Not `bypassCSP`: the app's own policy must apply.
// https://www.electronjs.org/docs/latest/tutorial/security#18-avoid-usage-of-the-file-protocol-and-prefer-usage-of-custom-protocols
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

// Every renderer is sandboxed, including any a future change creates without going through
// createMainWindowOptions. https://www.electronjs.org/docs/latest/tutorial/sandbox#enabling-the-sandbox-globally
app.enableSandbox();

// Applied to every webContents as it is created, so no window, frame host or webview escapes it.
// https://www.electronjs.org/docs/latest/tutorial/security#13-disable-or-limit-navigation
app.on('web-contents-created', (_event, contents) => {
  restrictWebContents(contents);
});

function restrictWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => {
    if (decideNavigation(event.url) === 'deny') {
      event.preventDefault();
    }
  });
  contents.setWindowOpenHandler(decideWindowOpen);
  // https://www.electronjs.org/docs/latest/tutorial/security#12-verify-webview-options-before-creation
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
}

function createMainWindow(): BrowserWindow {
  const window = new BrowserWindow(
    createMainWindowOptions({ preloadPath, prefersDarkColors: nativeTheme.shouldUseDarkColors }),
  );
  window.once('ready-to-show', () => {
    window.show();
  });

  const followSystemTheme = (): void => {
    window.setBackgroundColor(chooseWindowBackground(nativeTheme.shouldUseDarkColors));
  };
  nativeTheme.on('updated', followSystemTheme);
  window.on('closed', () => {
    nativeTheme.off('updated', followSystemTheme);
  });

  window.loadURL(APP_ENTRY_URL).catch(reportError);
  return window;
}

async function startDesktopShell(): Promise<void> {
  await app.whenReady();

  // https://www.electronjs.org/docs/latest/tutorial/security#5-handle-session-permission-requests-from-remote-content
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(decidePermission(permission, details.requestingUrl));
  });
  session.defaultSession.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    decidePermission(permission, requestingOrigin),
  );

  protocol.handle(
    APP_SCHEME,
    createAppProtocolHandler({ rendererRoot, readAsset: (assetPath) => readFile(assetPath), reportError }),
  );

  registerIpcHandlers(
    ipcMain,
    createIpcHandlers({ getName: () => app.getName(), getVersion: () => app.getVersion() }),
  );

  createMainWindow();

  // macOS keeps the app running with no windows; clicking the dock icon brings one back.
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) {
      createMainWindow();
    }
  });
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') {
    app.quit();
  }
});

startDesktopShell().catch((error: unknown) => {
  // A shell that failed to start would otherwise linger with no window.
  reportError(error);
  app.exit(1);
});
