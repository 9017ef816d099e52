import type { ReactNode } from 'react';
import { useId } from 'react';
import type { EntryId } from '../../shared/entry/entryId';
import { ENTRY_KIND_LABELS, ENTRY_KINDS, isEntryKind } from '../../shared/entry/entryKind';
import type { EntryRow } from '../../shared/library/entryRow';
import { ENTRY_SORT_LABELS, ENTRY_SORTS, type EntrySort, type LibraryFilter } from '../../shared/library/libraryQuery';
import { MIN_QUERY_LENGTH, type JournalSearch } from '../search/journalSearch';
import { EntryList } from './EntryList';
import { OverflowMenu } from './OverflowMenu';
import { TagPane } from './TagPane';
import { useAppState, useAppStore } from './appStore';
import { useCommands } from './commandRegistry';
import { shortcutHint, shortcutText } from './platformKeys';
import { NEW_ENTRY_COMMANDS } from './useAppCommands';
import { useSearchHits } from './useSearchHits';
import { countOf } from '../../shared/locale/localeFormat';

interface SidebarProps {
  readonly entries: readonly EntryRow[];
  readonly totalLive: number;
  readonly trashCount: number;
  readonly tags: ReadonlyArray<{ tag: string; count: number }>;
  readonly now: number;
  /** Back up, restore and import, drawn in the footer. */
  readonly fileActions?: ReactNode;
  /** This week, Review and Insights (LearningNav), under the New buttons. */
  readonly learning?: ReactNode;
  /** The journal's search: its results are drawn here, under the Search box. */
  readonly search: JournalSearch;
  readonly onRenameTag: (from: string, to: string) => void;
}

/**
 * The library: New buttons, search, filters, the entry list, tags and the footer's actions.
 * Where the user is, the filter, sort and query come from the app's store; every button runs a
 * command (commandRegistry.ts), as its shortcut, the menu and the palette do.
 */
export function Sidebar(props: SidebarProps) {
  const { entries } = props;
  const store = useAppStore();
  const commands = useCommands();
  const filter = useAppState((state) => state.filter);
  const sort = useAppState((state) => state.sort);
  const query = useAppState((state) => state.query);
  const hits = useSearchHits(props.search);
  const place = useAppState((state) => state.place);
  const showingTrash = place.view === 'trash';
  const selectedId = place.view === 'entry' ? place.id : null;
  const onFilter = (next: LibraryFilter): void => store.setFilter(next);
  // A search result opens with typing in its body; an entry picked from the list keeps focus there.
  const onOpen = (id: EntryId): void => store.openEntry(id, hits ? 'body' : null);
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
            onClick={() => commands.run(NEW_ENTRY_COMMANDS[kind])}
            {...shortcutHint(NEW_ENTRY_COMMANDS[kind])}
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
          aria-keyshortcuts={shortcutHint('search')['aria-keyshortcuts']}
          placeholder={`Search  (${shortcutText('search')})`}
          value={query}
          maxLength={200}
          onChange={(event) => store.setQuery(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape') store.setQuery('');
            if (event.key === 'Enter' && hits?.[0]) onOpen(hits[0].row.id);
          }}
        />
      </div>

      <div className="pb-filters">
        <SelectField
          id={`${fieldId}-kind`}
          label="Kind"
          value={filter.kind ?? ''}
          options={[{ value: '', label: 'All kinds' }, ...ENTRY_KINDS.map((kind) => ({ value: kind, label: ENTRY_KIND_LABELS[kind] }))]}
          onChange={(value) => onFilter({ ...filter, kind: isEntryKind(value) ? value : null })}
        />
        <SelectField
          id={`${fieldId}-tag`}
          label="Tag"
          value={filter.tag ?? ''}
          options={[{ value: '', label: 'All tags' }, ...props.tags.map(({ tag, count }) => ({ value: tag, label: `#${tag} (${count})` }))]}
          onChange={(value) => onFilter({ ...filter, tag: value || null })}
        />
        <SelectField
          id={`${fieldId}-sort`}
          label="Sort"
          value={sort}
          options={ENTRY_SORTS.map((option) => ({ value: option, label: ENTRY_SORT_LABELS[option] }))}
          onChange={(value) => store.setSort(value as EntrySort)}
        />
      </div>

      {hits && (
        <p className="pb-search-note" aria-live="polite">
          {query.trim().length < MIN_QUERY_LENGTH
            ? 'Keep typing…'
            : props.search.state === 'indexing'
            ? 'Indexing your journal…'
            : hits.length === 0
              ? 'Nothing matches your search.'
              : hits.length === 50 ? '50+ matches' : countOf(hits.length, { one: 'match', other: 'matches' })}
        </p>
      )}
      <EntryList
        rows={entries}
        hits={hits}
        selectedId={selectedId}
        now={props.now}
        onOpen={onOpen}
      />
      {!hits && entries.length === 0 && props.totalLive > 0 && filtered && (
        <p className="pb-sidebar-note">
          No entries match these filters.{' '}
          <button type="button" className="pb-link-button" onClick={() => onFilter({ kind: null, tag: null })}>
            Clear filters
          </button>
        </p>
      )}
      {props.totalLive === 0 && <p className="pb-sidebar-note">No entries yet.</p>}

      <TagPane
        tags={props.tags}
        activeTag={filter.tag}
        onSelect={(tag) => onFilter({ ...filter, tag })}
        onRename={props.onRenameTag}
      />

      <div className="pb-sidebar-footer">
        <button type="button" className="pb-footer-button" onClick={() => commands.run('join')} {...shortcutHint('join')}>
          Join by link
        </button>
        <button type="button" className="pb-footer-button" onClick={() => commands.run('settings')} {...shortcutHint('settings')}>
          Settings
        </button>
        <OverflowMenu label="Journal files" className="pb-footer-button" placement="above">
          <button type="button" className="pb-menu-item" onClick={() => commands.run('export-journal')}>
            Export journal…
          </button>
          {props.fileActions}
        </OverflowMenu>
        <button
          type="button"
          className="pb-trash-button"
          aria-pressed={showingTrash}
          onClick={() => commands.run('trash')}
        >
          Trash
          {props.trashCount > 0 && <span className="pb-count" aria-label={countOf(props.trashCount, { one: 'entry', other: 'entries' })}>{props.trashCount}</span>}
        </button>
      </div>
    </nav>
  );
}

interface SelectFieldProps {
  readonly id: string;
  readonly label: string;
  readonly value: string;
  readonly options: readonly { readonly value: string; readonly label: string }[];
  readonly onChange: (value: string) => void;
}

/** A labelled drop-down of the library's filters and order. */
function SelectField({ id, label, value, options, onChange }: SelectFieldProps) {
  return (
    <div className="pb-field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
