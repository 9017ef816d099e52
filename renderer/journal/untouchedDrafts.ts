import type * as Y from 'yjs';
import { DOC_ORIGINS } from '../../shared/doc/docOrigins';
import type { EntryId } from '../../shared/entry/entryId';
import type { EntryRow } from '../../shared/library/entryRow';
import type { EntryLifecycle } from '../collab/entryLifecycle';

/** Origins that are not the user writing: the template itself and the contributor record. */
const NOT_WRITING: ReadonlySet<unknown> = new Set([DOC_ORIGINS.template, DOC_ORIGINS.contributor, DOC_ORIGINS.migration]);

interface DraftTarget {
  readonly entries: EntryLifecycle;
  row(id: EntryId): EntryRow | null;
  deleteForever(id: EntryId): Promise<void>;
}

/**
 * Entries made with New lesson, New checklist or New debrief stay drafts until someone writes in
 * them. A draft that closes untouched (the user clicked New lesson and went elsewhere) is removed,
 * so it leaves no "Untitled" entry behind. Any change to its title, tags or body, by the user or a
 * peer, or sharing it, makes it an entry like any other.
 */
export class UntouchedDrafts {
  private readonly drafts = new Set<EntryId>();

  constructor(private readonly target: DraftTarget) {
    target.entries.watchOpenEntries((entry) => {
      if (!this.drafts.has(entry.id)) return;
      const onTransaction = (transaction: Y.Transaction): void => {
        if (transaction.changed.size === 0 || NOT_WRITING.has(transaction.origin)) return;
        if (entry.changeSource(transaction) !== 'load') this.drafts.delete(entry.id);
      };
      entry.doc.on('afterTransaction', onTransaction);
      return () => entry.doc.off('afterTransaction', onTransaction);
    });
    target.entries.onClosed((id) => {
      if (!this.drafts.delete(id)) return;
      const row = target.row(id);
      if (!row || row.title !== '' || row.tags.length > 0 || row.share !== null) return;
      void target.deleteForever(id).catch((cause: unknown) => console.warn(`[journal] could not remove the untouched entry ${id}`, cause));
    });
  }

  /** Marks a new entry as a draft, removed if it closes before anyone writes in it. */
  add(id: EntryId): void {
    this.drafts.add(id);
  }

  has(id: EntryId): boolean {
    return this.drafts.has(id);
  }
}
