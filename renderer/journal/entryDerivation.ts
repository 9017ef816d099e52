import * as Y from 'yjs';
import { ENTRY_DOC_KEYS } from '../../shared/doc/docKeys';
import { DOC_ORIGINS } from '../../shared/doc/docOrigins';
import { contributorNames, readContributors } from '../../shared/entry/contributors';
import { CURRENT_SCHEMA_VERSION } from '../../shared/doc/schemaVersion';
import { getEntryTags, getEntryTitle, readEntryMeta } from '../../shared/entry/entryDoc';
import { ensureEntryUid, readEntryUid } from '../../shared/entry/entryUid';
import type { EntryKind } from '../../shared/entry/entryKind';
import { readLinkReset } from '../../shared/entry/linkResets';
import type { EntryActivity } from '../../shared/library/entryActivity';
import type { EntryRow } from '../../shared/library/entryRow';
import type { EntryRowPatch } from '../../shared/library/libraryDoc';
import type { OpenEntry } from '../collab/openEntry';
import { $readBodyFacts, readBodyFacts, type BodyFacts } from '../editor/bodyFacts';
import type { JournalSearch } from '../search/journalSearch';
import { randomBytes } from './entryCreation';
import type { LibraryRows } from './libraryRows';

/** Body-derived figures are read again this long after changes to the body stop. */
export const BODY_PAUSE_MS = 300;
/** Pauses a read of the body waits at most for an editor still drawing it (then it draws the rest). */
const MAX_WAITS_FOR_DRAWING = 10;
/** While only the body changes, a row's "last change" moves at most this often (the list shows minutes). */
export const ROW_TIME_GRANULARITY_MS = 30_000;

export interface DerivationTarget {
  readonly rows: LibraryRows;
  readonly search: JournalSearch;
  readonly now: () => number;
}

/**
 * Keeps what the app shows of an entry in step with its document while it is open, whoever opened
 * it (the editor, background sync, a restore) and wherever a change came from (this device, a
 * peer, a backup): the library row (title, tags, kind once a joined entry arrives, progress,
 * activity, last change) and the search text and links. Title and tags follow at once; what
 * comes from the body is read a moment after the body stops changing, from the editor's state
 * when an editor shows the entry, else from a headless replay. Returns the function that stops
 * it, which first writes anything still pending.
 */
export function deriveFromOpenEntry(entry: OpenEntry, target: DerivationTarget): () => void {
  const { doc, id } = entry;
  const bodyRoot = doc.get(ENTRY_DOC_KEYS.body, Y.XmlText);
  let bodyTimer: ReturnType<typeof setTimeout> | null = null;
  let loaded = false;
  let lastFacts: BodyFacts | null = null;

  const readFacts = (): BodyFacts | null => {
    if (doc.isDestroyed || readEntryMeta(doc) === null) return null;
    try {
      return entry.bodyReader ? entry.bodyReader($readBodyFacts) : readBodyFacts(doc);
    } catch (cause) {
      console.warn(`[journal] could not read the body of ${id}`, cause);
      return null;
    }
  };

  // While the editor is still drawing a long body it has just opened (about a second), reading
  // it would draw the rest in one task, in the middle of the first keystrokes: the read waits
  // for the drawing, a few pauses at most.
  let waitsForDrawing = 0;
  const deriveBody = (now = false): void => {
    if (bodyTimer) clearTimeout(bodyTimer);
    bodyTimer = null;
    if (!now && entry.bodyBeingDrawn && waitsForDrawing < MAX_WAITS_FOR_DRAWING) {
      waitsForDrawing++;
      scheduleBody(BODY_PAUSE_MS);
      return;
    }
    waitsForDrawing = 0;
    const facts = readFacts();
    target.rows.settle(id);
    if (!facts) return;
    lastFacts = facts;
    target.search.updateText({ id, ...facts.text });
    target.rows.schedule(id, () => bodyPatch(target.rows.get(id), facts, doc));
  };

  const scheduleBody = (delay: number): void => {
    if (bodyTimer) clearTimeout(bodyTimer);
    bodyTimer = setTimeout(() => deriveBody(), delay);
    // "Saved" waits for the progress and activity this change leads to.
    target.rows.await(id);
  };

  const onTransaction = (transaction: Y.Transaction): void => {
    if (!loaded || transaction.changed.size === 0 || entry.changeSource(transaction) === 'load') return;
    // A migration (an identity given to an older entry) is not a change anyone made.
    const changedAt = transaction.origin === DOC_ORIGINS.migration ? null : target.now();
    const bodyChanged = transaction.changedParentTypes.has(bodyRoot as unknown as Y.AbstractType<Y.YEvent<Y.XmlText>>);
    const onlyBody = bodyChanged && ![...transaction.changed.keys()].some((type) => !isWithin(type, bodyRoot));
    // A keystroke in the body changes nothing documentPatch writes until "last change" is due to
    // move: no row patch is made for it (it read the title, tags, link resets and contributors
    // again, in a task of its own after every keystroke, typed here or by a colleague).
    if (!(onlyBody && changedAt !== null && rowKeepsUpWithBody(target.rows.get(id), changedAt))) {
      target.rows.schedule(id, () => documentPatch(target.rows.get(id), doc, changedAt, onlyBody, lastFacts));
    }
    if (bodyChanged) scheduleBody(BODY_PAUSE_MS);
  };
  doc.on('afterTransaction', onTransaction);

  void entry.whenLoaded.then(
    () => {
      if (doc.isDestroyed) return;
      loaded = true;
      const row = target.rows.get(id);
      const meta = readEntryMeta(doc);
      if (!row || meta === null) return;
      // Entries written before entries had an identity get one (links name it across devices);
      // not one this device cannot write to.
      if (readEntryUid(doc) === null && entry.readOnly === null && meta.schemaVersion <= CURRENT_SCHEMA_VERSION) ensureEntryUid(doc, row.share?.room ?? null, randomBytes);
      // A joined entry that arrived before this row knew it, or a row that never had its
      // activity (or a debrief's actions) read, written before they were recorded: bring it in
      // step once.
      if (row.awaitingPeer || row.activity === undefined || row.title !== getEntryTitle(doc) || row.uid !== readEntryUid(doc) || lacksActions(row)) {
        target.rows.schedule(id, () => documentPatch(target.rows.get(id), doc, null, false, null));
        // After the pause, as for any change: an editor that opens the entry has bound by then,
        // and its state is read instead of replaying the whole body into a headless editor
        // (hundreds of milliseconds for a long entry, in the middle of opening it).
        scheduleBody(BODY_PAUSE_MS);
      }
    },
    () => undefined,
  );

  return () => {
    doc.off('afterTransaction', onTransaction);
    if (bodyTimer) deriveBody(true);
    target.rows.writeScheduled();
  };
}

/**
 * Whether a row already shows all that documentPatch would write after a change to the body
 * alone at `changedAt`: a body change moves only "last change" (every ROW_TIME_GRANULARITY_MS),
 * and activity or a debrief's actions when the row has never had them; a row still waiting for
 * its peer is brought in step by the next patch.
 */
function rowKeepsUpWithBody(row: EntryRow | null, changedAt: number): boolean {
  return row !== null && !row.awaitingPeer && row.activity !== undefined && !lacksActions(row) && !lastChangeDue(row, changedAt);
}

/** Whether a change to the body alone at `changedAt` moves the row's "last change". */
function lastChangeDue(row: EntryRow, changedAt: number): boolean {
  return changedAt - row.updatedAt >= ROW_TIME_GRANULARITY_MS;
}

/** Whether a changed type is the body or inside it. */
function isWithin(type: { _item: Y.Item | null }, ancestor: unknown): boolean {
  for (let current: { _item: Y.Item | null } | null = type; current; current = (current._item?.parent as { _item: Y.Item | null } | undefined) ?? null) {
    if (current === ancestor) return true;
  }
  return false;
}

/** Title, tags, kind (once a joined entry has arrived), contributors and the last change. */
function documentPatch(row: EntryRow | null, doc: Y.Doc, changedAt: number | null, onlyBody: boolean, facts: BodyFacts | null): EntryRowPatch {
  if (!row || doc.isDestroyed) return {};
  const meta = readEntryMeta(doc);
  // A joiner's entry shows its provisional title until a peer has sent the entry.
  if (meta === null) return {};
  const patch: { -readonly [K in keyof EntryRowPatch]: EntryRowPatch[K] } = { title: getEntryTitle(doc), tags: getEntryTags(doc) };
  const uid = readEntryUid(doc);
  if (uid) patch.uid = uid;
  // The owner reset the link this device holds: it keeps its copy and is told.
  const reset = row.share && !row.shareEnded ? readLinkReset(doc, row.share.room) : null;
  if (reset) patch.shareEnded = { reason: 'reset', ...reset };
  if (row.awaitingPeer || row.kind !== meta.kind) {
    patch.kind = meta.kind;
    patch.awaitingPeer = false;
  }
  const contributors = contributorNames(readContributors(doc));
  const activity = row.activity ?? (facts ? activityOf(meta.kind, contributors, facts) : undefined);
  if (activity) patch.activity = { ...activity, contributors };
  if (changedAt !== null) {
    const sameShown = patch.title === row.title && patch.tags?.join('\n') === row.tags.join('\n');
    // While only the body changes, "last change" moves at most every 30 s, so typing in a long
    // entry does not redraw the library on each keystroke.
    if ((!onlyBody || !sameShown || lastChangeDue(row, changedAt)) && changedAt > row.updatedAt) patch.updatedAt = changedAt;
  }
  return patch;
}

/** Checklist progress and the body's thanks and ticks. */
function bodyPatch(row: EntryRow | null, facts: BodyFacts, doc: Y.Doc): EntryRowPatch {
  if (!row || doc.isDestroyed) return {};
  const meta = readEntryMeta(doc);
  const kind = meta?.kind ?? row.kind;
  return {
    progress: kind === 'checklist' ? facts.progress : null,
    activity: activityOf(kind, contributorNames(readContributors(doc)), facts),
  };
}

/** The row's activity: contributors and what the body says; actions are a debrief's only. */
function activityOf(kind: EntryKind, contributors: string[], { activity: { actions, ...people } }: BodyFacts): EntryActivity {
  return kind === 'debrief' ? { contributors, ...people, actions } : { contributors, ...people };
}

function lacksActions(row: EntryRow): boolean {
  return row.kind === 'debrief' && row.activity !== undefined && row.activity.actions === undefined;
}
