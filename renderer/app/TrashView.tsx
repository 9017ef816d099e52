import type { EntryId } from '../../shared/entry/entryId';
import { displayTitle, kindLabel, type EntryRow } from '../../shared/library/entryRow';
import { formatRelativeTime } from '../../shared/time/relativeTime';

interface TrashViewProps {
  readonly rows: readonly EntryRow[];
  readonly now: number;
  readonly onRestore: (id: EntryId) => void;
  readonly onDeleteForever: (id: EntryId) => void;
}

export function TrashView({ rows, now, onRestore, onDeleteForever }: TrashViewProps) {
  return (
    <section className="pb-trash" aria-labelledby="pb-trash-heading">
      <h1 id="pb-trash-heading">Trash</h1>
      <p className="pb-muted">Deleted entries stay here until you delete them forever.</p>
      {rows.length === 0 ? (
        <p className="pb-empty-note">The trash is empty.</p>
      ) : (
        <ul className="pb-trash-list" aria-label="Deleted entries">
          {rows.map((row) => (
            <li key={row.id} className="pb-trash-item">
              <span className="pb-trash-title">{displayTitle(row)}</span>
              <span className={`pb-kind-badge pb-kind-${row.kind}`}>{kindLabel(row.kind)}</span>
              <span className="pb-entry-time">Deleted {formatRelativeTime(row.trashedAt ?? now, now)}</span>
              <span className="pb-spacer" />
              <button type="button" className="pb-action" onClick={() => onRestore(row.id)}>
                Restore
              </button>
              <button type="button" className="pb-action pb-danger" onClick={() => onDeleteForever(row.id)}>
                Delete forever
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
