import { useEffect, useMemo, useState } from 'react';
import type { EntryId } from '../../shared/entry/entryId';
import { actionsOwnedBy, type OwnedAction } from '../../shared/insights/openActions';
import { displayTitle, type EntryRow } from '../../shared/library/entryRow';
import { readActionsOfOlderDebriefs, setActionDone } from '../journal/debriefActions';
import type { Journal } from '../journal/journal';
import { loadAppSettings } from './appSettings';
import { contributorId } from './contributorIdentity';
import { describeError } from '../../shared/errors/describeError';

/** What a view drawn from the library's rows is given: the journal, its rows, and where to go. */
export interface JournalRowsViewProps {
  readonly journal: Journal;
  readonly rows: readonly EntryRow[];
  readonly onOpen: (id: EntryId) => void;
  readonly onError: (message: string) => void;
}

interface YourOpenActionsProps extends JournalRowsViewProps {
  /** The user's own name (Settings): actions that mention it are theirs. */
  readonly owner: string;
}

function keyOf({ debrief, action, index }: OwnedAction): string {
  return `${debrief.id}\n${index}\n${action.text}`;
}

/**
 * Your open actions: every unticked action that mentions you, in any debrief on this device
 * (shared ones included: background sync keeps their rows in step), read from the library rows.
 * Ticking one ticks it in the debrief itself, for every peer. An action ticked here stays listed,
 * ticked, until This week is left, so a slip of the hand can be taken back.
 */
export function YourOpenActions({ journal, rows, owner, onOpen, onError }: YourOpenActionsProps) {
  const owned = useMemo(() => actionsOwnedBy(rows, owner), [rows, owner]);
  const [tickedHere, setTickedHere] = useState<ReadonlyMap<string, boolean>>(new Map());
  useEffect(() => void readActionsOfOlderDebriefs(journal), [journal]);
  const shown = owned.filter((item) => !item.action.done || tickedHere.has(keyOf(item)));

  const tick = (item: OwnedAction, done: boolean): void => {
    const key = keyOf(item);
    setTickedHere((ticked) => new Map(ticked).set(key, done));
    const { name, color } = loadAppSettings();
    setActionDone(journal, item.debrief.id, { index: item.index, text: item.action.text }, done, { id: contributorId(), name, color }).then(
      (found) => {
        if (found) return;
        setTickedHere((ticked) => new Map(ticked).set(key, item.action.done));
        onError(`“${item.action.text}” has changed in ${displayTitle(item.debrief)}; open the debrief to tick it there.`);
      },
      (cause: unknown) => onError(`Could not tick the action: ${describeError(cause)}`),
    );
  };

  return (
    <section className="pb-open-actions" aria-labelledby="pb-week-actions">
      <h2 id="pb-week-actions">Your open actions</h2>
      <ul className="pb-action-items" aria-label="Your open actions">
        {shown.map((item) => {
          const key = keyOf(item);
          const done = tickedHere.get(key) ?? item.action.done;
          return (
            <li key={key} className={done ? 'pb-action-done' : undefined}>
              <label className="pb-action-item">
                <input type="checkbox" checked={done} onChange={(event) => tick(item, event.target.checked)} />
                <span>{item.action.text}</span>
              </label>
              <button type="button" className="pb-link-button pb-action-debrief" onClick={() => onOpen(item.debrief.id)}>
                {displayTitle(item.debrief)}
              </button>
            </li>
          );
        })}
        {shown.length === 0 && <li className="pb-muted">Nothing open. An action in a debrief that mentions you (@{owner}) appears here.</li>}
      </ul>
    </section>
  );
}
