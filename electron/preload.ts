/**
 * Sandboxed preload: it can require only 'electron', so scripts/buildElectron.mjs bundles it and
 * everything it imports into one CommonJS file. All logic is in preloadBridge.ts, tested in Node.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { exposeBridge } from './preloadBridge';

exposeBridge(contextBridge, ipcRenderer);
