import type * as Y from 'yjs';
import { ENTRY_DOC_KEYS } from '../doc/docKeys';
import { DOC_ORIGINS, type DocOrigin } from '../doc/docOrigins';
import { cleanPersonName, FALLBACK_PERSON_COLOR, isColor } from '../people/person';
import { readEntryMeta } from './entryDoc';

/**
 * Who has edited an entry, kept in the entry document itself (`contributors`, docs/FORMAT.md) so
 * that every peer sees the same list and nobody drops off it when they leave. Each device writes
 * only its own record, under an id it keeps for itself, so records never conflict: the map holds
 * one record per device, whatever its name was when it first edited, renamed when it changes.
 */
export interface Contributor {
  readonly id: string;
  readonly name: string;
  readonly color: string;
}

/** A device's own id: random, at least 128 bits, base64url (a stock client may use its Yjs clientID). */
const CONTRIBUTOR_ID = /^[A-Za-z0-9_-]{1,64}$/;
export const FALLBACK_CONTRIBUTOR_COLOR = FALLBACK_PERSON_COLOR;

export function isContributorId(value: unknown): value is string {
  return typeof value === 'string' && CONTRIBUTOR_ID.test(value);
}

export function contributorsMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(ENTRY_DOC_KEYS.contributors);
}

/** Every valid record, sorted by name; records written by a peer are validated, never trusted. */
export function readContributors(doc: Y.Doc): Contributor[] {
  const contributors: Contributor[] = [];
  contributorsMap(doc).forEach((value, id) => {
    if (!isContributorId(id) || typeof value !== 'object' || value === null) return;
    const raw = value as Record<string, unknown>;
    const name = cleanPersonName(raw.name);
    if (!name) return;
    const color = isColor(raw.color) ? raw.color : FALLBACK_CONTRIBUTOR_COLOR;
    contributors.push({ id, name, color });
  });
  return contributors.sort((a, b) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Contributors' names, each once (two devices of one person show as one name). */
export function contributorNames(contributors: readonly Contributor[]): string[] {
  return [...new Set(contributors.map((contributor) => contributor.name))];
}

/**
 * Records this device as a contributor, or updates its name and colour. Writes nothing when the
 * record is already as given, and nothing into a document whose entry has not arrived yet: a
 * joiner never writes before the creating device's content is there. Returns whether it wrote.
 */
export function recordContributor(doc: Y.Doc, contributor: Contributor, origin: DocOrigin = DOC_ORIGINS.contributor): boolean {
  if (readEntryMeta(doc) === null) return false;
  const name = cleanPersonName(contributor.name);
  if (!name || !isContributorId(contributor.id)) return false;
  const color = isColor(contributor.color) ? contributor.color : FALLBACK_CONTRIBUTOR_COLOR;
  const map = contributorsMap(doc);
  const current = map.get(contributor.id) as Record<string, unknown> | undefined;
  if (current && current.name === name && current.color === color) return false;
  doc.transact(() => map.set(contributor.id, { name, color }), origin);
  return true;
}

/** Whether this device has a record in the entry (it has edited it before). */
export function hasContributed(doc: Y.Doc, id: string): boolean {
  return contributorsMap(doc).has(id);
}
