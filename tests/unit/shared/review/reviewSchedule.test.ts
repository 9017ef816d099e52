import { describe, expect, it } from 'vitest';
import { parseEntryId } from '../../../../shared/entry/entryId';
import type { EntryRow } from '../../../../shared/library/entryRow';
import { lessonsDueToday, reviewOf, upcomingLessons } from '../../../../shared/review/reviewQueue';
import {
  answerReview,
  initialReview,
  intervalDays,
  isDueToday,
  REVIEW_INTERVAL_DAYS,
} from '../../../../shared/review/reviewSchedule';
import { parseReviewState } from '../../../../shared/review/reviewState';
import { addDays } from '../../../../shared/time/calendarDays';

// Local wall-clock times: reviews fall due on the user's own calendar days.
const mondayMorning = new Date(2026, 2, 2, 9, 30).getTime();
const day = (offset: number, hour = 9): number => addDays(new Date(2026, 2, 2, hour).getTime(), offset);
const midnight = (offset: number): number => addDays(new Date(2026, 2, 2).getTime(), offset);

describe('the spaced review schedule', () => {
  it('climbs 1, 3, 7, 16, 35 days, then keeps doubling up to a year', () => {
    expect(REVIEW_INTERVAL_DAYS).toEqual([1, 3, 7, 16, 35]);
    expect([0, 1, 2, 3, 4, 5, 6, 20].map(intervalDays)).toEqual([1, 3, 7, 16, 35, 70, 140, 365]);
  });

  it('brings a new lesson back the next morning', () => {
    const review = initialReview(mondayMorning);
    expect(review).toEqual({ step: 0, dueAt: midnight(1), reviews: 0, lapses: 0, lastReviewedAt: null });
    expect(isDueToday(review, day(0, 23))).toBe(false);
    expect(isDueToday(review, day(1, 0))).toBe(true);
  });

  it('Got it pushes each next review further out', () => {
    let review = initialReview(mondayMorning);
    const dueDays: number[] = [];
    let now = day(1);
    for (let answer = 0; answer < 5; answer++) {
      review = answerReview(review, 'got-it', now);
      dueDays.push(Math.round((review.dueAt - midnight(0)) / 86_400_000));
      now = addDays(review.dueAt, 0) + 10 * 3_600_000; // reviewed on the day it falls due
    }
    // Reviewed on day 1, then each time on the day it came back: +3, +7, +16, +35, +70.
    expect(dueDays).toEqual([4, 11, 27, 62, 132]);
    expect(review).toMatchObject({ step: 5, reviews: 5, lapses: 0 });
  });

  it('Got it moves a lesson due today out of today; Again brings it back tomorrow and starts the climb again', () => {
    const climbed = answerReview(answerReview(initialReview(mondayMorning), 'got-it', day(1)), 'got-it', day(4));
    expect(climbed.step).toBe(2);
    const lapsed = answerReview(climbed, 'again', day(11));
    expect(lapsed).toMatchObject({ step: 0, dueAt: midnight(12), reviews: 3, lapses: 1, lastReviewedAt: day(11) });
    expect(isDueToday(lapsed, day(11, 22))).toBe(false);
    expect(isDueToday(lapsed, day(12, 8))).toBe(true);
    expect(answerReview(lapsed, 'got-it', day(12)).dueAt).toBe(midnight(15));
  });

  it('counts an overdue lesson as due today', () => {
    expect(isDueToday(initialReview(mondayMorning), day(40))).toBe(true);
  });

  it('reads stored review state, and refuses a broken one', () => {
    const stored = { step: 2, dueAt: midnight(5), reviews: 3, lapses: 1, lastReviewedAt: day(1) };
    expect(parseReviewState(stored)).toEqual(stored);
    expect(parseReviewState({ step: 1, dueAt: midnight(2) })).toEqual({ step: 1, dueAt: midnight(2), reviews: 0, lapses: 0, lastReviewedAt: null });
    for (const broken of [null, 'soon', { step: -1, dueAt: 1 }, { step: 1.5, dueAt: 1 }, { step: 1, dueAt: Number.NaN }, { step: 99, dueAt: 1 }]) {
      expect(parseReviewState(broken), JSON.stringify(broken)).toBeNull();
    }
  });
});

function row(id: string, patch: Partial<EntryRow> = {}): EntryRow {
  return {
    id: parseEntryId(`e-${id.padEnd(10, '0')}`) ?? (() => { throw new Error(id); })(),
    kind: 'lesson',
    title: id,
    tags: [],
    createdAt: mondayMorning,
    updatedAt: mondayMorning,
    progress: null,
    trashedAt: null,
    share: null,
    awaitingPeer: false,
    ...patch,
  };
}

describe('what Review shows today', () => {
  it('lists the lesson notes due today, overdue first, and leaves out other kinds, the trash and entries still awaited', () => {
    const rows = [
      row('fresh', { createdAt: day(3) }),
      row('older', { createdAt: day(-5) }),
      row('pushed', { review: answerReview(initialReview(mondayMorning), 'got-it', day(1)) }),
      row('due', {}),
      row('binned', { trashedAt: day(1) }),
      row('awaited', { awaitingPeer: true }),
      row('debrief', { kind: 'debrief' }),
    ];
    const today = day(3, 12);
    expect(lessonsDueToday(rows, today).map((lesson) => lesson.title)).toEqual(['older', 'due']);
    expect(upcomingLessons(rows, today).map((lesson) => lesson.title)).toEqual(['pushed', 'fresh']);
    expect(reviewOf(rows[2] as EntryRow).step).toBe(1);
  });
});
