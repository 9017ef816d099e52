import { useState } from 'react';
import type { LostText } from '../journal/journalBackup';
import { ModalDialog } from './ModalDialog';
import { countOf } from '../../shared/locale/localeFormat';

interface BringBackTextDialogProps {
  readonly lost: readonly LostText[];
  readonly onBringBack: (chosen: readonly LostText[]) => void;
  readonly onClose: () => void;
}

/**
 * After Restore backup: a merge keeps every deletion made since the backup (it is the newer
 * change), so text a colleague or this device deleted stays deleted. For the entries whose text
 * the backup holds and the journal lost, this offers to bring it back, one entry at a time.
 */
export function BringBackTextDialog({ lost, onBringBack, onClose }: BringBackTextDialogProps) {
  const [chosen, setChosen] = useState<ReadonlySet<string>>(() => new Set(lost.map((entry) => entry.id)));
  const toggle = (id: string): void =>
    setChosen((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  return (
    <ModalDialog title="Bring back deleted text?" onClose={onClose}>
      <div className="pb-dialog-body">
        <p>
          The backup is restored. Text deleted after the backup was made stays deleted, because the deletion is the newer
          change. These entries have text in the backup that they no longer have:
        </p>
        <ul className="pb-lost-text" aria-label="Entries with deleted text">
          {lost.map((entry) => (
            <li key={entry.id}>
              <label>
                <input type="checkbox" checked={chosen.has(entry.id)} onChange={() => toggle(entry.id)} />
                {entry.title} ({countOf(entry.characters, { one: 'character', other: 'characters' })} deleted since)
              </label>
            </li>
          ))}
        </ul>
        <p className="pb-muted">
          Bringing it back makes each chosen entry’s title, tags and text what the backup holds, as a new change that colleagues
          sharing the entry receive too. What the entry holds now is saved in its History first.
        </p>
        <div className="pb-dialog-actions">
          <button type="button" className="pb-action" onClick={onClose}>
            Keep as they are
          </button>
          <button
            type="button"
            className="pb-action pb-primary"
            disabled={chosen.size === 0}
            onClick={() => onBringBack(lost.filter((entry) => chosen.has(entry.id)))}
          >
            Bring back text
          </button>
        </div>
      </div>
    </ModalDialog>
  );
}
