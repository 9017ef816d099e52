import { isSamePerson } from '../entry/debriefActions';
import type { DebriefAction } from '../library/entryActivity';
import type { EntryRow } from '../library/entryRow';
import { isLiveEntry } from './journalFigures';

/** An action of one person's, with the debrief it is in and its place among that debrief's actions. */
export interface OwnedAction {
  readonly debrief: EntryRow;
  readonly action: DebriefAction;
  /** Its index among the debrief's actions (the writer finds it there, checking the text). */
  readonly index: number;
}

/** Every action `owner` owns in the debriefs on this device, done or not, latest debrief first. */
export function actionsOwnedBy(rows: readonly EntryRow[], owner: string): OwnedAction[] {
  return rows
    .filter((row) => row.kind === 'debrief' && isLiveEntry(row))
    .sort((a, b) => b.updatedAt - a.updatedAt)
    .flatMap((debrief) =>
      (debrief.activity?.actions ?? []).flatMap((action, index) =>
        action.owners.some((name) => isSamePerson(name, owner)) ? [{ debrief, action, index }] : [],
      ),
    );
}
