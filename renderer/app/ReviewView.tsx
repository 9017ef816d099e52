import { useEffect, useState } from 'react';
import type { EntryId } from '../../shared/entry/entryId';
import { displayTitle, type EntryRow } from '../../shared/library/entryRow';
import { lessonsDueToday, reviewOf, upcomingLessons } from '../../shared/review/reviewQueue';
import { answerReview, type ReviewGrade } from '../../shared/review/reviewSchedule';
import { daysBetween } from '../../shared/time/calendarDays';
import { formatRelativeTime } from '../../shared/time/relativeTime';
import { readLessonForReview } from '../journal/lessonNotes';
import type { Journal } from '../journal/journal';
import { countOf, formatDay, formatRelative } from '../../shared/locale/localeFormat';

const LESSONS = { one: 'lesson', other: 'lessons' } as const;

interface ReviewViewProps {
  readonly journal: Journal;
  readonly rows: readonly EntryRow[];
  readonly now: number;
  readonly onOpen: (id: EntryId) => void;
}

function dueIn(dueAt: number, now: number): string {
  const days = daysBetween(now, dueAt);
  if (days < 14) return formatRelative(Math.max(1, days), 'day');
  return `on ${formatDay(dueAt)}`;
}

/** The text of the lesson under review, read from its stored document. */
function useLessonText(journal: Journal, id: EntryId | null): string | null {
  const [text, setText] = useState<{ id: EntryId; text: string } | null>(null);
  useEffect(() => {
    if (!id) return;
    let cancelled = false;
    readLessonForReview(journal, id).then(
      (read) => !cancelled && setText({ id, text: read }),
      () => !cancelled && setText({ id, text: '' }),
    );
    return () => {
      cancelled = true;
    };
  }, [journal, id]);
  return text && text.id === id ? text.text : null;
}

/** The four grades, as the buttons name them (UI contract), in FSRS's order. */
const GRADE_BUTTONS: ReadonlyArray<{ grade: ReviewGrade; label: string; className: string }> = [
  { grade: 'again', label: 'Again', className: 'pb-action pb-review-again' },
  { grade: 'hard', label: 'Hard', className: 'pb-action' },
  { grade: 'good', label: 'Got it', className: 'pb-action pb-primary' },
  { grade: 'easy', label: 'Easy', className: 'pb-action' },
];

/**
 * Review: the lesson notes due today, one at a time, on this device's own FSRS schedule
 * (shared/review/reviewSchedule.ts). Each grade says how well the lesson was remembered, and each
 * button's tooltip says when that answer brings it back. The answer is kept in the lesson's
 * library row, which never leaves the device.
 */
export function ReviewView({ journal, rows, now, onOpen }: ReviewViewProps) {
  const due = lessonsDueToday(rows, now);
  const [done, setDone] = useState(0);
  const current = due[0] ?? null;
  const text = useLessonText(journal, current?.id ?? null);

  const answer = (row: EntryRow, grade: ReviewGrade): void => {
    journal.updateRow(row.id, { review: answerReview(reviewOf(row), grade, journal.now()) });
    setDone((count) => count + 1);
  };

  return (
    <section className="pb-learning pb-review" aria-labelledby="pb-review-heading">
      <h1 id="pb-review-heading">Review</h1>
      <p className="pb-muted">
        {current
          ? `${countOf(due.length, LESSONS)} to look at again today${done > 0 ? ` · ${done} done` : ''}.`
          : 'Lesson notes come back here on a spaced schedule, so what you learned sticks.'}
      </p>
      {current ? (
        <article className="pb-review-card" aria-label={`Lesson: ${displayTitle(current)}`}>
          <p className="pb-review-kicker">
            Written {formatRelativeTime(current.createdAt, now)}
            {reviewOf(current).lastReviewedAt !== null && ` · last reviewed ${formatRelativeTime(reviewOf(current).lastReviewedAt ?? now, now)}`}
          </p>
          <h2 className="pb-review-title">{displayTitle(current)}</h2>
          {current.tags.length > 0 && (
            <p className="pb-entry-tags">
              {current.tags.map((tag) => (
                <span key={tag} className="pb-tag">
                  #{tag}
                </span>
              ))}
            </p>
          )}
          <div className="pb-review-text" aria-busy={text === null}>
            {text === null ? null : text ? (
              text.split('\n').map((line, index) => <p key={index}>{line}</p>)
            ) : (
              <p className="pb-muted">This lesson has no text yet.</p>
            )}
          </div>
          <div className="pb-review-actions">
            <button type="button" className="pb-link-button" onClick={() => onOpen(current.id)}>
              Open lesson
            </button>
            <span className="pb-spacer" />
            {GRADE_BUTTONS.map(({ grade, label, className }) => (
              <button
                key={grade}
                type="button"
                className={className}
                onClick={() => answer(current, grade)}
                title={`Next review ${dueIn(answerReview(reviewOf(current), grade, now).dueAt, now)}`}
              >
                {label}
              </button>
            ))}
          </div>
        </article>
      ) : (
        <UpNext rows={rows} now={now} onOpen={onOpen} reviewedToday={done} />
      )}
    </section>
  );
}

function UpNext({ rows, now, onOpen, reviewedToday }: { rows: readonly EntryRow[]; now: number; onOpen: (id: EntryId) => void; reviewedToday: number }) {
  const upcoming = upcomingLessons(rows, now);
  return (
    <div className="pb-review-done">
      <p className="pb-review-done-title">{reviewedToday > 0 ? 'All done for today.' : 'Nothing to review today.'}</p>
      {upcoming.length > 0 ? (
        <>
          <h2>Coming up</h2>
          <ul className="pb-week-entries" aria-label="Coming up">
            {upcoming.map((row) => (
              <li key={row.id}>
                <button type="button" className="pb-link-button pb-week-entry-title" onClick={() => onOpen(row.id)}>
                  {displayTitle(row)}
                </button>
                <span className="pb-entry-meta">{dueIn(reviewOf(row).dueAt, now)}</span>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="pb-muted">Write a lesson note and it comes back here tomorrow.</p>
      )}
    </div>
  );
}
