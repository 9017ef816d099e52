import type { ReactNode } from 'react';
import { useId } from 'react';
import type { EntryId } from '../../shared/entry/entryId';
import { ENTRY_KIND_LABELS, ENTRY_KINDS, isEntryKind, type EntryKind } from '../../shared/entry/entryKind';
import type { EntryRow } from '../../shared/library/entryRow';
import { ENTRY_SORT_LABELS, ENTRY_SORTS, type EntrySort, type LibraryFilter } from '../../shared/library/libraryQuery';
import { MIN_QUERY_LENGTH, type SearchHit, type SearchState } from '../search/journalSearch';
import { EntryList } from './EntryList';
import { OverflowMenu } from './OverflowMenu';
import { TagPane } from './TagPane';
import { NEW_ENTRY_SHORTCUTS } from './keyboardShortcuts';
import { countOf } from '../../shared/locale/localeFormat';

interface SidebarProps {
  readonly entries: readonly EntryRow[];
  readonly totalLive: number;
  readonly trashCount: number;
  readonly tags: ReadonlyArray<{ tag: string; count: number }>;
  readonly filter: LibraryFilter;
  readonly sort: EntrySort;
  readonly selectedId: EntryId | null;
  readonly showingTrash: boolean;
  readonly now: number;
  readonly onCreate: (kind: EntryKind) => void;
  readonly onOpen: (id: EntryId) => void;
  readonly onFilter: (filter: LibraryFilter) => void;
  readonly onSort: (sort: EntrySort) => void;
  readonly onShowTrash: () => void;
  readonly onJoin: () => void;
  /** Back up, restore and import, drawn in the footer. */
  readonly fileActions?: ReactNode;
  /** This week, Review and Insights (LearningNav), under the New buttons. */
  readonly learning?: ReactNode;
  readonly onSettings: () => void;
  /** Every live entry as Markdown files in a folder (usePlatformCommands). */
  readonly onExportJournal: () => void;
  readonly query: string;
  readonly onQuery: (query: string) => void;
  readonly hits: readonly SearchHit[] | null;
  readonly searchState: SearchState;
  readonly onRenameTag: (from: string, to: string) => void;
}

export function Sidebar(props: SidebarProps) {
  const { entries, filter, sort } = props;
  const filtered = filter.kind !== null || filter.tag !== null;
  const fieldId = useId();
  return (
    <nav className="pb-sidebar" aria-label="Journal">
      <div className="pb-brand">
        <span className="pb-brand-mark" aria-hidden="true" />
        <span className="pb-brand-name">Peerbook</span>
      </div>
      <div className="pb-new-buttons">
        {ENTRY_KINDS.map((kind) => (
          <button
            key={kind}
            type="button"
            className={`pb-new pb-kind-${kind}`}
            onClick={() => props.onCreate(kind)}
            aria-keyshortcuts={NEW_ENTRY_SHORTCUTS[kind].aria}
            title={`New ${kind} (${NEW_ENTRY_SHORTCUTS[kind].label})`}
          >
            <span className="pb-new-plus" aria-hidden="true">
              +
            </span>
            New {kind}
          </button>
        ))}
      </div>
      {props.learning}

      <div className="pb-search">
        <input
          id="pb-search"
          type="search"
          aria-label="Search"
          aria-keyshortcuts="Control+K"
          placeholder="Search  (Ctrl+K)"
          value={props.query}
          maxLength={200}
          onChange={(event) => props.onQuery(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape') props.onQuery('');
            if (event.key === 'Enter' && props.hits?.[0]) props.onOpen(props.hits[0].row.id);
          }}
        />
      </div>

      <div className="pb-filters">
        <div className="pb-field">
          <label htmlFor={`${fieldId}-kind`}>Kind</label>
          <select
            id={`${fieldId}-kind`}
            value={filter.kind ?? ''}
            onChange={(event) =>
              props.onFilter({ ...filter, kind: isEntryKind(event.target.value) ? event.target.value : null })
            }
          >
            <option value="">All kinds</option>
            {ENTRY_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {ENTRY_KIND_LABELS[kind]}
              </option>
            ))}
          </select>
        </div>
        <div className="pb-field">
          <label htmlFor={`${fieldId}-tag`}>Tag</label>
          <select
            id={`${fieldId}-tag`}
            value={filter.tag ?? ''}
            onChange={(event) => props.onFilter({ ...filter, tag: event.target.value || null })}
          >
            <option value="">All tags</option>
            {props.tags.map(({ tag, count }) => (
              <option key={tag} value={tag}>
                #{tag} ({count})
              </option>
            ))}
          </select>
        </div>
        <div className="pb-field">
          <label htmlFor={`${fieldId}-sort`}>Sort</label>
          <select
            id={`${fieldId}-sort`} value={sort} onChange={(event) => props.onSort(event.target.value as EntrySort)}>
            {ENTRY_SORTS.map((option) => (
              <option key={option} value={option}>
                {ENTRY_SORT_LABELS[option]}
              </option>
            ))}
          </select>
        </div>
      </div>

      {props.hits && (
        <p className="pb-search-note" aria-live="polite">
          {props.query.trim().length < MIN_QUERY_LENGTH
            ? 'Keep typing…'
            : props.searchState === 'indexing'
            ? 'Indexing your journal…'
            : props.hits.length === 0
              ? 'Nothing matches your search.'
              : props.hits.length === 50 ? '50+ matches' : countOf(props.hits.length, { one: 'match', other: 'matches' })}
        </p>
      )}
      <EntryList
        rows={entries}
        hits={props.hits}
        selectedId={props.showingTrash ? null : props.selectedId}
        now={props.now}
        onOpen={props.onOpen}
      />
      {!props.hits && entries.length === 0 && props.totalLive > 0 && filtered && (
        <p className="pb-sidebar-note">
          No entries match these filters.{' '}
          <button type="button" className="pb-link-button" onClick={() => props.onFilter({ kind: null, tag: null })}>
            Clear filters
          </button>
        </p>
      )}
      {props.totalLive === 0 && <p className="pb-sidebar-note">No entries yet.</p>}

      <TagPane
        tags={props.tags}
        activeTag={filter.tag}
        onSelect={(tag) => props.onFilter({ ...filter, tag })}
        onRename={props.onRenameTag}
      />

      <div className="pb-sidebar-footer">
        <button type="button" className="pb-footer-button" onClick={props.onJoin}>
          Join by link
        </button>
        <button type="button" className="pb-footer-button" onClick={props.onSettings}>
          Settings
        </button>
        <OverflowMenu label="Journal files" className="pb-footer-button" placement="above">
          <button type="button" className="pb-menu-item" onClick={props.onExportJournal}>
            Export journal…
          </button>
          {props.fileActions}
        </OverflowMenu>
        <button
          type="button"
          className="pb-trash-button"
          aria-pressed={props.showingTrash}
          onClick={props.onShowTrash}
        >
          Trash
          {props.trashCount > 0 && <span className="pb-count" aria-label={countOf(props.trashCount, { one: 'entry', other: 'entries' })}>{props.trashCount}</span>}
        </button>
      </div>
    </nav>
  );
}
