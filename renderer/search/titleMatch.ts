import { displayTitle, type EntryRow } from '../../shared/library/entryRow';

const WORD = /[\p{L}\p{M}\p{N}_]+/gu;

function words(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}

/**
 * Entries whose title has a word starting with each word typed, in the order given (the
 * library's), those whose title starts with what was typed first: for Go to entry (Ctrl+P) and
 * `[[` links, which answer within the keystroke, in this thread, from the library rows alone.
 * The Search box searches bodies too, in the search worker.
 */
export function matchTitles(rows: readonly EntryRow[], query: string, limit: number): EntryRow[] {
  const typed = words(query);
  if (typed.length === 0) return rows.slice(0, limit);
  const leading: EntryRow[] = [];
  const others: EntryRow[] = [];
  const start = query.trim().toLowerCase();
  for (const row of rows) {
    if (row.trashedAt !== null) continue;
    const title = displayTitle(row);
    const titleWords = words(title);
    if (!typed.every((word) => titleWords.some((candidate) => candidate.startsWith(word)))) continue;
    (title.toLowerCase().startsWith(start) ? leading : others).push(row);
    if (leading.length >= limit) break;
  }
  return [...leading, ...others].slice(0, limit);
}
