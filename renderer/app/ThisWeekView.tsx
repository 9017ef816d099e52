import { useMemo, useState } from 'react';
import type { EntryId } from '../../shared/entry/entryId';
import { collaboratorsOf, FIGURE_LABELS } from '../../shared/insights/journalFigures';
import { summarizeWeek } from '../../shared/insights/weekSummary';
import { displayTitle, kindLabel, type EntryRow } from '../../shared/library/entryRow';
import { formatDayRange } from '../../shared/locale/localeFormat';
import { addDays } from '../../shared/time/calendarDays';
import { formatRelativeTime } from '../../shared/time/relativeTime';
import { startWeeklyLesson } from '../journal/lessonNotes';
import type { Journal } from '../journal/journal';
import { ThankedPerson } from './EntryCredits';
import { FigureList } from './FigureList';
import { YourOpenActions } from './YourOpenActions';
import { describeError } from '../../shared/errors/describeError';

interface ThisWeekViewProps {
  readonly journal: Journal;
  readonly rows: readonly EntryRow[];
  readonly now: number;
  readonly onOpen: (id: EntryId) => void;
  readonly onError: (message: string) => void;
}

interface EntryLinksProps {
  readonly rows: readonly EntryRow[];
  readonly onOpen: (id: EntryId) => void;
  readonly label: string;
  readonly when: (row: EntryRow) => string;
  /** The user's name: they are not listed among the people an entry was written with. */
  readonly you: string;
}

function EntryLinks({ rows, onOpen, label, when, you }: EntryLinksProps) {
  return (
    <ul className="pb-week-entries" aria-label={label}>
      {rows.map((row) => {
        const others = collaboratorsOf(row, you);
        return (
        <li key={row.id}>
          <button type="button" className="pb-link-button pb-week-entry-title" onClick={() => onOpen(row.id)}>
            {displayTitle(row)}
          </button>
          <span className="pb-entry-meta">
            <span className={`pb-kind-badge pb-kind-${row.kind}`}>{kindLabel(row.kind)}</span>
            {when(row) && <span>{when(row)}</span>}
            {others.length > 0 && <span>with {others.join(', ')}</span>}
          </span>
        </li>
        );
      })}
      {rows.length === 0 && <li className="pb-muted">Nothing yet.</li>}
    </ul>
  );
}

/**
 * This week: what the journal holds of the current week (written, changed, check items done,
 * debriefs co-written, who was thanked), the weekly prompt that starts a lesson note, and the
 * debrief actions that are yours and still open.
 */
export function ThisWeekView({ journal, rows, now, onOpen, onError }: ThisWeekViewProps) {
  const week = useMemo(() => summarizeWeek(rows, now), [rows, now]);
  const you = journal.personName();
  const [starting, setStarting] = useState(false);
  const figures = [
    { label: FIGURE_LABELS.entriesWritten, count: week.written.length },
    { label: FIGURE_LABELS.entriesChanged, count: week.changed.length },
    { label: FIGURE_LABELS.lessonNotes, count: week.lessonsWritten },
    { label: FIGURE_LABELS.checkItemsDone, count: week.checkItemsDone },
    { label: FIGURE_LABELS.debriefsCoWritten, count: week.coWrittenDebriefs.length },
  ];
  const startLesson = (): void => {
    setStarting(true);
    startWeeklyLesson(journal, [...week.written, ...week.changed]).then(onOpen, (cause: unknown) => {
      setStarting(false);
      onError(`Could not start the lesson note: ${describeError(cause)}`);
    });
  };
  return (
    <section className="pb-learning pb-this-week" aria-labelledby="pb-week-heading">
      <h1 id="pb-week-heading">This week</h1>
      <p className="pb-muted">{formatDayRange(week.weekStart, addDays(week.weekStart, 6))}</p>
      <FigureList name="This week in figures" figures={figures} />

      <div className="pb-prompt">
        <div>
          <p className="pb-prompt-question">What did we learn this week?</p>
          <p className="pb-muted">A lesson note for the week, linked to what you wrote and changed.</p>
        </div>
        <button type="button" className="pb-action pb-primary" onClick={startLesson} disabled={starting}>
          Write this week’s lesson
        </button>
      </div>

      <YourOpenActions journal={journal} rows={rows} owner={journal.personName()} onOpen={onOpen} onError={onError} />

      <div className="pb-week-columns">
        <section aria-labelledby="pb-week-written">
          <h2 id="pb-week-written">Written this week</h2>
          <EntryLinks rows={week.written} onOpen={onOpen} label="Written this week" when={(row) => formatRelativeTime(row.createdAt, now)} you={you} />
        </section>
        <section aria-labelledby="pb-week-changed">
          <h2 id="pb-week-changed">Changed this week</h2>
          <EntryLinks rows={week.changed} onOpen={onOpen} label="Changed this week" when={(row) => `changed ${formatRelativeTime(row.updatedAt, now)}`} you={you} />
        </section>
        {week.coWrittenDebriefs.length > 0 && (
          <section aria-labelledby="pb-week-cowritten">
            <h2 id="pb-week-cowritten">Debriefs co-written</h2>
            <EntryLinks rows={week.coWrittenDebriefs} onOpen={onOpen} label="Debriefs co-written" when={() => ''} you={you} />
          </section>
        )}
        {week.thanks.length > 0 && (
          <section aria-labelledby="pb-week-thanks">
            <h2 id="pb-week-thanks">Thanked this week</h2>
            <p className="pb-muted">In the Knowledge exchanges of the debriefs written or changed this week.</p>
            <ul className="pb-people" aria-label="Thanked this week">
              {week.thanks.map(({ name, count }) => (
                <ThankedPerson key={name} name={name} count={count} />
              ))}
            </ul>
          </section>
        )}
      </div>
    </section>
  );
}
