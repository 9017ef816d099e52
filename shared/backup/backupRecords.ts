/**
 * The records of a backup file (backupFormat.ts, docs/FORMAT.md "Backup files"), one per line, as
 * schemas: the reader asks each line which record it is and checks it against its schema before
 * it uses a field. The format is backupFormat.ts's; nothing here writes.
 */
import * as v from 'valibot';
import { isContributorId } from '../entry/contributors';
import { isEntryId, type EntryId } from '../entry/entryId';
import { ColorSchema, ShownPersonNameSchema } from '../people/person';
import { plainObject } from '../schema/plainObject';
import { BACKUP_FORMAT } from './backupFileFrame';

/**
 * The one size limit a restore has: a line of a backup is read as one string, so a line longer
 * than the longest string the engine can make (V8's, in Chromium and Node: 2^29 - 24 characters,
 * just under 512 Mi) cannot be read, and is refused as too large before it is built. Version 2
 * files keep every line under 1.4 Mi characters (STATE_BYTES_PER_LINE); version 1 files were one
 * line, so this is the largest version 1 backup that restores. How large a whole file may grow
 * is main's limit on what it writes (MAX_BACKUP_FILE_LENGTH, shared/ipc/ipcSchemas.ts).
 */
export const MAX_BACKUP_LINE_CHARS = 2 ** 29 - 24;
/** Kept of the title of an entry a backup left out, and of the reason. */
export const MAX_LEFT_OUT_TITLE_LENGTH = 300;
export const MAX_LEFT_OUT_REASON_LENGTH = 1000;

const EntryIdSchema = v.custom<EntryId>(isEntryId, 'not an entry id');
/** A part's number, or a document's number of parts: 1, 2, 3… */
const PartNumberSchema = v.custom<number>((value) => typeof value === 'number' && Number.isSafeInteger(value) && value >= 1);

/** Who made a backup, as colleagues saw them (name, `#rrggbb`, contributor id). */
export const BackupIdentitySchema = plainObject({
  name: ShownPersonNameSchema,
  color: ColorSchema,
  contributorId: v.custom<string>(isContributorId),
});
export type BackupIdentity = Readonly<v.InferOutput<typeof BackupIdentitySchema>>;

/** The first line's fields every version has: what format, which version. */
export const BackupHeaderSchema = v.looseObject({ format: v.literal(BACKUP_FORMAT), version: v.number() });

/** The first line of a version 2 file; an identity that is not one reads as none. */
export const Version2HeaderSchema = v.object({
  createdAt: v.number(),
  identity: v.fallback(v.nullable(BackupIdentitySchema), null),
});

/** One part of one document's state: the library first, then each entry, parts in order. */
export const DocPartSchema = v.object({
  doc: v.union([v.literal('library'), EntryIdSchema]),
  part: PartNumberSchema,
  parts: PartNumberSchema,
  state: v.unknown(),
});
export type DocPart = v.InferOutput<typeof DocPartSchema>;

/** An entry the device that made the backup could not read, and why. */
export const LeftOutEntrySchema = plainObject({
  id: EntryIdSchema,
  title: v.pipe(v.string(), v.transform((title) => title.slice(0, MAX_LEFT_OUT_TITLE_LENGTH))),
  reason: v.pipe(v.string(), v.transform((reason) => reason.slice(0, MAX_LEFT_OUT_REASON_LENGTH))),
});
export type LeftOutEntry = Readonly<v.InferOutput<typeof LeftOutEntrySchema>>;

/** The last line: how many lines came before it, and the hash chain over them. */
export const BackupEndSchema = v.object({ end: v.literal(BACKUP_FORMAT), lines: v.number(), sha256: v.string() });

/** A version 1 file: one object holding every state, and a checksum over the rest of it. */
export const Version1Schema = v.object({
  createdAt: v.number(),
  library: v.unknown(),
  entries: v.array(v.unknown()),
  sha256: v.string(),
});
export const Version1EntrySchema = v.object({ id: EntryIdSchema, state: v.unknown() });
