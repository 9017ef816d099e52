import { downloadTextFile } from './downloadTextFile';
import type { Platform } from './platform';

/**
 * The platform of the web build. `version` defaults to the one Vite injects at build time; it is a
 * parameter (read when called, not on import) so code and tests without Vite's define still load.
 */
export function createBrowserPlatform(version: string = __APP_VERSION__): Platform {
  return {
    kind: 'web',
    getAppInfo: () => Promise.resolve({ name: 'Peerbook', version }),
    saveTextFile: downloadTextFile,
  };
}
