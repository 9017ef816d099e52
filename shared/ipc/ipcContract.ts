/**
 * The one typed contract between the renderer and the Electron main process.
 *
 * The preload exposes exactly `PeerbookBridge` on `window[BRIDGE_GLOBAL]`: one method per
 * channel. Requests go renderer → main on their own invoke channel each (`IPC_CHANNELS`); main
 * registers one handler per channel and validates every payload it receives as `unknown`.
 * Commands go main → renderer on one event channel (`COMMAND_CHANNEL`), validated by the preload
 * and again by the renderer, which subscribes with `onCommand`. The renderer reaches the bridge
 * only through renderer/platform, which also has a browser implementation, so the web build is
 * the same app.
 */
import { isAutomaticBackupFileName } from '../backup/automaticBackupFileName';
import { isEntryKind, type EntryKind } from '../entry/entryKind';
import { fileNameKey, isSafeBackupFileName, isSafeMarkdownFileName } from '../entry/exportFileNames';
import { INVITE_SCHEME_PREFIX, isSignalingUrl, MAX_SIGNALING_SERVERS, parseInviteLink } from '../invite/inviteLink';

export const BRIDGE_GLOBAL = 'peerbook';

export interface AppInfo {
  readonly name: string;
  readonly version: string;
}

/** What became of a save: the user may close the dialog without choosing a place. */
export type SaveFileOutcome = 'saved' | 'cancelled';

/** One file of a journal export: a safe, unique name ending in `.md`, and its Markdown. */
export interface MarkdownFile {
  readonly name: string;
  readonly text: string;
}

export type FolderExportOutcome =
  | {
      readonly status: 'saved';
      /** Where the files went, to tell the user: a path on desktop, a folder name on the web. */
      readonly folder: string;
      readonly files: number;
    }
  | { readonly status: 'cancelled' };

/** Where the desktop app wrote an automatic backup, and how many it keeps. */
export interface AutomaticBackupOutcome {
  /** The folder of automatic backups (a path in the user's documents), to tell the user. */
  readonly folder: string;
  /** The file just written there: `peerbook-backup-<YYYY-MM-DD-HHmmss>.json`. */
  readonly file: string;
  /** How many automatic backups the folder holds now, this one included. */
  readonly kept: number;
}

/**
 * What main asks the renderer to do: the application menu's items and deep links. Each is what
 * the matching button in the UI does; none acts on its own (joining still needs the user's click).
 */
export type AppCommand =
  | { readonly type: 'new-entry'; readonly kind: EntryKind }
  /** Opens the Join dialog, filled in with `link` when a peerbook:// link opened the app. */
  | { readonly type: 'join'; readonly link: string | null }
  | { readonly type: 'export-entry' }
  | { readonly type: 'export-journal' }
  | { readonly type: 'open-settings' };

/** The renderer asks, main answers: `ipcRenderer.invoke` / `ipcMain.handle`, one channel each. */
export interface PeerbookRequests {
  getAppInfo(): Promise<AppInfo>;
  /** Shows a save dialog offering `suggestedName`, and writes `text` where the user chose. */
  saveTextFile(suggestedName: string, text: string): Promise<SaveFileOutcome>;
  /**
   * Shows a folder dialog, creates a new `peerbook-journal-<date>` folder inside the chosen one
   * (never overwriting anything), and writes the files there.
   */
  saveMarkdownFolder(files: readonly MarkdownFile[]): Promise<FolderExportOutcome>;
  /**
   * Whether the embedded signaling server should run on the local network (the user has shared
   * entries and has not switched it off). Answers the server's addresses, empty when it is off.
   */
  setLocalNetworkSharing(wanted: boolean): Promise<readonly string[]>;
  /**
   * Writes `text`, a whole-journal backup (shared/backup/journalBackup.ts), as a new automatic
   * backup in the user's documents folder, and removes the oldest automatic backups beyond the
   * number kept (electron/automaticBackups.ts). No dialog: main alone chooses the place and name.
   */
  writeAutomaticBackup(text: string): Promise<AutomaticBackupOutcome>;
}

export type AppCommandListener = (command: AppCommand) => void;

export interface PeerbookBridge extends PeerbookRequests {
  /** Subscribes to commands from main; returns the unsubscribe function. */
  onCommand(listener: AppCommandListener): () => void;
}

/** IPC channel for each request method. */
export const IPC_CHANNELS = {
  getAppInfo: 'peerbook:get-app-info',
  saveTextFile: 'peerbook:save-text-file',
  saveMarkdownFolder: 'peerbook:save-markdown-folder',
  setLocalNetworkSharing: 'peerbook:set-local-network-sharing',
  writeAutomaticBackup: 'peerbook:write-automatic-backup',
} as const satisfies Record<keyof PeerbookRequests, string>;

export type IpcChannel = (typeof IPC_CHANNELS)[keyof typeof IPC_CHANNELS];

/** The one channel main sends commands on; `onCommand` is its bridge method. */
export const COMMAND_CHANNEL = 'peerbook:command';

/** Every method the bridge has, and nothing else: the preload test compares against this. */
export const BRIDGE_METHODS: readonly (keyof PeerbookBridge)[] = [
  ...(Object.keys(IPC_CHANNELS) as (keyof PeerbookRequests)[]),
  'onCommand',
];

/** A Markdown file of one entry is a few KB; this only stops a renderer from exhausting main. */
export const MAX_SAVED_TEXT_LENGTH = 16 * 1024 * 1024;
/** A manual backup saved through the save dialog (the restore reads up to this much). */
export const MAX_SAVED_BACKUP_LENGTH = 256 * 1024 * 1024;
export const MAX_EXPORT_FILES = 10_000;
export const MAX_EXPORT_TOTAL_LENGTH = 128 * 1024 * 1024;
const MAX_FOLDER_DESCRIPTION_LENGTH = 4096;
/**
 * The largest backup a restore reads (MAX_BACKUP_CHARS in shared/backup/journalBackup.ts, which
 * is not imported so that the preload's bundle stays free of Yjs; a test keeps the two equal).
 * An automatic backup the restore would refuse is of no use to anyone.
 */
export const MAX_AUTOMATIC_BACKUP_LENGTH = 512 * 1024 * 1024;
/** How every backup file starts and ends (encodeBackup writes its keys in this order). */
const BACKUP_TEXT_START = '{"format":"peerbook-backup",';
const BACKUP_TEXT_END = '}\n';
/** Bounds what the renderer believes about the folder; main keeps far fewer. */
export const MAX_AUTOMATIC_BACKUPS_KEPT = 1000;

export class InvalidIpcPayloadError extends Error {
  constructor(channel: string, reason: string) {
    super(`Invalid payload on ${channel}: ${reason}`);
    this.name = 'InvalidIpcPayloadError';
  }
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function expectArgumentCount(channel: string, args: readonly unknown[], count: number): void {
  if (!Array.isArray(args) || args.length !== count) {
    throw new InvalidIpcPayloadError(channel, `expected ${count} argument${count === 1 ? '' : 's'}`);
  }
}

/** Validates what main answers for getAppInfo (the renderer also treats it as untrusted). */
export function parseAppInfo(value: unknown): AppInfo {
  if (typeof value !== 'object' || value === null) {
    throw new InvalidIpcPayloadError(IPC_CHANNELS.getAppInfo, 'not an object');
  }
  const { name, version } = value as Record<string, unknown>;
  if (typeof name !== 'string' || name.length === 0 || name.length > 100) {
    throw new InvalidIpcPayloadError(IPC_CHANNELS.getAppInfo, 'name must be a short string');
  }
  if (typeof version !== 'string' || !/^\d+\.\d+\.\d+([-+][\w.]+)?$/.test(version)) {
    throw new InvalidIpcPayloadError(IPC_CHANNELS.getAppInfo, 'version must be semver');
  }
  return { name, version };
}

export function parseGetAppInfoArgs(args: readonly unknown[]): void {
  expectArgumentCount(IPC_CHANNELS.getAppInfo, args, 0);
}

/** saveTextFile(suggestedName, text), as main receives it. */
export function parseSaveTextFileArgs(args: readonly unknown[]): { suggestedName: string; text: string } {
  const channel = IPC_CHANNELS.saveTextFile;
  expectArgumentCount(channel, args, 2);
  const [suggestedName, text] = args;
  // Export Markdown saves a .md file; Back up journal saves a .json backup, which may be larger.
  const isBackup = typeof suggestedName === 'string' && isSafeBackupFileName(suggestedName);
  if (typeof suggestedName !== 'string' || !(isSafeMarkdownFileName(suggestedName) || isBackup)) {
    throw new InvalidIpcPayloadError(channel, 'the suggested name must be a plain .md or .json file name');
  }
  const limit = isBackup ? MAX_SAVED_BACKUP_LENGTH : MAX_SAVED_TEXT_LENGTH;
  if (typeof text !== 'string' || text.length > limit) {
    throw new InvalidIpcPayloadError(channel, `the text must be a string of at most ${limit / 1024 / 1024} Mi characters`);
  }
  return { suggestedName, text };
}

export function parseSaveFileOutcome(value: unknown): SaveFileOutcome {
  if (value !== 'saved' && value !== 'cancelled') {
    throw new InvalidIpcPayloadError(IPC_CHANNELS.saveTextFile, 'the outcome must be "saved" or "cancelled"');
  }
  return value;
}

/** saveMarkdownFolder(files), as main receives it: safe names, unique as the OS compares them. */
export function parseSaveMarkdownFolderArgs(args: readonly unknown[]): MarkdownFile[] {
  const channel = IPC_CHANNELS.saveMarkdownFolder;
  expectArgumentCount(channel, args, 1);
  const [files] = args;
  if (!Array.isArray(files) || files.length === 0 || files.length > MAX_EXPORT_FILES) {
    throw new InvalidIpcPayloadError(channel, `expected 1 to ${MAX_EXPORT_FILES} files`);
  }
  const names = new Set<string>();
  let totalLength = 0;
  return files.map((file: unknown, index) => {
    if (!isPlainRecord(file)) throw new InvalidIpcPayloadError(channel, `file ${index} is not an object`);
    const { name, text } = file;
    if (typeof name !== 'string' || !isSafeMarkdownFileName(name)) {
      throw new InvalidIpcPayloadError(channel, `file ${index} needs a plain .md file name`);
    }
    if (names.has(fileNameKey(name))) throw new InvalidIpcPayloadError(channel, `file name ${name} is used twice`);
    names.add(fileNameKey(name));
    if (typeof text !== 'string') throw new InvalidIpcPayloadError(channel, `file ${index} has no text`);
    totalLength += text.length;
    if (text.length > MAX_SAVED_TEXT_LENGTH || totalLength > MAX_EXPORT_TOTAL_LENGTH) {
      throw new InvalidIpcPayloadError(channel, 'the export is too large');
    }
    return { name, text };
  });
}

export function parseFolderExportOutcome(value: unknown): FolderExportOutcome {
  const channel = IPC_CHANNELS.saveMarkdownFolder;
  if (!isPlainRecord(value)) throw new InvalidIpcPayloadError(channel, 'not an object');
  if (value.status === 'cancelled') return { status: 'cancelled' };
  const { status, folder, files } = value;
  if (
    status !== 'saved' ||
    typeof folder !== 'string' ||
    folder.length === 0 ||
    folder.length > MAX_FOLDER_DESCRIPTION_LENGTH ||
    /\p{Cc}/u.test(folder) ||
    typeof files !== 'number' ||
    !Number.isInteger(files) ||
    files < 0 ||
    files > MAX_EXPORT_FILES
  ) {
    throw new InvalidIpcPayloadError(channel, 'not a folder export outcome');
  }
  return { status, folder, files };
}

export function parseSetLocalNetworkSharingArgs(args: readonly unknown[]): boolean {
  const channel = IPC_CHANNELS.setLocalNetworkSharing;
  expectArgumentCount(channel, args, 1);
  const [wanted] = args;
  if (typeof wanted !== 'boolean') throw new InvalidIpcPayloadError(channel, 'expected true or false');
  return wanted;
}

/** The local network's signaling URLs, as main answers them. */
export function parseLocalNetworkSignaling(value: unknown): string[] {
  const channel = IPC_CHANNELS.setLocalNetworkSharing;
  if (!Array.isArray(value) || value.length > MAX_SIGNALING_SERVERS) {
    throw new InvalidIpcPayloadError(channel, `expected at most ${MAX_SIGNALING_SERVERS} addresses`);
  }
  return value.map((url: unknown) => {
    if (typeof url !== 'string' || !url.startsWith('ws://') || !isSignalingUrl(url)) {
      throw new InvalidIpcPayloadError(channel, 'expected ws:// signaling addresses');
    }
    return url;
  });
}

/**
 * writeAutomaticBackup(text), as main receives it: one string that looks like a backup file.
 * Main does not parse it (a restore reads and checks the whole file, checksum included); this
 * only keeps a renderer from writing anything else into the user's documents.
 */
export function parseWriteAutomaticBackupArgs(args: readonly unknown[]): string {
  const channel = IPC_CHANNELS.writeAutomaticBackup;
  expectArgumentCount(channel, args, 1);
  const [text] = args;
  if (typeof text !== 'string' || text.length > MAX_AUTOMATIC_BACKUP_LENGTH) {
    throw new InvalidIpcPayloadError(channel, 'the backup must be a string of at most 512 Mi characters');
  }
  if (!text.startsWith(BACKUP_TEXT_START) || !text.endsWith(BACKUP_TEXT_END)) {
    throw new InvalidIpcPayloadError(channel, 'the text is not a Peerbook backup');
  }
  return text;
}

export function parseAutomaticBackupOutcome(value: unknown): AutomaticBackupOutcome {
  const channel = IPC_CHANNELS.writeAutomaticBackup;
  if (!isPlainRecord(value)) throw new InvalidIpcPayloadError(channel, 'not an object');
  const { folder, file, kept } = value;
  if (
    typeof folder !== 'string' ||
    folder.length === 0 ||
    folder.length > MAX_FOLDER_DESCRIPTION_LENGTH ||
    /\p{Cc}/u.test(folder) ||
    typeof file !== 'string' ||
    !isAutomaticBackupFileName(file) ||
    typeof kept !== 'number' ||
    !Number.isInteger(kept) ||
    kept < 1 ||
    kept > MAX_AUTOMATIC_BACKUPS_KEPT
  ) {
    throw new InvalidIpcPayloadError(channel, 'not an automatic backup outcome');
  }
  return { folder, file, kept };
}

/** A command from main. The preload checks it, and the renderer checks it again. */
export function parseAppCommand(value: unknown): AppCommand {
  if (!isPlainRecord(value)) throw new InvalidIpcPayloadError(COMMAND_CHANNEL, 'not an object');
  switch (value.type) {
    case 'new-entry':
      if (!isEntryKind(value.kind)) throw new InvalidIpcPayloadError(COMMAND_CHANNEL, 'unknown entry kind');
      return { type: 'new-entry', kind: value.kind };
    case 'join':
      if (value.link === null) return { type: 'join', link: null };
      if (typeof value.link !== 'string' || !isJoinableLink(value.link)) {
        throw new InvalidIpcPayloadError(COMMAND_CHANNEL, 'not an invite link');
      }
      return { type: 'join', link: value.link };
    case 'export-entry':
    case 'export-journal':
    case 'open-settings':
      return { type: value.type };
    default:
      throw new InvalidIpcPayloadError(COMMAND_CHANNEL, 'unknown command');
  }
}

/**
 * An invite link that parses, exactly as formatInviteLink writes one (everything percent-encoded,
 * so no spaces or control characters); anything else is not worth opening a dialog for.
 */
export function isJoinableLink(text: string): boolean {
  if (!text.toLowerCase().startsWith(INVITE_SCHEME_PREFIX) || /[\s\p{Cc}]/u.test(text)) return false;
  try {
    parseInviteLink(text);
    return true;
  } catch {
    return false;
  }
}
