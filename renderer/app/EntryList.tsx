import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useMemo, useRef, type CSSProperties } from 'react';
import type { EntryId } from '../../shared/entry/entryId';
import type { EntryRow } from '../../shared/library/entryRow';
import type { SearchHit } from '../search/journalSearch';
import { EntryListItem } from './EntryListItem';

interface EntryListProps {
  readonly rows: readonly EntryRow[];
  /** Search hits, in rank order, when a search is on (then `rows` is ignored). */
  readonly hits: readonly SearchHit[] | null;
  readonly selectedId: EntryId | null;
  readonly now: number;
  readonly onOpen: (id: EntryId) => void;
}

/** Above this many entries only the visible ones are drawn: 10,000 rows stay instant. */
const VIRTUALIZE_FROM = 150;
const ESTIMATED_ROW_PX = 66;
/** About as many search results as the sidebar shows at once. */
const FIRST_SCREEN = 12;
const estimateRowSize = (): number => ESTIMATED_ROW_PX;
/**
 * Rows drawn past the visible ones. Search results are all replaced as a word is typed, and each
 * new row is made and measured within the keystroke: fewer spare rows there.
 */
const LIBRARY_OVERSCAN = 8;
const SEARCH_OVERSCAN = 2;

/** The list named "Entries": the library, or the search results while a search is on. */
export function EntryList({ rows, hits, selectedId, now, onOpen }: EntryListProps) {
  const items = useMemo(
    () => (hits ? hits.map((hit) => ({ row: hit.row, match: { title: hit.title, snippet: hit.snippet } })) : rows.map((row) => ({ row, match: undefined }))),
    [rows, hits],
  );
  const scroller = useRef<HTMLDivElement>(null);
  // Search results are drawn a screenful at a time too: each carries a snippet, and a keystroke
  // has a frame to draw them.
  const virtual = items.length >= VIRTUALIZE_FROM || (hits !== null && items.length > FIRST_SCREEN);
  // The virtualizer recomputes every row's place when these functions change: kept the same
  // while the items are, a redraw for the selection or the clock does not walk 10,000 rows.
  const getItemKey = useCallback((index: number) => items[index]?.row.id ?? index, [items]);
  const virtualizer = useVirtualizer({
    count: virtual ? items.length : 0,
    getScrollElement: () => scroller.current,
    estimateSize: estimateRowSize,
    overscan: hits ? SEARCH_OVERSCAN : LIBRARY_OVERSCAN,
    getItemKey,
  });

  const render = (index: number, style?: CSSProperties, measure?: (element: Element | null) => void) => {
    const item = items[index];
    if (!item) return null;
    return (
      <EntryListItem
        key={item.row.id}
        row={item.row}
        now={now}
        selected={item.row.id === selectedId}
        onOpen={onOpen}
        match={item.match}
        style={style}
        measureRef={measure}
        index={index}
      />
    );
  };

  return (
    <div className="pb-entries-scroller" ref={scroller}>
      <ul
        className="pb-entries"
        aria-label="Entries"
        style={virtual ? { height: virtualizer.getTotalSize(), position: 'relative' } : undefined}
      >
        {virtual
          ? virtualizer.getVirtualItems().map((item) =>
              render(item.index, { position: 'absolute', top: 0, left: 0, width: '100%', transform: `translateY(${item.start}px)` }, virtualizer.measureElement),
            )
          : items.map((_, index) => render(index))}
      </ul>
    </div>
  );
}
