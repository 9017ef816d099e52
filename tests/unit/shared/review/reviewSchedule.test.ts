import { generatorParameters } from 'ts-fsrs';
import { afterEach, describe, expect, it } from 'vitest';
import { parseEntryRow, type EntryRow } from '../../../../shared/library/entryRow';
import { MAX_INTERVAL_DAYS, REVIEW_PARAMETERS, type ReviewGrade } from '../../../../shared/review/fsrsScheduler';
import { lessonsDueToday, reviewOf, upcomingLessons } from '../../../../shared/review/reviewQueue';
import { answerReview, initialReview, isDueToday } from '../../../../shared/review/reviewSchedule';
import { parseReviewState, type ReviewState } from '../../../../shared/review/reviewState';
import { addDays, daysBetween } from '../../../../shared/time/calendarDays';
import { entryRow } from '../../support/entryRows';

// Local wall-clock times: reviews fall due on the user's own calendar days.
const mondayMorning = new Date(2026, 2, 2, 9, 30).getTime();
const day = (offset: number, hour = 9): number => addDays(new Date(2026, 2, 2, hour).getTime(), offset);
const midnight = (offset: number): number => addDays(new Date(2026, 2, 2).getTime(), offset);

const originalTimeZone = process.env.TZ;
afterEach(() => {
  if (originalTimeZone === undefined) delete process.env.TZ;
  else process.env.TZ = originalTimeZone;
});

/** Reviews a new lesson with each grade in turn, each time on the day it fell due. */
function replay(grades: readonly ReviewGrade[], firstReview: Date, parameters = REVIEW_PARAMETERS) {
  let review = initialReview(addDays(firstReview.getTime(), -1));
  let now = firstReview.getTime();
  const intervals: number[] = [];
  const stability: number[] = [];
  const difficulty: number[] = [];
  for (const grade of grades) {
    review = answerReview(review, grade, now, parameters);
    intervals.push(daysBetween(now, review.dueAt));
    stability.push(review.memory?.stability ?? Number.NaN);
    difficulty.push(review.memory?.difficulty ?? Number.NaN);
    // On the day it comes back, at the same time of day.
    now = new Date(review.dueAt).setHours(new Date(now).getHours(), new Date(now).getMinutes());
  }
  return { review, intervals, stability, difficulty };
}

describe('review on FSRS (ts-fsrs)', () => {
  // ts-fsrs's own long-term scheduler test (__tests__/impl/long-term_scheduler.test.ts, 5.4):
  // its weights, each review on the day the card fell due, and the figures it expects.
  const tsFsrsTestParameters = generatorParameters({
    w: [0.4197, 1.1869, 3.0412, 15.2441, 7.1434, 0.6477, 1.0007, 0.0674, 1.6597, 0.1712, 1.1178, 2.0225, 0.0904, 0.3025, 2.1214, 0.2498, 2.9466, 0.4891, 0.6468],
    enable_short_term: false,
  });
  const history: ReviewGrade[] = ['again', 'hard', 'good', 'easy', 'again', 'hard', 'good', 'easy'];
  const expected = {
    intervals: [1, 2, 6, 41, 4, 7, 21, 133],
    stability: [0.4197, 1.0344317, 5.5356759, 41.0033667, 4.46605519, 6.67743292, 20.88868155, 132.81849454],
    difficulty: [7.1434, 7.03653841, 6.64066485, 5.92312772, 6.44779861, 6.45995078, 6.10293922, 5.36588547],
  };

  for (const zone of ['UTC', 'Europe/Berlin', 'America/New_York']) {
    it(`gives ts-fsrs's own intervals and memory for a fixed history, on local calendar days (${zone})`, () => {
      process.env.TZ = zone;
      // Starting a week before daylight saving begins in both zones with a clock change.
      const { review, intervals, stability, difficulty } = replay(history, new Date(2026, 2, 1, 12, 30), tsFsrsTestParameters);
      expect(intervals).toEqual(expected.intervals);
      stability.forEach((value, index) => expect(value).toBeCloseTo(expected.stability[index] ?? 0, 6));
      difficulty.forEach((value, index) => expect(value).toBeCloseTo(expected.difficulty[index] ?? 0, 6));
      expect(review).toMatchObject({ reviews: 8, lapses: 1 });
      expect(review.history.map((record) => record.grade)).toEqual(history);
    });
  }

  it('brings a new lesson back the next morning', () => {
    const review = initialReview(mondayMorning);
    expect(review).toEqual({ dueAt: midnight(1), memory: null, reviews: 0, lapses: 0, lastReviewedAt: null, history: [] });
    expect(isDueToday(review, day(0, 23))).toBe(false);
    expect(isDueToday(review, day(1, 0))).toBe(true);
  });

  it('puts Easy further out than Got it, Got it further than Hard, and Again soonest: tomorrow', () => {
    const fresh = initialReview(mondayMorning);
    const dueIn = (grade: ReviewGrade) => daysBetween(day(1), answerReview(fresh, grade, day(1)).dueAt);
    const [again, hard, good, easy] = (['again', 'hard', 'good', 'easy'] as const).map(dueIn);
    expect(again).toBe(1);
    expect(again).toBeLessThan(hard ?? 0);
    expect(hard).toBeLessThan(good ?? 0);
    expect(good).toBeLessThan(easy ?? 0);

    // A lesson remembered again and again comes back further out each time, up to about a year
    // (at the cap, ts-fsrs keeps Got it a day beyond Hard's 365).
    const { intervals } = replay(Array<ReviewGrade>(12).fill('good'), new Date(day(1)));
    expect(intervals.slice(0, 4)).toEqual([3, 14, 57, 196]);
    intervals.slice(1).forEach((interval, index) => expect(interval).toBeGreaterThanOrEqual(intervals[index] ?? 0));
    expect(intervals.at(-1)).toBe(MAX_INTERVAL_DAYS + 1);
  });

  it('moves a lesson answered today out of today, and counts an overdue lesson as due', () => {
    const answered = answerReview(initialReview(mondayMorning), 'again', day(1, 22));
    expect(answered).toMatchObject({ dueAt: midnight(2), reviews: 1, lapses: 0, lastReviewedAt: day(1, 22) });
    expect(isDueToday(answered, day(1, 23))).toBe(false);
    expect(isDueToday(answered, day(2, 0))).toBe(true);
    expect(isDueToday(initialReview(mondayMorning), day(40))).toBe(true);
  });
});

describe('review states the fixed ladder wrote', () => {
  const ladder = (step: number, dueAt: number, reviews: number, lapses: number, lastReviewedAt: number | null) => ({ step, dueAt, reviews, lapses, lastReviewedAt });

  it('keep their due dates, and become FSRS memories whose stability is the interval they were on', () => {
    // Climbed to the 7-day rung: reviewed on day 11, due on day 18.
    const climbed = parseReviewState(ladder(2, midnight(18), 3, 1, day(11)));
    expect(climbed).toMatchObject({ dueAt: midnight(18), reviews: 3, lapses: 1, lastReviewedAt: day(11), history: [{ at: day(11), grade: 'good' }] });
    expect(climbed?.memory?.stability).toBe(7);
    // A lesson that lapsed more often starts as harder.
    const neverLapsed = parseReviewState(ladder(2, midnight(18), 3, 0, day(11)));
    expect(neverLapsed?.memory?.difficulty).toBeLessThan(climbed?.memory?.difficulty ?? 0);

    // Last answered Again (back on the first rung): due tomorrow, and that review was forgotten.
    expect(parseReviewState(ladder(0, midnight(12), 4, 2, day(11)))).toMatchObject({
      dueAt: midnight(12),
      memory: { stability: 1 },
      history: [{ at: day(11), grade: 'again' }],
    });
    // Never reviewed: still new to FSRS, due when the ladder said.
    expect(parseReviewState(ladder(0, midnight(1), 0, 0, null))).toEqual({ dueAt: midnight(1), memory: null, reviews: 0, lapses: 0, lastReviewedAt: null, history: [] });
  });

  it('are due on the same day as before, in the library, and FSRS schedules their next review', () => {
    const stored = {
      id: 'e-ladder0000',
      kind: 'lesson',
      title: 'Roll back first',
      tags: [],
      createdAt: day(-20),
      updatedAt: day(-20),
      review: ladder(3, midnight(5), 4, 0, day(-11)),
    };
    const row = parseEntryRow(stored);
    expect(row?.review?.dueAt).toBe(midnight(5));
    expect(lessonsDueToday(row ? [row] : [], day(4, 23))).toEqual([]);
    expect(lessonsDueToday(row ? [row] : [], day(5)).map((lesson) => lesson.title)).toEqual(['Roll back first']);

    // Remembered on the day it fell due: 16 days after its last review, FSRS sends it further out
    // than the 16 days it held; forgotten, it comes back within days.
    const migrated = reviewOf(row as EntryRow);
    expect(daysBetween(day(5), answerReview(migrated, 'good', day(5)).dueAt)).toBeGreaterThan(16);
    const forgotten = answerReview(migrated, 'again', day(5));
    expect(daysBetween(day(5), forgotten.dueAt)).toBeLessThan(7);
    expect(forgotten).toMatchObject({ reviews: 5, lapses: 1 });
  });

  it('are read back as written once reviewed on FSRS, and broken ones are refused', () => {
    const reviewed: ReviewState = answerReview(answerReview(initialReview(mondayMorning), 'good', day(1)), 'easy', day(3));
    expect(parseReviewState(JSON.parse(JSON.stringify(reviewed)))).toEqual(reviewed);
    expect(parseReviewState({ ...reviewed, history: [{ at: day(1), grade: 'meh' }, 'x', { at: day(3), grade: 'easy' }] })?.history).toEqual([{ at: day(3), grade: 'easy' }]);
    // A memory without the day it was last reviewed cannot be scheduled: the lesson starts anew.
    expect(parseReviewState({ ...reviewed, lastReviewedAt: null })).toMatchObject({ memory: null, reviews: 0, dueAt: reviewed.dueAt });
    for (const broken of [
      null,
      'soon',
      { step: -1, dueAt: 1 },
      { step: 1.5, dueAt: 1 },
      { step: 1, dueAt: Number.NaN },
      { step: 99, dueAt: 1 },
      { memory: null },
      { ...reviewed, dueAt: -5 },
    ]) {
      expect(parseReviewState(broken), JSON.stringify(broken)).toBeNull();
    }
    expect(parseReviewState({ ...reviewed, memory: { stability: -1, difficulty: 5 } })?.memory).toBeNull();
    expect(parseReviewState({ ...reviewed, memory: { stability: 3, difficulty: 11 } })?.memory).toBeNull();
  });
});

function row(id: string, patch: Partial<EntryRow> = {}): EntryRow {
  return entryRow(`e-${id.padEnd(10, '0')}`, mondayMorning, { title: id, ...patch });
}

describe('what Review shows today', () => {
  it('lists the lesson notes due today, overdue first, and leaves out other kinds, the trash and entries still awaited', () => {
    const rows = [
      row('fresh', { createdAt: day(3) }),
      row('older', { createdAt: day(-5) }),
      row('pushed', { review: answerReview(initialReview(mondayMorning), 'easy', day(1)) }),
      row('due', {}),
      row('binned', { trashedAt: day(1) }),
      row('awaited', { awaitingPeer: true }),
      row('debrief', { kind: 'debrief' }),
    ];
    const today = day(3, 12);
    expect(lessonsDueToday(rows, today).map((lesson) => lesson.title)).toEqual(['older', 'due']);
    expect(upcomingLessons(rows, today).map((lesson) => lesson.title)).toEqual(['fresh', 'pushed']);
    expect(reviewOf(rows[2] as EntryRow).reviews).toBe(1);
  });
});
