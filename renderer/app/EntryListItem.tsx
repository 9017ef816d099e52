import type { CSSProperties } from 'react';
import type { EntryId } from '../../shared/entry/entryId';
import { displayTitle, formatProgress, kindLabel, type EntryRow } from '../../shared/library/entryRow';
import type { SnippetPart } from '../../shared/search/searchSnippet';
import { formatRelativeTime } from '../../shared/time/relativeTime';
import { HighlightedText } from './HighlightedText';
import { EntryTags } from './EntryTags';

interface EntryListItemProps {
  readonly row: EntryRow;
  readonly now: number;
  readonly selected: boolean;
  readonly onOpen: (id: EntryId) => void;
  /** When the list shows search results: the title and a snippet with the matches marked. */
  readonly match?: { readonly title: SnippetPart[]; readonly snippet: SnippetPart[] | null };
  /** Position and measuring, when the list draws only its visible rows. */
  readonly style?: CSSProperties;
  readonly measureRef?: (element: Element | null) => void;
  readonly index?: number;
}

/** What the shared mark says: shared, and when this device last met a colleague on it. */
function sharedMarkTitle(row: EntryRow, now: number): string {
  return row.lastMetAt ? `Shared · last in step with a colleague ${formatRelativeTime(row.lastMetAt, now)}` : 'Shared · not yet met a colleague';
}

export function EntryListItem({ row, now, selected, onOpen, match, style, measureRef, index }: EntryListItemProps) {
  const title = displayTitle(row);
  return (
    <li
      className={`pb-entry-item pb-kind-${row.kind}`}
      aria-current={selected ? 'true' : undefined}
      style={style}
      ref={measureRef}
      data-index={index}
    >
      <button type="button" className="pb-entry-open" onClick={() => onOpen(row.id)} data-entry-id={row.id}>
        <span className={`pb-entry-title${row.title.trim() ? '' : ' pb-untitled'}`}>
          {match ? <HighlightedText parts={match.title} /> : title}
        </span>
        {match?.snippet && (
          <span className="pb-snippet">
            <HighlightedText parts={match.snippet} />
          </span>
        )}
        <span className="pb-entry-meta">
          {row.awaitingPeer ? (
            <span className="pb-kind-badge pb-awaiting">Shared</span>
          ) : (
            <span className={`pb-kind-badge pb-kind-${row.kind}`}>{kindLabel(row.kind)}</span>
          )}
          {row.share && !row.awaitingPeer && (
            <span className="pb-shared-mark" title={sharedMarkTitle(row, now)} aria-label={sharedMarkTitle(row, now)}>
              ⇄
            </span>
          )}
          {row.progress && row.progress.total > 0 && (
            <span className="pb-progress" aria-label={`${formatProgress(row.progress)} done`}>
              {formatProgress(row.progress)}
            </span>
          )}
          <span className="pb-entry-time">{formatRelativeTime(row.updatedAt, now)}</span>
        </span>
        <EntryTags tags={row.tags} />
      </button>
    </li>
  );
}
