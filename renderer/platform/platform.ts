import type {
  AppCommandListener,
  AppInfo,
  AutomaticBackupOutcome,
  FolderExportOutcome,
  MarkdownFile,
  SaveFileOutcome,
} from '../../shared/ipc/ipcContract';

export type PlatformKind = 'desktop' | 'web';

/**
 * What the renderer may ask of the place it runs in. The web build and the desktop app are the
 * same renderer; only the implementation of this interface differs (see getPlatform in index.ts).
 */
export interface Platform {
  readonly kind: PlatformKind;
  getAppInfo(): Promise<AppInfo>;
  /**
   * Lets the user keep `text` as a file, offering `suggestedName` (a safe `.md` name). On desktop
   * a save dialog; on the web, the browser's download. Resolves once the file is saved, the
   * dialog was cancelled, or the download was handed to the browser.
   */
  saveTextFile(suggestedName: string, text: string): Promise<void>;
  /**
   * Lets the user pick a folder and writes the files `makeFiles` makes into a new
   * `peerbook-journal-<date>` folder there. A browser shows its folder picker only straight after
   * a click, so the files are made once the folder is chosen (on desktop, before the dialog).
   * Null where that is impossible (a browser without the File System Access API).
   */
  readonly saveMarkdownFolder: ((makeFiles: () => Promise<readonly MarkdownFile[]>) => Promise<FolderExportOutcome>) | null;
  /** Whether this platform can run a signaling server on the local network (desktop only). */
  readonly canShareOnLocalNetwork: boolean;
  /**
   * Turns the local-network signaling server on or off; resolves with its ws:// addresses
   * (empty when off, on the web, or with no network).
   */
  setLocalNetworkSharing(wanted: boolean): Promise<readonly string[]>;
  /**
   * Lets the user keep a backup file (shared/backup/backupFormat.ts) made line by line as
   * `lines` yields them: a backup can be larger than one string can be, so it is never joined
   * into one. On desktop a save dialog first, then main writes the parts; on the web, the
   * browser's download of the parts as one Blob. `lines` is not read when the user cancels.
   */
  saveBackupFile(suggestedName: string, lines: AsyncIterable<string>): Promise<SaveFileOutcome>;
  /**
   * Writes a whole-journal backup, line by line, as a new automatic backup in the user's
   * documents folder, keeping the newest few (electron/automaticBackups.ts). Null on the web,
   * which has no folder it may write to unasked.
   */
  readonly writeAutomaticBackup: ((lines: AsyncIterable<string>) => Promise<AutomaticBackupOutcome>) | null;
  /** Commands from the application menu and deep links; returns the unsubscribe function. */
  onCommand(listener: AppCommandListener): () => void;
}
