import { isEntryId, type EntryId } from '../entry/entryId';
import { isEntryUid, type EntryUid } from '../entry/entryUid';
import { ENTRY_KIND_LABELS, isEntryKind, type EntryKind } from '../entry/entryKind';
import { ENTRY_TEMPLATES } from '../entry/entryTemplates';
import type { InviteLink } from '../invite/inviteLink';
import { isRelayUrl, isShareSecret, isSignalingUrl, isWriteKey } from '../invite/linkParameters';
import { MAX_PERSON_NAME_LENGTH } from '../people/person';
import { parseReviewState, type ReviewState } from '../review/reviewState';
import { isStoredCount, isTime } from '../schema/numberSchemas';
import { parsedSchema } from '../schema/parsedSchema';
import { isPlainObject } from '../schema/plainObject';
import { parseEntryActivity, type EntryActivity } from './entryActivity';

/** Checklist progress: how many check items are ticked out of how many. */
export interface ChecklistProgress {
  readonly done: number;
  readonly total: number;
}

/**
 * How this device reaches the entry's peers: the y-webrtc room and password from the entry's
 * invite link, and the signaling servers and relays the link named, with its write keys when it
 * has read-only links (shared/sync/writeProof.ts): the link without its title. Kept in the
 * library, which never leaves the device, and never in the entry document, which peers receive.
 */
export type EntryShare = Omit<InviteLink, 'title'>;

/**
 * One entry as the library knows it: enough to draw the sidebar, sort, filter and count
 * without opening the entry's own document.
 */
export interface EntryRow {
  readonly id: EntryId;
  readonly kind: EntryKind;
  readonly title: string;
  readonly tags: readonly string[];
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly progress: ChecklistProgress | null;
  readonly trashedAt: number | null;
  /** Set once the entry is shared, or when it was joined by link. */
  readonly share: EntryShare | null;
  /** Joined by link and nothing received from a peer yet: the kind and title are provisional. */
  readonly awaitingPeer: boolean;
  /**
   * People and ticks in the entry (entryActivity.ts), kept in step while it is open; absent
   * until it was first opened with a Peerbook that records them.
   */
  readonly activity?: EntryActivity;
  /** A lesson note's place in this device's review schedule; absent until first reviewed. */
  readonly review?: ReviewState;
  /** When this device last exchanged the entry with a peer (shared entries); absent until then. */
  readonly lastMetAt?: number;
  /** The entry's identity on every device (from its document), for links; absent until known. */
  readonly uid?: EntryUid;
  /** The owner reset the link this device joined with: it keeps its copy and gets nothing new. */
  readonly shareEnded?: ShareEnded;
}

export interface ShareEnded {
  readonly reason: 'reset';
  readonly at: number;
  /** Who reset it, as they showed themselves ('' when unknown). */
  readonly by: string;
}

function parseShareEnded(value: unknown): ShareEnded | null {
  if (!isPlainObject(value)) return null;
  const { reason, at, by } = value;
  if (reason !== 'reset' || !isTime(at)) return null;
  // Who reset it, as they showed themselves: a longer name is cut, not refused.
  return { reason, at, by: typeof by === 'string' ? by.slice(0, MAX_PERSON_NAME_LENGTH) : '' };
}

function validUrls(value: unknown, isUrl: (url: string) => boolean): string[] {
  return Array.isArray(value) ? value.filter((url): url is string => typeof url === 'string' && isUrl(url)) : [];
}

function parseShare(value: unknown): EntryShare | null {
  if (!isPlainObject(value)) return null;
  const { room, key, signaling, relays: rawRelays, verify, write } = value;
  if (!isShareSecret(room) || !isShareSecret(key)) return null;
  const relays = validUrls(rawRelays, isRelayUrl);
  return {
    room,
    key,
    signaling: validUrls(signaling, isSignalingUrl),
    ...(relays.length > 0 ? { relays } : {}),
    // A private write key means nothing without the public one it belongs to.
    ...(isWriteKey(verify) ? { verify, ...(isWriteKey(write) ? { write } : {}) } : {}),
  };
}

function parseProgress(value: unknown): ChecklistProgress | null {
  if (!isPlainObject(value)) return null;
  const { done, total } = value;
  return isStoredCount(done) && isStoredCount(total) && done <= total ? { done, total } : null;
}

/**
 * Rows come from disk, from backups (and later from the user's other devices): validate, never
 * trust. The id, kind and dates must be valid or the row is not one; every other field is
 * repaired (a damaged title reads as none, stray tags are dropped) or left out.
 *
 * By hand rather than composed from schemas: a library of 10,000 rows is read at every start, and
 * this parses them in about 4 ms where composed valibot schemas took about 25 ms.
 */
export function parseEntryRow(value: unknown): EntryRow | null {
  if (!isPlainObject(value)) return null;
  const raw = value;
  if (!isEntryId(raw.id) || !isEntryKind(raw.kind)) return null;
  if (!isTime(raw.createdAt) || !isTime(raw.updatedAt)) return null;
  return {
    id: raw.id,
    kind: raw.kind,
    title: typeof raw.title === 'string' ? raw.title : '',
    tags: Array.isArray(raw.tags) ? raw.tags.filter((tag): tag is string => typeof tag === 'string') : [],
    createdAt: raw.createdAt,
    updatedAt: raw.updatedAt,
    progress: parseProgress(raw.progress),
    trashedAt: isTime(raw.trashedAt) ? raw.trashedAt : null,
    share: parseShare(raw.share),
    awaitingPeer: raw.awaitingPeer === true,
    ...optionalField('activity', parseEntryActivity(raw.activity)),
    ...optionalField('review', parseReviewState(raw.review)),
    ...optionalField('lastMetAt', isTime(raw.lastMetAt) ? raw.lastMetAt : null),
    ...optionalField('uid', isEntryUid(raw.uid) ? raw.uid : null),
    ...optionalField('shareEnded', parseShareEnded(raw.shareEnded)),
  };
}

/** Optional fields appear in a parsed row only when they hold something valid. */
function optionalField<K extends string, T>(key: K, value: T | null): Partial<Record<K, T>> {
  return value === null ? {} : ({ [key]: value } as Record<K, T>);
}

/** parseEntryRow as a schema, for records that hold rows (backups, IPC). */
export const EntryRowSchema = parsedSchema(parseEntryRow, 'not a library row');

/** True when this device joined the entry by its read-only link: it holds the verify key only. */
export function isReadOnlyShare(share: EntryShare | null | undefined): boolean {
  return Boolean(share?.verify && !share.write);
}

/** What the UI calls an entry: its title, or, while that is empty, its kind's default title. */
export function displayTitle(row: Pick<EntryRow, 'title' | 'kind'>): string {
  const title = row.title.trim();
  return title.length > 0 ? title : ENTRY_TEMPLATES[row.kind].defaultTitle;
}

export function formatProgress(progress: ChecklistProgress): string {
  return `${progress.done} of ${progress.total}`;
}

export function kindLabel(kind: EntryKind): string {
  return ENTRY_KIND_LABELS[kind];
}
