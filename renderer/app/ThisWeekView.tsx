import { useMemo, useState } from 'react';
import type { EntryId } from '../../shared/entry/entryId';
import { summarizeWeek } from '../../shared/insights/weekSummary';
import { displayTitle, kindLabel, type EntryRow } from '../../shared/library/entryRow';
import { addDays } from '../../shared/time/calendarDays';
import { formatRelativeTime } from '../../shared/time/relativeTime';
import { startWeeklyLesson } from '../journal/lessonNotes';
import { YourOpenActions, type JournalRowsViewProps } from './YourOpenActions';
import { describeError } from '../../shared/errors/describeError';
import { StatFigures } from './StatFigures';

interface ThisWeekViewProps extends JournalRowsViewProps {
  readonly now: number;
}

function weekRange(start: number): string {
  const last = addDays(start, 6);
  const from = new Date(start);
  const to = new Date(last);
  const day = (date: Date, withMonth: boolean): string =>
    date.toLocaleDateString('en-GB', withMonth ? { day: 'numeric', month: 'long' } : { day: 'numeric' });
  return from.getMonth() === to.getMonth() ? `${day(from, false)} – ${day(to, true)}` : `${day(from, true)} – ${day(to, true)}`;
}

function plural(count: number, one: string, many: string): string {
  return count === 1 ? one : many;
}

function EntryLinks({ rows, onOpen, label, when }: { rows: readonly EntryRow[]; onOpen: (id: EntryId) => void; label: string; when: (row: EntryRow) => string }) {
  return (
    <ul className="pb-week-entries" aria-label={label}>
      {rows.map((row) => (
        <li key={row.id}>
          <button type="button" className="pb-link-button pb-week-entry-title" onClick={() => onOpen(row.id)}>
            {displayTitle(row)}
          </button>
          <span className="pb-entry-meta">
            <span className={`pb-kind-badge pb-kind-${row.kind}`}>{kindLabel(row.kind)}</span>
            {when(row) && <span>{when(row)}</span>}
            {row.activity && row.activity.contributors.length > 1 && <span>with {row.activity.contributors.join(', ')}</span>}
          </span>
        </li>
      ))}
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
  const [starting, setStarting] = useState(false);
  const figures: Array<{ value: number; label: string }> = [
    { value: week.written.length, label: plural(week.written.length, 'entry written', 'entries written') },
    { value: week.changed.length, label: plural(week.changed.length, 'entry changed', 'entries changed') },
    { value: week.lessonsWritten, label: plural(week.lessonsWritten, 'lesson note', 'lesson notes') },
    { value: week.checkItemsDone, label: plural(week.checkItemsDone, 'check item done', 'check items done') },
    { value: week.coWrittenDebriefs.length, label: plural(week.coWrittenDebriefs.length, 'debrief co-written', 'debriefs co-written') },
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
      <p className="pb-muted">{weekRange(week.weekStart)}</p>
      <StatFigures label="This week in figures" figures={figures} />

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
          <EntryLinks rows={week.written} onOpen={onOpen} label="Written this week" when={(row) => formatRelativeTime(row.createdAt, now)} />
        </section>
        <section aria-labelledby="pb-week-changed">
          <h2 id="pb-week-changed">Changed this week</h2>
          <EntryLinks rows={week.changed} onOpen={onOpen} label="Changed this week" when={(row) => `changed ${formatRelativeTime(row.updatedAt, now)}`} />
        </section>
        {week.coWrittenDebriefs.length > 0 && (
          <section aria-labelledby="pb-week-cowritten">
            <h2 id="pb-week-cowritten">Debriefs co-written</h2>
            <EntryLinks rows={week.coWrittenDebriefs} onOpen={onOpen} label="Debriefs co-written" when={() => ''} />
          </section>
        )}
        {week.thanks.length > 0 && (
          <section aria-labelledby="pb-week-thanks">
            <h2 id="pb-week-thanks">Thanked this week</h2>
            <ul className="pb-people" aria-label="Thanked this week">
              {week.thanks.map(({ name, count }) => (
                <li key={name} className="pb-person pb-thanked">
                  {name}
                  <span className="pb-thanks-count" aria-hidden="true">
                    {count}
                  </span>
                  <span className="pb-visually-hidden">, thanked {count === 1 ? 'once' : `${count} times`}</span>
                </li>
              ))}
            </ul>
          </section>
        )}
      </div>
    </section>
  );
}
