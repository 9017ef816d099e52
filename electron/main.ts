/**
 * Electron main process: glue only. Every decision (what a window may do, what is served, who may
 * call IPC, which links open what, where the window goes, which addresses the local-network
 * server takes) lives in a plain module beside this one, tested in Node without Electron.
 * Security checklist followed throughout: https://www.electronjs.org/docs/latest/tutorial/security
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  nativeTheme,
  protocol,
  screen,
  session,
  shell,
  type WebContents,
} from 'electron';
import { APP_ENTRY_URL, APP_SCHEME } from './appOrigin';
import { createAppProtocolHandler } from './appProtocolHandler';
import { buildApplicationMenuTemplate } from './applicationMenu';
import { applyChromiumSwitches } from './chromiumSwitches';
import { AUTOMATIC_BACKUP_FOLDER_NAME, createAutomaticBackups, nodeBackupFileSystem } from './automaticBackups';
import { createBackupFiles } from './backupFiles';
import { joinCommandForArgv, joinCommandForUrl, protocolClientRegistration } from './deepLinks';
import { openExternalUrl } from './externalLinks';
import { createFileExport } from './fileExport';
import { createIpcHandlers, registerIpcHandlers } from './ipcHandlers';
import { readJsonStateFile, writeJsonStateFile, type StateFileSystem } from './jsonStateFile';
import { chooseLocalNetworkAddresses } from './lan/localNetworkAddresses';
import { createLocalNetworkSignaling, LOCAL_NETWORK_PORT_FILE_NAME, parseStoredPort } from './lan/localNetworkSignaling';
import { chooseWindowBackground, createMainWindowOptions } from './mainWindowOptions';
import { decideWindowOpen, handleNavigation } from './navigationPolicy';
import { decidePermission } from './permissionPolicy';
import { createRendererCommands } from './rendererCommands';
import { startSignalingServer } from '../services/signaling/signalingServer';
import { captureWindowState, parseWindowState, placeWindow, WINDOW_STATE_FILE_NAME } from './windowState';

// This file is bundled to dist/electron/main.cjs (scripts/buildElectron.mjs), where CommonJS
// provides __dirname; the renderer is built by Vite into dist/renderer.
const preloadPath = path.join(__dirname, 'preload.cjs');
const rendererRoot = path.join(__dirname, '..', 'renderer');
const WEBSITE_URL = 'https://peerbook.app';

const stateFileSystem: StateFileSystem = {
  readFileSync: (filePath, encoding) => readFileSync(filePath, encoding),
  writeFileSync: (filePath, data) => writeFileSync(filePath, data),
  renameSync: (oldPath, newPath) => renameSync(oldPath, newPath),
};

function reportError(error: unknown): void {
  console.error('[peerbook]', error);
}

function openExternal(url: string): Promise<void> {
  return shell.openExternal(url);
}

/** Commands for the renderer: they wait until its page has loaded (rendererCommands.ts). */
const commands = createRendererCommands();
let mainWindow: BrowserWindow | null = null;

/**
 * The embedded signaling server on the local network: the project's own server
 * (services/signaling/signalingServer.ts, the one tests/integration/signaling attacks with
 * hostile clients), run while the renderer says the user has shared entries.
 */
const localNetwork = createLocalNetworkSignaling({
  listAddresses: () => chooseLocalNetworkAddresses(os.networkInterfaces()),
  startServer: (host, port) => startSignalingServer({ host, port }),
  loadPort: () => parseStoredPort(readJsonStateFile(userDataFile(LOCAL_NETWORK_PORT_FILE_NAME), stateFileSystem)),
  savePort: (port) => {
    writeJsonStateFile(userDataFile(LOCAL_NETWORK_PORT_FILE_NAME), { port }, stateFileSystem);
  },
  reportError,
});

function userDataFile(name: string): string {
  return path.join(app.getPath('userData'), name);
}

// One running Peerbook per user: IndexedDB cannot be shared between two, and a peerbook:// link
// clicked while the app runs starts a second instance (Windows, Linux), whose argv arrives in
// 'second-instance' here while it quits.
// https://www.electronjs.org/docs/latest/api/app#apprequestsingleinstancelockadditionaldata
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  setUpPrimaryInstance();
}

function setUpPrimaryInstance(): void {
  // Chromium reads its switches at start: before 'ready'.
  applyChromiumSwitches(app.commandLine);
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

  // Deep links. macOS sends 'open-url' (possibly before 'ready', when a link launched the app);
  // Windows and Linux start a second instance, whose argv arrives here; a link that launched
  // the app is in its own argv. Each only fills in the Join dialog.
  app.on('open-url', (event, url) => {
    event.preventDefault();
    const command = joinCommandForUrl(url);
    if (command !== null) commands.send(command);
    if (app.isReady()) showMainWindow();
  });
  app.on('second-instance', (_event, argv) => {
    const command = joinCommandForArgv(argv);
    if (command !== null) commands.send(command);
    showMainWindow();
  });
  const launchCommand = joinCommandForArgv(process.argv);
  if (launchCommand !== null) commands.send(launchCommand);

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') {
      app.quit();
    }
  });
  app.on('before-quit', () => {
    localNetwork.close().catch(reportError);
  });

  startDesktopShell().catch((error: unknown) => {
    // A shell that failed to start would otherwise linger with no window.
    reportError(error);
    app.exit(1);
  });
}

function restrictWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => {
    if (handleNavigation(event.url, openExternal) === 'deny') {
      event.preventDefault();
    }
  });
  contents.setWindowOpenHandler((details) => decideWindowOpen(details, openExternal));
  // https://www.electronjs.org/docs/latest/tutorial/security#12-verify-webview-options-before-creation
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
}

function createMainWindow(): BrowserWindow {
  const windowStatePath = userDataFile(WINDOW_STATE_FILE_NAME);
  const displays = [screen.getPrimaryDisplay(), ...screen.getAllDisplays()];
  const placement = placeWindow(
    parseWindowState(readJsonStateFile(windowStatePath, stateFileSystem)),
    displays.map((display) => display.workArea),
  );
  const window = new BrowserWindow(
    createMainWindowOptions({
      preloadPath,
      prefersDarkColors: nativeTheme.shouldUseDarkColors,
      bounds: placement.bounds,
    }),
  );
  window.once('ready-to-show', () => {
    if (placement.maximized) {
      window.maximize();
    }
    window.show();
  });
  window.on('close', () => {
    writeJsonStateFile(windowStatePath, captureWindowState(window), stateFileSystem);
  });

  const contents = window.webContents;
  contents.on('did-start-loading', () => {
    commands.detach();
  });
  contents.on('did-finish-load', () => {
    commands.attach({
      send: (channel, command) => {
        if (!contents.isDestroyed()) contents.send(channel, command);
      },
    });
  });

  const followSystemTheme = (): void => {
    window.setBackgroundColor(chooseWindowBackground(nativeTheme.shouldUseDarkColors));
  };
  nativeTheme.on('updated', followSystemTheme);
  window.on('closed', () => {
    nativeTheme.off('updated', followSystemTheme);
    commands.detach();
    mainWindow = null;
    // Nobody is left to tell main about shared entries; the next window will.
    localNetwork.setWanted(false).catch(reportError);
  });

  window.loadURL(APP_ENTRY_URL).catch(reportError);
  mainWindow = window;
  return window;
}

/** Brings the window to the front, opening one if the app has none (macOS keeps running without). */
function showMainWindow(): void {
  if (mainWindow === null) {
    createMainWindow(); // shown on 'ready-to-show', once painted
    return;
  }
  const window = mainWindow;
  if (window.isMinimized()) {
    window.restore();
  }
  window.show();
  window.focus();
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

  // Registered at run time as well as by the installers, so a development build and a portable
  // AppImage also receive links.
  // https://www.electronjs.org/docs/latest/api/app#appsetasdefaultprotocolclientprotocol-path-args
  const registration = protocolClientRegistration({
    defaultApp: process.defaultApp === true,
    execPath: process.execPath,
    argv: process.argv,
    resolvePath: (value) => path.resolve(value),
  });
  if ('executable' in registration) {
    app.setAsDefaultProtocolClient(registration.scheme, registration.executable, registration.args);
  } else {
    app.setAsDefaultProtocolClient(registration.scheme);
  }

  const withWindow = <T>(withParent: (window: BrowserWindow) => T, alone: () => T): T =>
    mainWindow !== null && !mainWindow.isDestroyed() ? withParent(mainWindow) : alone();
  const files = createFileExport({
    dialogs: {
      showSaveDialog: (options) =>
        withWindow(
          (window) => dialog.showSaveDialog(window, options),
          () => dialog.showSaveDialog(options),
        ),
      showOpenDialog: (options) =>
        withWindow(
          (window) => dialog.showOpenDialog(window, options),
          () => dialog.showOpenDialog(options),
        ),
    },
    fs: { writeFile: (filePath, text, options) => writeFile(filePath, text, options), mkdir: (folder) => mkdir(folder) },
    documentsPath: app.getPath('documents'),
    now: () => new Date(),
  });

  registerIpcHandlers(
    ipcMain,
    createIpcHandlers({
      identity: { getName: () => app.getName(), getVersion: () => app.getVersion() },
      files,
      localNetwork,
      backupFiles: createBackupFiles({
        automatic: createAutomaticBackups({
          fs: nodeBackupFileSystem,
          folder: path.join(app.getPath('documents'), AUTOMATIC_BACKUP_FOLDER_NAME),
          now: () => new Date(),
        }),
        chooseBackupPath: (suggestedName) => files.chooseBackupPath(suggestedName),
        fs: nodeBackupFileSystem,
        newHandle: () => randomBytes(16).toString('hex'),
        now: () => Date.now(),
      }),
    }),
  );

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      buildApplicationMenuTemplate({
        platform: process.platform,
        appName: app.getName(),
        isPackaged: app.isPackaged,
        websiteUrl: WEBSITE_URL,
        sendCommand: (command) => {
          commands.send(command);
          showMainWindow();
        },
        openHelpLink: (url) => {
          openExternalUrl(url, openExternal);
        },
      }),
    ),
  );

  createMainWindow();

  // macOS keeps the app running with no windows; clicking the dock icon brings one back.
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) {
      createMainWindow();
    }
  });
}
