import { countOpenActions } from '../../shared/entry/debriefActions';
import type { DebriefAction } from '../../shared/library/entryActivity';
import { countOf } from '../../shared/locale/localeFormat';

const ACTIONS = { one: 'action', other: 'actions' } as const;

/** "2 open actions" in a debrief's header: its actions not yet ticked, whoever owns them. */
export function OpenActionsCount({ actions }: { readonly actions: readonly DebriefAction[] | undefined }) {
  if (!actions || actions.length === 0) return null;
  const open = countOpenActions(actions);
  return (
    <span className="pb-open-actions-count" title={`${open} of ${countOf(actions.length, ACTIONS)} not done yet`}>
      {open} open {open === 1 ? 'action' : 'actions'}
    </span>
  );
}
