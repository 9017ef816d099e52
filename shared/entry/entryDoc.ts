import type * as Y from 'yjs';
import { ENTRY_DOC_KEYS, ENTRY_META_KEYS } from '../doc/docKeys';
import { DOC_ORIGINS, type DocOrigin } from '../doc/docOrigins';
import { CURRENT_SCHEMA_VERSION, migrateDoc, readSchemaVersion, type Migration } from '../doc/schemaVersion';
import { isEntryKind, type EntryKind } from './entryKind';
import { normalizeTag } from './entryTags';

/**
 * The entry document's metadata: everything but the body, which Lexical owns. See
 * docs/FORMAT.md for the layout a stock Yjs client reads and writes.
 */
export interface EntryMeta {
  readonly kind: EntryKind;
  readonly createdAt: number;
  readonly schemaVersion: number;
}

/** Version 1 is the first format; the list grows with the format. */
export const ENTRY_MIGRATIONS: readonly Migration[] = [{ to: 1, migrate: () => {} }];

export const MAX_TITLE_LENGTH = 300;

export function entryMetaMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(ENTRY_DOC_KEYS.meta);
}

export function entryTitleText(doc: Y.Doc): Y.Text {
  return doc.getText(ENTRY_DOC_KEYS.title);
}

export function entryTagsMap(doc: Y.Doc): Y.Map<number> {
  return doc.getMap<number>(ENTRY_DOC_KEYS.tags);
}

/**
 * Writes a new entry's metadata. Runs once, on the device that creates the entry; the body
 * template is written by the editor module in the same creation step.
 */
export function initEntryDoc(doc: Y.Doc, init: { kind: EntryKind; createdAt: number; title?: string; uid?: string }): void {
  doc.transact(() => {
    const meta = entryMetaMap(doc);
    meta.set(ENTRY_META_KEYS.schemaVersion, CURRENT_SCHEMA_VERSION);
    meta.set(ENTRY_META_KEYS.kind, init.kind);
    meta.set(ENTRY_META_KEYS.createdAt, init.createdAt);
    // The entry's identity on every device (entryUid.ts), for links to it.
    if (init.uid) meta.set(ENTRY_META_KEYS.uid, init.uid);
    if (init.title) entryTitleText(doc).insert(0, init.title.slice(0, MAX_TITLE_LENGTH));
  }, DOC_ORIGINS.template);
}

/** The entry's metadata, or null while the document holds none yet (a joiner before sync). */
export function readEntryMeta(doc: Y.Doc): EntryMeta | null {
  const meta = entryMetaMap(doc);
  const kind = meta.get(ENTRY_META_KEYS.kind);
  if (!isEntryKind(kind)) return null;
  const createdAt = meta.get(ENTRY_META_KEYS.createdAt);
  const schemaVersion = meta.get(ENTRY_META_KEYS.schemaVersion);
  return {
    kind,
    createdAt: typeof createdAt === 'number' && Number.isFinite(createdAt) ? createdAt : 0,
    schemaVersion: typeof schemaVersion === 'number' ? schemaVersion : 0,
  };
}

/**
 * The format an entry says it is written in, when that is newer than this Peerbook's; else null.
 * Such an entry is shown read-only and never written from this device (docs/DECISIONS.md, "An
 * entry from a newer Peerbook"): a peer's one small update claiming a newer format must not make
 * the entry unreadable, and a genuinely newer format must not be rewritten by an older one.
 */
export function newerEntryFormat(doc: Y.Doc): number | null {
  const found = readSchemaVersion(doc, ENTRY_DOC_KEYS.meta);
  return found > CURRENT_SCHEMA_VERSION ? found : null;
}

export function migrateEntryDoc(doc: Y.Doc): boolean {
  if (readEntryMeta(doc) === null) return false;
  return migrateDoc(doc, ENTRY_DOC_KEYS.meta, ENTRY_MIGRATIONS);
}

export function getEntryTitle(doc: Y.Doc): string {
  return entryTitleText(doc).toString();
}

/**
 * Replaces the title with `next` by the smallest edit (common prefix and suffix kept), so a
 * peer's concurrent typing elsewhere in the title survives the merge.
 */
export function setEntryTitle(doc: Y.Doc, next: string, origin: DocOrigin = DOC_ORIGINS.localEdit): void {
  const text = entryTitleText(doc);
  const clipped = next.replace(/[\r\n]+/g, ' ').slice(0, MAX_TITLE_LENGTH);
  const current = text.toString();
  if (current === clipped) return;
  let start = 0;
  while (start < current.length && start < clipped.length && current[start] === clipped[start]) start++;
  let endCurrent = current.length;
  let endNext = clipped.length;
  while (endCurrent > start && endNext > start && current[endCurrent - 1] === clipped[endNext - 1]) {
    endCurrent--;
    endNext--;
  }
  doc.transact(() => {
    if (endCurrent > start) text.delete(start, endCurrent - start);
    if (endNext > start) text.insert(start, clipped.slice(start, endNext));
  }, origin);
}

export function getEntryTags(doc: Y.Doc): string[] {
  return [...entryTagsMap(doc).keys()].sort((a, b) => a.localeCompare(b));
}

/** Adds a tag; returns the normalised tag, or null when the input holds no tag. */
export function addEntryTag(doc: Y.Doc, raw: string, now: number, origin: DocOrigin = DOC_ORIGINS.localEdit): string | null {
  const tag = normalizeTag(raw);
  if (tag === null) return null;
  const tags = entryTagsMap(doc);
  if (!tags.has(tag)) doc.transact(() => tags.set(tag, now), origin);
  return tag;
}

export function removeEntryTag(doc: Y.Doc, tag: string, origin: DocOrigin = DOC_ORIGINS.localEdit): void {
  const tags = entryTagsMap(doc);
  if (tags.has(tag)) doc.transact(() => tags.delete(tag), origin);
}
