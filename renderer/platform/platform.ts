import type { AppInfo } from '../../shared/ipc/ipcContract';

export type PlatformKind = 'desktop' | 'web';

/**
 * What the renderer may ask of the place it runs in. The web build and the desktop app are the
 * same renderer; only the implementation of this interface differs (see getPlatform in index.ts).
 */
export interface Platform {
  readonly kind: PlatformKind;
  getAppInfo(): Promise<AppInfo>;
  /**
   * Lets the user keep `text` as a file, offering `suggestedName`. Resolves once the save has been
   * handed to the browser or the OS, not when the file is written.
   */
  saveTextFile(suggestedName: string, text: string): Promise<void>;
}
