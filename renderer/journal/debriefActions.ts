import { recordContributor, type Contributor } from '../../shared/entry/contributors';
import type { EntryId } from '../../shared/entry/entryId';
import { setDebriefActionDone, type ActionRef } from '../editor/debriefActionWriter';
import type { Journal } from './journal';

/**
 * Ticks or unticks an action of a debrief from outside it (This week's "Your open actions"):
 * written into the debrief's document, which is opened for the purpose if no one holds it, so the
 * tick is in the debrief, its row follows by derivation, and every peer receives it. Ticking is
 * editing: this device becomes a contributor, as in the editor. Resolves to false when the
 * debrief no longer has the action.
 */
export function setActionDone(journal: Journal, debrief: EntryId, action: ActionRef, done: boolean, me: Contributor): Promise<boolean> {
  return journal.entries.use(debrief, ({ doc }) => {
    const found = setDebriefActionDone(doc, action, done, { name: me.name, at: journal.now() });
    if (found) recordContributor(doc, me);
    return found;
  });
}

const triedThisSession = new WeakMap<Journal, Set<EntryId>>();

/**
 * Debriefs whose rows were derived before actions were recorded have none listed until their
 * document is next read. Opening one is enough (the journal derives a row that lacks them on
 * load), so this opens each such debrief once, one at a time, when the user first looks for
 * their actions; rows keep what was derived, so later sessions skip them.
 */
export async function readActionsOfOlderDebriefs(journal: Journal): Promise<void> {
  const tried = triedThisSession.get(journal) ?? new Set<EntryId>();
  triedThisSession.set(journal, tried);
  const lacking = journal
    .rows()
    .filter((row) => row.kind === 'debrief' && row.trashedAt === null && !row.awaitingPeer && row.activity?.actions === undefined && !tried.has(row.id));
  for (const row of lacking) {
    tried.add(row.id);
    await journal.entries.use(row.id, () => undefined).catch((cause: unknown) => console.warn(`[actions] could not read debrief ${row.id}`, cause));
  }
}
