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
import { isCommandId, type CommandId } from '../commands/shortcuts';
import { isAutomaticBackupFileName } from '../backup/automaticBackupFileName';
import { BACKUP_FIRST_LINE_START, BACKUP_LAST_LINE_START } from '../backup/backupFileFrame';
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
 * Where a backup file goes: a new automatic backup (main names it, in the automatic backups
 * folder), or a place the user picks in a save dialog offering `suggestedName`.
 */
export type BackupDestination = { readonly kind: 'automatic' } | { readonly kind: 'chosen'; readonly suggestedName: string };

/** A backup file main has opened for the renderer's parts, or the save dialog cancelled. */
export type BackupFileStart = { readonly status: 'started'; readonly handle: string } | { readonly status: 'cancelled' };

/** Where a finished backup file is; `kept` (automatic backups only) as in AutomaticBackupOutcome. */
export interface BackupFileOutcome {
  readonly folder: string;
  readonly file: string;
  readonly kept: number | null;
}

/**
 * What main asks the renderer to do: the application menu's items and deep links. Each is what
 * the matching button in the UI does; none acts on its own (joining still needs the user's click).
 */
export type AppCommand =
  /** A command of the app's one table (shared/commands/shortcuts.ts), run as its button runs it. */
  | { readonly type: 'run'; readonly command: CommandId }
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
   * Opens a new backup file (shared/backup/journalBackup.ts) for the renderer to write part by
   * part: a backup can be larger than one string can be. An automatic backup goes into the
   * user's documents folder, named by main (electron/automaticBackups.ts); a chosen one where the
   * user picks in a save dialog. The file is written under a partial name until finished.
   */
  startBackupFile(destination: BackupDestination): Promise<BackupFileStart>;
  /** Appends the next part (whole lines of the file) to a started backup file. */
  appendToBackupFile(handle: string, part: string): Promise<void>;
  /**
   * Checks that the file ended as a backup ends, flushes it, puts it in place under its name and,
   * for an automatic backup, removes the oldest automatic backups beyond the number kept.
   */
  finishBackupFile(handle: string): Promise<BackupFileOutcome>;
  /** Gives up a started backup file: what was written of it is deleted. */
  discardBackupFile(handle: string): Promise<void>;
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
  startBackupFile: 'peerbook:start-backup-file',
  appendToBackupFile: 'peerbook:append-to-backup-file',
  finishBackupFile: 'peerbook:finish-backup-file',
  discardBackupFile: 'peerbook:discard-backup-file',
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
export const MAX_EXPORT_FILES = 10_000;
export const MAX_EXPORT_TOTAL_LENGTH = 128 * 1024 * 1024;
const MAX_FOLDER_DESCRIPTION_LENGTH = 4096;
/** One part of a backup file sent to main (the renderer sends about 4 Mi characters at a time). */
export const MAX_BACKUP_PART_LENGTH = 8 * 1024 * 1024;
/** Only stops a renderer from filling the disk without end. */
export const MAX_BACKUP_FILE_LENGTH = 64 * 1024 * 1024 * 1024;
/** Main names the backup files it opens with 128 random bits, as hex. */
const BACKUP_FILE_HANDLE = /^[0-9a-f]{32}$/;
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
  // Export Markdown saves a .md file; backups go part by part (startBackupFile).
  if (typeof suggestedName !== 'string' || !isSafeMarkdownFileName(suggestedName)) {
    throw new InvalidIpcPayloadError(channel, 'the suggested name must be a plain .md file name');
  }
  if (typeof text !== 'string' || text.length > MAX_SAVED_TEXT_LENGTH) {
    throw new InvalidIpcPayloadError(channel, `the text must be a string of at most ${MAX_SAVED_TEXT_LENGTH / 1024 / 1024} Mi characters`);
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

/** A folder (or file) name main tells the renderer, to show the user: short, printable. */
function isFolderDescription(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_FOLDER_DESCRIPTION_LENGTH && !/\p{Cc}/u.test(value);
}

export function parseFolderExportOutcome(value: unknown): FolderExportOutcome {
  const channel = IPC_CHANNELS.saveMarkdownFolder;
  if (!isPlainRecord(value)) throw new InvalidIpcPayloadError(channel, 'not an object');
  if (value.status === 'cancelled') return { status: 'cancelled' };
  const { status, folder, files } = value;
  if (
    status !== 'saved' ||
    !isFolderDescription(folder) ||
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

/** startBackupFile(destination), as main receives it. */
export function parseStartBackupFileArgs(args: readonly unknown[]): BackupDestination {
  const channel = IPC_CHANNELS.startBackupFile;
  expectArgumentCount(channel, args, 1);
  const [destination] = args;
  if (!isPlainRecord(destination)) throw new InvalidIpcPayloadError(channel, 'the destination is not an object');
  if (destination.kind === 'automatic' && Object.keys(destination).length === 1) return { kind: 'automatic' };
  const { kind, suggestedName } = destination;
  if (kind !== 'chosen' || typeof suggestedName !== 'string' || !isSafeBackupFileName(suggestedName) || Object.keys(destination).length !== 2) {
    throw new InvalidIpcPayloadError(channel, 'the destination is automatic, or chosen with a plain .json file name');
  }
  return { kind, suggestedName };
}

export function parseBackupFileStart(value: unknown): BackupFileStart {
  const channel = IPC_CHANNELS.startBackupFile;
  if (!isPlainRecord(value)) throw new InvalidIpcPayloadError(channel, 'not an object');
  if (value.status === 'cancelled') return { status: 'cancelled' };
  if (value.status !== 'started' || typeof value.handle !== 'string' || !BACKUP_FILE_HANDLE.test(value.handle)) {
    throw new InvalidIpcPayloadError(channel, 'not a started backup file');
  }
  return { status: 'started', handle: value.handle };
}

function parseBackupFileHandle(channel: IpcChannel, handle: unknown): string {
  if (typeof handle !== 'string' || !BACKUP_FILE_HANDLE.test(handle)) throw new InvalidIpcPayloadError(channel, 'not a backup file handle');
  return handle;
}

/**
 * appendToBackupFile(handle, part), as main receives it. Main checks the file's frame as it goes
 * (parseBackupFileFirstPart, isBackupFileEnd); it does not parse the backup, which a restore
 * reads and checks whole, checksum included.
 */
export function parseAppendToBackupFileArgs(args: readonly unknown[]): { handle: string; part: string } {
  const channel = IPC_CHANNELS.appendToBackupFile;
  expectArgumentCount(channel, args, 2);
  const [handle, part] = args;
  if (typeof part !== 'string' || part.length === 0 || part.length > MAX_BACKUP_PART_LENGTH) {
    throw new InvalidIpcPayloadError(channel, `a part is a string of 1 to ${MAX_BACKUP_PART_LENGTH / 1024 / 1024} Mi characters`);
  }
  return { handle: parseBackupFileHandle(channel, handle), part };
}

/** finishBackupFile(handle) and discardBackupFile(handle), as main receives them. */
export function parseBackupFileHandleArgs(channel: typeof IPC_CHANNELS.finishBackupFile | typeof IPC_CHANNELS.discardBackupFile, args: readonly unknown[]): string {
  expectArgumentCount(channel, args, 1);
  return parseBackupFileHandle(channel, args[0]);
}

/** Whether a backup file's first part starts as a backup of this version does. */
export function isBackupFileStart(part: string): boolean {
  return part.startsWith(BACKUP_FIRST_LINE_START);
}

/** Whether the end of a backup file's text (at least its last line) is a backup's last line. */
export function isBackupFileEnd(tail: string): boolean {
  if (!tail.endsWith('}\n')) return false;
  return tail.slice(tail.lastIndexOf('\n', tail.length - 2) + 1).startsWith(BACKUP_LAST_LINE_START);
}

export function parseBackupFileOutcome(value: unknown): BackupFileOutcome {
  const channel = IPC_CHANNELS.finishBackupFile;
  if (!isPlainRecord(value)) throw new InvalidIpcPayloadError(channel, 'not an object');
  const { folder, file, kept } = value;
  if (
    !isFolderDescription(folder) ||
    !isFolderDescription(file) ||
    /[/\\]/.test(file) ||
    !(kept === null || (typeof kept === 'number' && Number.isInteger(kept) && kept >= 1 && kept <= MAX_AUTOMATIC_BACKUPS_KEPT))
  ) {
    throw new InvalidIpcPayloadError(channel, 'not a backup file outcome');
  }
  return { folder, file, kept };
}

/** A finished automatic backup's outcome: one that says where, what, and how many are kept. */
export function parseAutomaticBackupOutcome(value: unknown): AutomaticBackupOutcome {
  const outcome = parseBackupFileOutcome(value);
  if (outcome.kept === null || !isAutomaticBackupFileName(outcome.file)) {
    throw new InvalidIpcPayloadError(IPC_CHANNELS.finishBackupFile, 'not an automatic backup outcome');
  }
  return { folder: outcome.folder, file: outcome.file, kept: outcome.kept };
}

/** A command from main. The preload checks it, and the renderer checks it again. */
export function parseAppCommand(value: unknown): AppCommand {
  if (!isPlainRecord(value)) throw new InvalidIpcPayloadError(COMMAND_CHANNEL, 'not an object');
  switch (value.type) {
    case 'run':
      if (!isCommandId(value.command)) throw new InvalidIpcPayloadError(COMMAND_CHANNEL, 'unknown command');
      return { type: 'run', command: value.command };
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
