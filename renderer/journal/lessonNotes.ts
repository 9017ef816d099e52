import type { EntryId } from '../../shared/entry/entryId';
import { displayTitle, type EntryRow } from '../../shared/library/entryRow';
import { weekLabel } from '../../shared/insights/journalInsights';
import { startOfWeek } from '../../shared/time/calendarDays';
import { readSections } from '../editor/lessonSections';
import { LESSON_SECTIONS, writeLessonBody, type LessonInline } from '../editor/lessonNoteWriter';
import type { Journal } from './journal';

const MAX_TITLE_CHARS = 80;

/** A title from the first line of a text: whole words, at most 80 characters. */
export function titleFromText(text: string): string {
  const line = (text.split('\n').find((candidate) => candidate.trim()) ?? '').replace(/\s+/g, ' ').trim();
  if (line.length <= MAX_TITLE_CHARS) return line;
  const cut = line.slice(0, MAX_TITLE_CHARS - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > 40 ? cut.slice(0, space) : cut).replace(/[\s,;:.–—-]+$/, '')}…`;
}

/**
 * `Make lesson note`: a lesson in this device's own journal (never shared), with the selected
 * text under "What I learned", "What happened" linking back to the debrief, and the debrief's
 * tags. The link makes the lesson appear under the debrief's "Linked from".
 */
export function makeLessonFromDebrief(journal: Journal, text: string, debrief: Pick<EntryRow, 'id' | 'kind' | 'tags'> & { title: string }): Promise<EntryId> {
  const learned = text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => [line]);
  return journal.createEntry('lesson', {
    title: titleFromText(text),
    tags: debrief.tags,
    writeBody: (doc) =>
      writeLessonBody(doc, {
        [LESSON_SECTIONS.happened]: [['From the debrief ', { id: debrief.id, title: displayTitle(debrief) }, '.']],
        [LESSON_SECTIONS.learned]: learned,
      }),
  });
}

/**
 * "What did we learn this week?": a lesson titled for the week, whose "What happened" links to
 * the entries written and changed this week.
 */
export function startWeeklyLesson(journal: Journal, entries: readonly EntryRow[]): Promise<EntryId> {
  const links: LessonInline[] = [];
  for (const entry of entries.slice(0, 12)) {
    if (links.length > 0) links.push(', ');
    links.push({ id: entry.id, title: displayTitle(entry) });
  }
  return journal.createEntry('lesson', {
    title: `What we learned, week of ${weekLabel(startOfWeek(journal.now()))}`,
    writeBody: (doc) =>
      writeLessonBody(doc, links.length > 0 ? { [LESSON_SECTIONS.happened]: [['This week: ', ...links, '.']] } : {}),
  });
}

/**
 * What a lesson says it taught, read from its document for a review card: the text under
 * "What I learned", or the whole body when that section is empty or missing.
 */
export function readLessonForReview(journal: Journal, id: EntryId): Promise<string> {
  return journal.entries.use(id, ({ doc }) => {
    const sections = readSections(doc);
    return sections.get(LESSON_SECTIONS.learned) || [...sections.values()].filter(Boolean).join('\n');
  });
}
