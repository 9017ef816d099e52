import { useState } from 'react';
import type { EntryId } from '../../shared/entry/entryId';
import { displayTitle, kindLabel, type EntryRow } from '../../shared/library/entryRow';
import { ChoiceList } from './ChoiceList';
import { ModalDialog } from './ModalDialog';

interface QuickSwitcherProps {
  /** Entries matching what was typed, best first (recent entries for an empty query). */
  readonly find: (query: string) => EntryRow[];
  readonly onOpen: (id: EntryId) => void;
  readonly onClose: () => void;
}

/** Ctrl/Cmd+P: type a few letters of an entry, press Enter, and it is open. */
export function QuickSwitcher({ find, onOpen, onClose }: QuickSwitcherProps) {
  const [query, setQuery] = useState('');
  return (
    <ModalDialog title="Go to entry" onClose={onClose} className="pb-switcher">
      <ChoiceList
        input={{ type: 'search', 'aria-label': 'Go to entry', role: 'combobox', 'aria-expanded': true, placeholder: 'Type a title…' }}
        typed={query}
        onType={setQuery}
        listLabel="Matching entries"
        matches={find(query).slice(0, 10)}
        keyOf={(row) => row.id}
        renderOption={(row) => (
          <>
            <span>{displayTitle(row)}</span>
            <span className={`pb-kind-badge pb-kind-${row.kind}`}>{kindLabel(row.kind)}</span>
          </>
        )}
        noMatch="No entry matches."
        onChoose={(row) => onOpen(row.id)}
      />
    </ModalDialog>
  );
}
