import { isEntryId, type EntryId } from '../entry/entryId';
import { isEntryUid, type EntryUid } from '../entry/entryUid';
import { WRITE_KEY_TEXT } from '../sync/writeProof';
import { ENTRY_KIND_LABELS, isEntryKind, type EntryKind } from '../entry/entryKind';
import { ENTRY_TEMPLATES } from '../entry/entryTemplates';
import { parseReviewState, type ReviewState } from '../review/reviewState';
import { parseEntryActivity, type EntryActivity } from './entryActivity';

/** Checklist progress: how many check items are ticked out of how many. */
export interface ChecklistProgress {
  readonly done: number;
  readonly total: number;
}

/**
 * How this device reaches the entry's peers: the y-webrtc room and password from the entry's
 * invite link, and the signaling servers the link named. Kept in the library, which never leaves
 * the device, and never in the entry document, which peers receive.
 */
export interface EntryShare {
  readonly room: string;
  readonly key: string;
  readonly signaling: readonly string[];
  /** Relays the entry's link names (docs/FORMAT.md, "The relay"); absent or empty without one. */
  readonly relays?: readonly string[];
  /** The entry's public write key, when it has read-only links (shared/sync/writeProof.ts). */
  readonly verify?: string;
  /** The private write key, when this device may edit such an entry (absent for a reader). */
  readonly write?: string;
}

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
  if (typeof value !== 'object' || value === null) return null;
  const { reason, at, by } = value as Record<string, unknown>;
  if (reason !== 'reset' || !isTime(at)) return null;
  return { reason, at, by: typeof by === 'string' ? by.slice(0, 60) : '' };
}

const SECRET = /^[A-Za-z0-9_-]{22,128}$/;

function parseShare(value: unknown): EntryShare | null {
  if (typeof value !== 'object' || value === null) return null;
  const { room, key, signaling } = value as Record<string, unknown>;
  if (typeof room !== 'string' || !SECRET.test(room) || typeof key !== 'string' || !SECRET.test(key)) return null;
  const websocketUrls = (value: unknown): string[] =>
    Array.isArray(value) ? value.filter((url): url is string => typeof url === 'string' && /^wss?:\/\//.test(url)) : [];
  const { relays: rawRelays, verify, write } = value as Record<string, unknown>;
  const relays = websocketUrls(rawRelays);
  const writeKey = (candidate: unknown): candidate is string => typeof candidate === 'string' && WRITE_KEY_TEXT.test(candidate);
  return {
    room,
    key,
    signaling: websocketUrls(signaling),
    ...(relays.length > 0 ? { relays } : {}),
    ...(writeKey(verify) ? { verify, ...(writeKey(write) ? { write } : {}) } : {}),
  };
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < 1_000_000;
}

function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

/** Rows come from disk (and later from the user's other devices): validate, never trust. */
export function parseEntryRow(value: unknown): EntryRow | null {
  if (typeof value !== 'object' || value === null) return null;
  const raw = value as Record<string, unknown>;
  if (!isEntryId(raw.id) || !isEntryKind(raw.kind)) return null;
  if (!isTime(raw.createdAt) || !isTime(raw.updatedAt)) return null;
  const tags = Array.isArray(raw.tags) ? raw.tags.filter((tag): tag is string => typeof tag === 'string') : [];
  let progress: ChecklistProgress | null = null;
  const rawProgress = raw.progress as Record<string, unknown> | null | undefined;
  if (rawProgress && isCount(rawProgress.done) && isCount(rawProgress.total) && rawProgress.done <= rawProgress.total) {
    progress = { done: rawProgress.done, total: rawProgress.total };
  }
  return {
    id: raw.id,
    kind: raw.kind,
    title: typeof raw.title === 'string' ? raw.title : '',
    tags,
    createdAt: raw.createdAt,
    updatedAt: raw.updatedAt,
    progress,
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

/** What the UI calls an entry whose title is still empty. */
/** True when this device joined the entry by its read-only link: it holds the verify key only. */
export function isReadOnlyShare(share: EntryShare | null | undefined): boolean {
  return Boolean(share?.verify && !share.write);
}

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
