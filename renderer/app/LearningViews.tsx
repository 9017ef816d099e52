import { lazy, Suspense, useId, useMemo, type ReactNode } from 'react';
import type { EntryId } from '../../shared/entry/entryId';
import type { EntryRow } from '../../shared/library/entryRow';
import { countOf } from '../../shared/locale/localeFormat';
import { lessonsDueToday } from '../../shared/review/reviewQueue';
import type { Journal } from '../journal/journal';
import { ReviewView } from './ReviewView';
import { ThisWeekView } from './ThisWeekView';

// The charting library is loaded when Insights is first opened, not at start.
const InsightsView = lazy(() => import('./InsightsView'));

export type LearningViewName = 'this-week' | 'review' | 'insights';

interface LearningNavProps {
  readonly rows: readonly EntryRow[];
  readonly now: number;
  readonly view: LearningViewName | null;
  readonly onShow: (view: LearningViewName) => void;
}

export function dueCountLabel(count: number): string {
  return count === 0 ? 'No lessons due today' : `${countOf(count, { one: 'lesson', other: 'lessons' })} due today`;
}

/**
 * The sidebar's way into the peer-learning loop: This week, Review (with the number of lessons
 * due today beside it, in its own element, so the button's name stays `Review`) and Insights.
 */
export function LearningNav({ rows, now, view, onShow }: LearningNavProps) {
  // Counted again only when the rows or the day change: typing a search redraws the sidebar.
  const due = useMemo(() => lessonsDueToday(rows, now).length, [rows, now]);
  const dueId = useId();
  const item = (name: LearningViewName, label: string, extra?: ReactNode) => (
    <div className={`pb-nav-item${view === name ? ' pb-nav-item-current' : ''}`}>
      <button
        type="button"
        className="pb-nav-button"
        aria-pressed={view === name}
        aria-describedby={extra ? dueId : undefined}
        onClick={() => onShow(name)}
      >
        {label}
      </button>
      {extra}
    </div>
  );
  return (
    <div className="pb-learning-nav" role="group" aria-label="Learning">
      {item('this-week', 'This week')}
      {item(
        'review',
        'Review',
        <span id={dueId} className={`pb-due-count${due === 0 ? ' pb-due-none' : ''}`} title={dueCountLabel(due)}>
          <span aria-hidden="true">{due > 0 ? due : ''}</span>
          <span className="pb-visually-hidden">{dueCountLabel(due)}</span>
        </span>,
      )}
      {item('insights', 'Insights')}
    </div>
  );
}

interface LearningViewProps {
  readonly view: LearningViewName;
  readonly journal: Journal;
  readonly rows: readonly EntryRow[];
  readonly now: number;
  readonly onOpen: (id: EntryId) => void;
  readonly onError: (message: string) => void;
}

/** The main pane for This week, Review or Insights. */
export function LearningView({ view, journal, rows, now, onOpen, onError }: LearningViewProps) {
  if (view === 'this-week') return <ThisWeekView journal={journal} rows={rows} now={now} onOpen={onOpen} onError={onError} />;
  if (view === 'review') return <ReviewView journal={journal} rows={rows} now={now} onOpen={onOpen} />;
  return (
    <Suspense
      fallback={
        <p className="pb-creating pb-muted" aria-busy="true">
          Drawing your insights…
        </p>
      }
    >
      <InsightsView rows={rows} now={now} you={journal.personName()} />
    </Suspense>
  );
}
