import type { WebPreferences } from 'electron';

/**
 * The webPreferences of every window that shows the renderer. Most of these are Electron's
 * defaults today; they are spelled out so that a default changing, or someone flipping one,
 * shows up in review and fails tests/unit/electron/secureWebPreferences.test.ts.
 * https://www.electronjs.org/docs/latest/tutorial/security
 */
export function createSecureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    // Checklist 3: the preload and Electron's internals run in their own JavaScript world, so
    // page scripts cannot reach them or tamper with built-ins they use.
    // https://www.electronjs.org/docs/latest/tutorial/security#3-enable-context-isolation
    contextIsolation: true,
    // Checklist 4: the renderer process runs in Chromium's OS-level sandbox; the preload can only
    // require 'electron' (hence the single-file preload bundle).
    // https://www.electronjs.org/docs/latest/tutorial/security#4-enable-process-sandboxing
    sandbox: true,
    // Checklist 2: no Node.js in the page, its workers or its frames.
    // https://www.electronjs.org/docs/latest/tutorial/security#2-do-not-enable-nodejs-integration-for-remote-content
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    // Checklist 6 and 8: keep the same-origin policy, and never mix insecure content in.
    // https://www.electronjs.org/docs/latest/tutorial/security#6-do-not-disable-websecurity
    webSecurity: true,
    allowRunningInsecureContent: false,
    // Checklist 9: no experimental Blink features.
    // https://www.electronjs.org/docs/latest/tutorial/security#9-do-not-enable-experimental-features
    experimentalFeatures: false,
    // Checklist 12: no <webview>; the app has no use for embedding other content.
    // https://www.electronjs.org/docs/latest/tutorial/security#12-verify-webview-options-before-creation
    webviewTag: false,
    // A file dropped on the window must not replace the app with that file.
    navigateOnDragDrop: false,
    // A page cannot trap the user in a loop of alert() dialogs.
    safeDialogs: true,
  };
}
