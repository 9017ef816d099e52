/**
 * What travels between the renderer and main, as schemas: each payload and each answer of the
 * IPC contract (ipcContract.ts) is one of these, and its type is inferred from it, so what is
 * checked and what is typed cannot drift apart. Limits are named here once.
 */
import * as v from 'valibot';
import { isAutomaticBackupFileName } from '../backup/automaticBackupFileName';
import { fileNameKey, isSafeBackupFileName, isSafeMarkdownFileName } from '../entry/exportFileNames';
import { isSignalingUrl, MAX_SIGNALING_SERVERS } from '../invite/inviteLink';
import { countSchema } from '../schema/numberSchemas';
import { plainObject, plainVariant } from '../schema/plainObject';

/** A Markdown file of one entry is a few KB; this only stops a renderer from exhausting main. */
export const MAX_SAVED_TEXT_LENGTH = 16 * 1024 * 1024;
export const MAX_EXPORT_FILES = 10_000;
export const MAX_EXPORT_TOTAL_LENGTH = 128 * 1024 * 1024;
export const MAX_FOLDER_DESCRIPTION_LENGTH = 4096;
/** One part of a backup file sent to main (the renderer sends about half of this at a time). */
export const MAX_BACKUP_PART_LENGTH = 8 * 1024 * 1024;
/** Only stops a renderer from filling the disk without end. */
export const MAX_BACKUP_FILE_LENGTH = 64 * 1024 * 1024 * 1024;
/** Bounds what the renderer believes about the folder; main keeps far fewer. */
export const MAX_AUTOMATIC_BACKUPS_KEPT = 1000;
export const MAX_APP_NAME_LENGTH = 100;
/** Main names the backup files it opens with 128 random bits, as hex. */
const BACKUP_FILE_HANDLE = /^[0-9a-f]{32}$/;
const SEMVER = /^\d+\.\d+\.\d+([-+][\w.]+)?$/;

export const AppInfoSchema = plainObject({
  name: v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_APP_NAME_LENGTH, 'name must be a short string')),
  version: v.pipe(v.string(), v.regex(SEMVER, 'version must be semver')),
});
export type AppInfo = Readonly<v.InferOutput<typeof AppInfoSchema>>;

/** What became of a save: the user may close the dialog without choosing a place. */
export const SaveFileOutcomeSchema = v.picklist(['saved', 'cancelled'], 'the outcome must be "saved" or "cancelled"');
export type SaveFileOutcome = v.InferOutput<typeof SaveFileOutcomeSchema>;

/** Export Markdown saves a `.md` file; backups go part by part (startBackupFile). */
export const MarkdownFileNameSchema = v.pipe(v.string(), v.check(isSafeMarkdownFileName, 'the name must be a plain .md file name'));
export const SavedTextSchema = v.pipe(
  v.string(),
  v.maxLength(MAX_SAVED_TEXT_LENGTH, `the text must be a string of at most ${MAX_SAVED_TEXT_LENGTH / 1024 / 1024} Mi characters`),
);

/** One file of a journal export: a safe name ending in `.md`, and its Markdown. */
const MarkdownFileSchema = plainObject({ name: MarkdownFileNameSchema, text: SavedTextSchema }, 'a file is not an object');
export type MarkdownFile = Readonly<v.InferOutput<typeof MarkdownFileSchema>>;

/** The files of a journal export: safe names, unique as the OS compares them, bounded in all. */
export const MarkdownFilesSchema = v.pipe(
  v.array(MarkdownFileSchema),
  v.minLength(1, `expected 1 to ${MAX_EXPORT_FILES} files`),
  v.maxLength(MAX_EXPORT_FILES, `expected 1 to ${MAX_EXPORT_FILES} files`),
  v.check((files) => new Set(files.map((file) => fileNameKey(file.name))).size === files.length, 'a file name is used twice'),
  v.check((files) => files.reduce((sum, file) => sum + file.text.length, 0) <= MAX_EXPORT_TOTAL_LENGTH, 'the export is too large'),
);

/** A folder (or file) name main tells the renderer, to show the user: short, printable. */
const FolderDescriptionSchema = v.pipe(
  v.string(),
  v.minLength(1),
  v.maxLength(MAX_FOLDER_DESCRIPTION_LENGTH),
  v.check((text) => !/\p{Cc}/u.test(text), 'a folder is named in printable characters'),
);

export const FolderExportOutcomeSchema = plainVariant('status', [
  v.object({
    status: v.literal('saved'),
    /** Where the files went, to tell the user: a path on desktop, a folder name on the web. */
    folder: FolderDescriptionSchema,
    files: countSchema(MAX_EXPORT_FILES),
  }),
  v.object({ status: v.literal('cancelled') }),
]);
export type FolderExportOutcome = Readonly<v.InferOutput<typeof FolderExportOutcomeSchema>>;

/** The local network's signaling URLs, as main answers them. */
export const LocalNetworkSignalingSchema = v.pipe(
  v.array(v.pipe(v.string(), v.startsWith('ws://'), v.check(isSignalingUrl, 'expected ws:// signaling addresses'))),
  v.maxLength(MAX_SIGNALING_SERVERS, `expected at most ${MAX_SIGNALING_SERVERS} addresses`),
);

/**
 * Where a backup file goes: a new automatic backup (main names it, in the automatic backups
 * folder), or a place the user picks in a save dialog offering `suggestedName`.
 */
export const BackupDestinationSchema = plainVariant(
  'kind',
  [
    v.strictObject({ kind: v.literal('automatic') }),
    v.strictObject({
      kind: v.literal('chosen'),
      suggestedName: v.pipe(v.string(), v.check(isSafeBackupFileName, 'chosen with a plain .json file name')),
    }),
  ],
  'the destination is automatic, or chosen with a plain .json file name',
);
export type BackupDestination = Readonly<v.InferOutput<typeof BackupDestinationSchema>>;

export const BackupFileHandleSchema = v.pipe(v.string(), v.regex(BACKUP_FILE_HANDLE, 'not a backup file handle'));

/**
 * A part of a backup file: whole lines of it. Main checks the file's frame as it goes
 * (isBackupFileStart, isBackupFileEnd); it does not parse the backup, which a restore reads and
 * checks whole, checksum included.
 */
export const BackupPartSchema = v.pipe(
  v.string(),
  v.minLength(1),
  v.maxLength(MAX_BACKUP_PART_LENGTH, `a part is a string of 1 to ${MAX_BACKUP_PART_LENGTH / 1024 / 1024} Mi characters`),
);

/** A backup file main has opened for the renderer's parts, or the save dialog cancelled. */
export const BackupFileStartSchema = plainVariant('status', [
  v.object({ status: v.literal('started'), handle: BackupFileHandleSchema }),
  v.object({ status: v.literal('cancelled') }),
]);
export type BackupFileStart = Readonly<v.InferOutput<typeof BackupFileStartSchema>>;

/** Where a finished backup file is; `kept` (automatic backups only) as in AutomaticBackupOutcome. */
export const BackupFileOutcomeSchema = plainObject({
  folder: FolderDescriptionSchema,
  file: v.pipe(FolderDescriptionSchema, v.check((name) => !/[/\\]/.test(name), 'a file name, not a path')),
  kept: v.nullable(countSchema(MAX_AUTOMATIC_BACKUPS_KEPT, 1)),
});
export type BackupFileOutcome = Readonly<v.InferOutput<typeof BackupFileOutcomeSchema>>;

/** Where the desktop app wrote an automatic backup, and how many it keeps. */
export const AutomaticBackupOutcomeSchema = plainObject({
  /** The folder of automatic backups (a path in the user's documents), to tell the user. */
  folder: FolderDescriptionSchema,
  /** The file just written there: `peerbook-backup-<YYYY-MM-DD-HHmmss>.json`. */
  file: v.pipe(v.string(), v.check(isAutomaticBackupFileName, 'not an automatic backup')),
  /** How many automatic backups the folder holds now, this one included. */
  kept: countSchema(MAX_AUTOMATIC_BACKUPS_KEPT, 1),
});
export type AutomaticBackupOutcome = Readonly<v.InferOutput<typeof AutomaticBackupOutcomeSchema>>;
