import { createDirectoryPickerExport } from './directoryPicker';
import { downloadParts, downloadTextFile } from './downloadTextFile';
import type { Platform } from './platform';

/**
 * The platform of the web build. `version` defaults to the one Vite injects at build time; it is a
 * parameter (read when called, not on import) so code and tests without Vite's define still load.
 * A browser has no menu, deep links or local-network server: those are desktop only.
 */
export function createBrowserPlatform(version: string = __APP_VERSION__, scope: object = globalThis): Platform {
  return {
    kind: 'web',
    getAppInfo: () => Promise.resolve({ name: 'Peerbook', version }),
    saveTextFile: downloadTextFile,
    saveBackupFile: async (suggestedName, lines) => {
      await downloadParts(suggestedName, lines, 'application/json');
      return 'saved';
    },
    saveMarkdownFolder: createDirectoryPickerExport(scope),
    canShareOnLocalNetwork: false,
    setLocalNetworkSharing: () => Promise.resolve([]),
    writeAutomaticBackup: null,
    onCommand: () => () => undefined,
  };
}
