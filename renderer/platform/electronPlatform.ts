import { BRIDGE_GLOBAL, IPC_CHANNELS, parseAppInfo, type PeerbookBridge } from '../../shared/ipc/ipcContract';
import { downloadTextFile } from './downloadTextFile';
import type { Platform } from './platform';

/**
 * The preload's bridge as the renderer sees it: methods of the right names whose answers are not
 * trusted yet. In a browser any script or extension can define a global with the bridge's name,
 * so both its shape and its answers are checked, with the contract's validators.
 */
export type UntrustedBridge = {
  readonly [Method in keyof PeerbookBridge]: (...args: Parameters<PeerbookBridge[Method]>) => Promise<unknown>;
};

/**
 * The bridge the preload exposed on `window[BRIDGE_GLOBAL]`, or null outside the desktop app.
 * This is the only place in the renderer that touches that global. `scope` is `window` in the
 * renderer (globalThis is the window there) and a plain object in tests.
 */
export function readPreloadBridge(scope: object = globalThis): UntrustedBridge | null {
  const candidate: unknown = Reflect.get(scope, BRIDGE_GLOBAL);
  return isUntrustedBridge(candidate) ? candidate : null;
}

function isUntrustedBridge(value: unknown): value is UntrustedBridge {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  return Object.keys(IPC_CHANNELS).every((method) => typeof Reflect.get(value, method) === 'function');
}

export function createElectronPlatform(bridge: UntrustedBridge): Platform {
  return {
    kind: 'desktop',
    getAppInfo: async () => parseAppInfo(await bridge.getAppInfo()),
    // For now the desktop app saves through the renderer's download flow too (Electron shows its
    // save dialog for it); a save dialog run by main, over the IPC contract, comes in a later issue.
    saveTextFile: downloadTextFile,
  };
}
