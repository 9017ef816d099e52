import { useId, useState } from 'react';
import type { EntryId } from '../../shared/entry/entryId';
import { displayTitle, kindLabel, type EntryRow } from '../../shared/library/entryRow';
import { ModalDialog } from './ModalDialog';
import { useListChoice } from './useListChoice';

interface QuickSwitcherProps {
  /** Entries matching what was typed, best first (recent entries for an empty query). */
  readonly find: (query: string) => EntryRow[];
  readonly onOpen: (id: EntryId) => void;
  readonly onClose: () => void;
}

/** Ctrl/Cmd+P: type a few letters of an entry, press Enter, and it is open. */
export function QuickSwitcher({ find, onOpen, onClose }: QuickSwitcherProps) {
  const [query, setQuery] = useState('');
  const listId = useId();
  const matches = find(query).slice(0, 10);
  const { index: active, setActive, restart, onKeyDown } = useListChoice(matches, (row) => onOpen(row.id));
  return (
    <ModalDialog title="Go to entry" onClose={onClose} className="pb-switcher">
      <div className="pb-dialog-body">
        <input
          type="search"
          aria-label="Go to entry"
          role="combobox"
          aria-expanded="true"
          aria-controls={listId}
          aria-activedescendant={matches[active] ? `${listId}-${active}` : undefined}
          placeholder="Type a title…"
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            restart();
          }}
          onKeyDown={onKeyDown}
        />
        <ul id={listId} role="listbox" aria-label="Matching entries" className="pb-switcher-list">
          {matches.map((row, index) => (
            <li
              key={row.id}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === active}
              className={index === active ? 'pb-switcher-active' : undefined}
              onMouseEnter={() => setActive(index)}
              onClick={() => onOpen(row.id)}
            >
              <span>{displayTitle(row)}</span>
              <span className={`pb-kind-badge pb-kind-${row.kind}`}>{kindLabel(row.kind)}</span>
            </li>
          ))}
          {matches.length === 0 && <li className="pb-muted">No entry matches.</li>}
        </ul>
      </div>
    </ModalDialog>
  );
}
