import type { EntryId } from '../../shared/entry/entryId';
import { displayTitle, formatProgress, kindLabel, type EntryRow } from '../../shared/library/entryRow';
import { formatRelativeTime } from '../../shared/time/relativeTime';

interface EntryListItemProps {
  readonly row: EntryRow;
  readonly now: number;
  readonly selected: boolean;
  readonly onOpen: (id: EntryId) => void;
}

export function EntryListItem({ row, now, selected, onOpen }: EntryListItemProps) {
  const title = displayTitle(row);
  return (
    <li className={`pb-entry-item pb-kind-${row.kind}`} aria-current={selected ? 'true' : undefined}>
      <button type="button" className="pb-entry-open" onClick={() => onOpen(row.id)} data-entry-id={row.id}>
        <span className={`pb-entry-title${row.title.trim() ? '' : ' pb-untitled'}`}>{title}</span>
        <span className="pb-entry-meta">
          {row.awaitingPeer ? (
            <span className="pb-kind-badge pb-awaiting">Shared</span>
          ) : (
            <span className={`pb-kind-badge pb-kind-${row.kind}`}>{kindLabel(row.kind)}</span>
          )}
          {row.share && !row.awaitingPeer && (
            <span className="pb-shared-mark" title="Shared by invite link" aria-label="Shared">
              ⇄
            </span>
          )}
          {row.progress && (
            <span className="pb-progress" aria-label={`${formatProgress(row.progress)} done`}>
              {formatProgress(row.progress)}
            </span>
          )}
          <span className="pb-entry-time">{formatRelativeTime(row.updatedAt, now)}</span>
        </span>
        {row.tags.length > 0 && (
          <span className="pb-entry-tags">
            {row.tags.map((tag) => (
              <span key={tag} className="pb-tag">
                #{tag}
              </span>
            ))}
          </span>
        )}
      </button>
    </li>
  );
}
