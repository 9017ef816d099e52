import { describe, expect, it } from 'vitest';
import { collaboratorsOf } from '../../../../shared/insights/journalFigures';
import { computeInsights, weekAxisLabels } from '../../../../shared/insights/journalInsights';
import { summarizeWeek } from '../../../../shared/insights/weekSummary';
import { parseEntryActivity, type EntryActivity } from '../../../../shared/library/entryActivity';
import { parseEntryRow, type EntryRow } from '../../../../shared/library/entryRow';
import { answerReview, initialReview, type ReviewGrade } from '../../../../shared/review/reviewSchedule';
import type { ReviewState } from '../../../../shared/review/reviewState';
import { addDays } from '../../../../shared/time/calendarDays';
import { entryRow } from '../../support/entryRows';

// Wednesday 4 March 2026, local time; the week began on Monday the 2nd.
const now = new Date(2026, 2, 4, 15).getTime();
const at = (dayOfMarch: number, hour = 10): number => new Date(2026, 2, dayOfMarch, hour).getTime();
let serial = 0;

function row(kind: EntryRow['kind'], title: string, patch: Partial<EntryRow> = {}): EntryRow {
  serial++;
  return entryRow(`e-${String(serial).padStart(10, '0')}`, at(3), {
    kind,
    title,
    progress: kind === 'checklist' ? { done: 0, total: 3 } : null,
    ...patch,
  });
}

/** A lesson's review state after these answers. */
function reviewed(createdAt: number, ...answers: Array<[number, ReviewGrade]>): ReviewState {
  return answers.reduce((review, [time, grade]) => answerReview(review, grade, time), initialReview(createdAt));
}

const activity = (patch: Partial<EntryActivity>): EntryActivity => ({ contributors: [], thanks: [], ticks: [], ...patch });

const journal: EntryRow[] = [
  row('lesson', 'Monday lesson', { createdAt: at(2, 9), updatedAt: at(2, 9), tags: ['deploys'] }),
  row('lesson', 'Last week’s lesson', {
    createdAt: new Date(2026, 1, 25, 10).getTime(),
    updatedAt: at(4),
    tags: ['deploys', 'on-call'],
    review: reviewed(new Date(2026, 1, 25, 10).getTime(), [new Date(2026, 1, 26, 10).getTime(), 'good'], [at(3), 'again'], [at(4), 'hard']),
  }),
  row('lesson', 'Old lesson', {
    createdAt: addDays(at(2), -30),
    updatedAt: addDays(at(2), -30),
    // Reviewed before the twelve weeks shown, then this week.
    review: reviewed(addDays(at(2), -100), [addDays(at(2), -99), 'easy'], [at(3), 'good']),
  }),
  row('checklist', 'Release', {
    progress: { done: 2, total: 3 },
    activity: activity({ ticks: [at(3, 11), addDays(at(2), -2)] }),
    tags: ['release'],
  }),
  row('debrief', 'Launch', {
    activity: activity({ contributors: ['Ana', 'Ben'], thanks: [{ name: 'Ben', count: 2 }, { name: 'Cy', count: 1 }] }),
  }),
  row('debrief', 'Solo debrief', { activity: activity({ contributors: ['Ana'], thanks: [{ name: 'Cy', count: 1 }] }) }),
  row('lesson', 'Binned', { trashedAt: at(3), tags: ['deploys'] }),
  row('debrief', 'Awaited', { awaitingPeer: true }),
];

describe('This week', () => {
  it('counts what was written and changed this week, the check items done and the debriefs co-written', () => {
    const week = summarizeWeek(journal, now);
    expect(week.weekStart).toBe(new Date(2026, 2, 2).getTime());
    expect(week.written.map((entry) => entry.title)).toEqual(['Release', 'Launch', 'Solo debrief', 'Monday lesson']);
    expect(week.changed.map((entry) => entry.title)).toEqual(['Last week’s lesson']);
    expect(week.lessonsWritten).toBe(1);
    expect(week.checkItemsDone).toBe(1);
    expect(week.coWrittenDebriefs.map((entry) => entry.title)).toEqual(['Launch']);
    expect(week.thanks).toEqual([
      { name: 'Ben', count: 2 },
      { name: 'Cy', count: 2 },
    ]);
  });
});

describe('Insights', () => {
  it('has twelve weeks of lessons and debriefs, checklist completion, top tags and who helped most', () => {
    const insights = computeInsights(journal, now, { locale: 'en-GB' });
    expect(insights.weeks).toHaveLength(12);
    expect(insights.weeks.at(-1)).toMatchObject({ label: '2 Mar', lessons: 1, debriefs: 2, coWrittenDebriefs: 1 });
    expect(insights.weeks.at(-2)).toMatchObject({ label: '23 Feb', lessons: 1 });
    expect(insights.weeks.reduce((sum, week) => sum + week.lessons, 0)).toBe(3);
    expect(insights.lessons).toBe(3);
    expect(insights.checklists).toEqual([{ id: journal[3]?.id, title: 'Release', done: 2, total: 3 }]);
    expect(insights.checkItems).toEqual({ done: 2, total: 3 });
    expect(insights.debriefs).toBe(2);
    expect(insights.coWrittenDebriefs).toBe(1);
    expect(insights.topTags).toEqual([
      { tag: 'deploys', count: 2 },
      { tag: 'on-call', count: 1 },
      { tag: 'release', count: 1 },
    ]);
    expect(insights.whoHelped).toEqual([
      { name: 'Ben', count: 2 },
      { name: 'Cy', count: 2 },
    ]);
  });

  it('counts the reviews remembered and forgotten each week', () => {
    const insights = computeInsights(journal, now);
    expect(insights.weeks.at(-1)).toMatchObject({ remembered: 2, forgotten: 1 });
    expect(insights.weeks.at(-2)).toMatchObject({ remembered: 1, forgotten: 0 });
    expect(insights.weeks.slice(0, -2).every((week) => week.remembered + week.forgotten === 0)).toBe(true);
    expect(insights.reviews).toEqual({ remembered: 3, total: 4 });
  });

  it('is empty for an empty journal', () => {
    const insights = computeInsights([], now);
    expect(insights.weeks.every((week) => week.lessons === 0)).toBe(true);
    expect([insights.checklists, insights.topTags, insights.whoHelped]).toEqual([[], [], []]);
    expect(insights.reviews).toEqual({ remembered: 0, total: 0 });
  });
});

describe('figures that agree', () => {
  // Everything written this week: This week and Insights must then give the same counts.
  const thisWeekOnly = [
    row('lesson', 'Lesson one', { createdAt: at(2, 9), updatedAt: at(2, 9) }),
    row('lesson', 'Lesson two', { createdAt: at(3, 9), updatedAt: at(3, 9) }),
    row('checklist', 'Release', { progress: { done: 2, total: 4 }, activity: activity({ ticks: [at(3, 11), at(4, 9)] }) }),
    // A debrief's ticked actions are actions, not check items, in both views.
    row('debrief', 'Launch', {
      activity: activity({ contributors: ['Ana', 'Ben'], ticks: [at(3, 12), at(3, 13)], thanks: [{ name: 'Ana', count: 1 }, { name: 'Ben', count: 3 }] }),
    }),
    row('debrief', 'Solo', { activity: activity({ contributors: ['Ana'] }) }),
  ];

  it('counts the same lesson notes, check items done and debriefs co-written in This week and in Insights', () => {
    const week = summarizeWeek(thisWeekOnly, now);
    const insights = computeInsights(thisWeekOnly, now, { you: 'Ana' });
    expect(week.lessonsWritten).toBe(2);
    expect(insights.lessons).toBe(week.lessonsWritten);
    expect(insights.weeks.at(-1)?.lessons).toBe(week.lessonsWritten);
    expect(week.checkItemsDone).toBe(2);
    expect(insights.checkItems).toEqual({ done: week.checkItemsDone, total: 4 });
    expect(week.coWrittenDebriefs.map((entry) => entry.title)).toEqual(['Launch']);
    expect(insights.coWrittenDebriefs).toBe(week.coWrittenDebriefs.length);
    expect(insights.weeks.at(-1)?.coWrittenDebriefs).toBe(week.coWrittenDebriefs.length);
  });

  it('tells thanks received (naming the user) from thanks to colleagues', () => {
    expect(computeInsights(thisWeekOnly, now, { you: 'ana' }).thanks).toEqual({ received: 1, toColleagues: 3 });
    expect(computeInsights(thisWeekOnly, now, { you: 'Cy' }).thanks).toEqual({ received: 0, toColleagues: 4 });
  });

  it('does not list the user among the people an entry was written with', () => {
    const launch = thisWeekOnly[3] as EntryRow;
    expect(collaboratorsOf(launch, 'Ana')).toEqual(['Ben']);
    expect(collaboratorsOf(launch, 'Ben')).toEqual(['Ana']);
    expect(collaboratorsOf(thisWeekOnly[4] as EntryRow, 'Ana')).toEqual([]);
  });

  it('names on a chart’s axis every week that has a bar', () => {
    const weeks = computeInsights(journal, now, { locale: 'en-GB' }).weeks;
    const labels = weekAxisLabels(weeks.map((week) => ({ label: week.label, hasBar: week.lessons > 0 })));
    for (const week of weeks.filter((candidate) => candidate.lessons > 0)) expect(labels).toContain(week.label);
    // Lessons in the weeks of 26 Jan, 23 Feb and 2 Mar; the first week shown is named as the start.
    expect(labels).toEqual(['15 Dec', '26 Jan', '23 Feb', '2 Mar']);
    expect(weekAxisLabels([{ label: 'a', hasBar: false }, { label: 'b', hasBar: true }, { label: 'c', hasBar: false }, { label: 'd', hasBar: false }])).toEqual(['b', 'd']);
  });
});

describe('activity and review in a library row', () => {
  it('reads them when present and valid, and leaves them out otherwise', () => {
    const stored = JSON.parse(JSON.stringify(journal[4])) as Record<string, unknown>;
    const review = reviewed(at(2), [at(4), 'good']);
    expect(parseEntryRow({ ...stored, review })).toEqual({ ...journal[4], review });
    const bare = parseEntryRow({ ...stored, activity: 'lots', review: { step: 'one' } });
    expect(bare).not.toHaveProperty('activity');
    expect(bare).not.toHaveProperty('review');
  });

  it('drops bad items from stored activity', () => {
    expect(
      parseEntryActivity({
        contributors: ['Ana', '', 7, 'x'.repeat(61)],
        thanks: [{ name: 'Ben', count: 2 }, { name: 'Cy', count: 0 }, { name: '', count: 1 }, 'Dee', { name: 'Eve', count: 1.5 }],
        ticks: [at(3), -1, Number.NaN, 'today'],
      }),
    ).toEqual({ contributors: ['Ana'], thanks: [{ name: 'Ben', count: 2 }], ticks: [at(3)] });
  });
});
