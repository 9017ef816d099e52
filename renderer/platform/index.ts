import { createBrowserPlatform } from './browserPlatform';
import { createElectronPlatform, readPreloadBridge } from './electronPlatform';
import type { Platform } from './platform';

export type { Platform, PlatformKind } from './platform';

let currentPlatform: Platform | undefined;

/**
 * The platform the renderer runs on: the desktop app when the preload exposed its bridge, the
 * web otherwise. Decided once; the preload runs before any page script, so the answer cannot change.
 */
export function getPlatform(): Platform {
  if (currentPlatform === undefined) {
    const bridge = readPreloadBridge();
    currentPlatform = bridge === null ? createBrowserPlatform() : createElectronPlatform(bridge);
  }
  return currentPlatform;
}
