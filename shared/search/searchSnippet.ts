/**
 * A snippet of text around the first place a search matched, split into plain and highlighted
 * parts for the UI to draw (matches become <mark>). Pure: no DOM.
 */
export interface SnippetPart {
  readonly text: string;
  readonly match: boolean;
}

const WORD = /[\p{L}\p{M}\p{N}_]+/gu;

/** Whether `word` (lower-case) is one of the matched terms or starts with one (prefix search). */
function matches(word: string, terms: readonly string[]): boolean {
  return terms.some((term) => word.startsWith(term) || (term.length > 3 && word.startsWith(term.slice(0, -1))));
}

/** Splits `text` into parts, highlighting the words that match `terms` (already lower-case). */
export function highlightWords(text: string, terms: readonly string[]): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let last = 0;
  for (const found of text.matchAll(WORD)) {
    const start = found.index;
    if (!matches(found[0].toLowerCase(), terms)) continue;
    if (start > last) parts.push({ text: text.slice(last, start), match: false });
    parts.push({ text: found[0], match: true });
    last = start + found[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), match: false });
  return parts;
}

/** What a term must escape to be matched as itself in a Unicode pattern (where only these may be escaped). */
const REGEXP_SPECIAL = /[.*+?^${}()|[\]\\/]/g;

/** A letter, mark, digit or underscore ending the text: the code point before a place, given the two code units before it. */
const WORD_CHARACTER_AT_END = /[\p{L}\p{M}\p{N}_]$/u;

/** Whether a word starts at `index`: nothing before it, or not a word character. */
function startsWord(text: string, index: number): boolean {
  return index === 0 || !WORD_CHARACTER_AT_END.test(text.slice(Math.max(0, index - 2), index));
}

/**
 * Where the first word matching `terms` starts in `text`, or -1. The regular-expression engine
 * finds each place a term (or a term of more than three letters less its last) starts, which it
 * does many times faster on a long body than taking each word in turn, and the first of those
 * at the start of a word is the one. (A look-behind for the word start inside the pattern made
 * the engine test it at every character of the body: tens of milliseconds a query.) Where case
 * folding and lower-casing disagree (a few letters such as "İ"), the word-by-word scan decides.
 */
function firstMatchingWord(text: string, terms: readonly string[]): number {
  const starts = terms.map((term) => (term.length > 3 ? term.slice(0, -1) : term).replace(REGEXP_SPECIAL, '\\$&'));
  const pattern = new RegExp(`(?:${starts.join('|')})`, 'giu');
  for (let found = pattern.exec(text); found; found = pattern.exec(text)) {
    if (startsWord(text, found.index)) return found.index;
    // The next place may start inside this one: go on from the next character.
    pattern.lastIndex = found.index + ((text.codePointAt(found.index) ?? 0) > 0xffff ? 2 : 1);
  }
  for (const word of text.matchAll(WORD)) {
    if (matches(word[0].toLowerCase(), terms)) return word.index;
  }
  return -1;
}

/**
 * About `width` characters of `text` around its first matching word, cut at word boundaries,
 * with an ellipsis where it was cut; null when nothing in the text matches.
 */
export function makeSnippet(text: string, terms: readonly string[], width = 140): SnippetPart[] | null {
  if (terms.length === 0) return null;
  const firstMatch = firstMatchingWord(text, terms);
  if (firstMatch === -1) return null;
  let start = Math.max(0, firstMatch - Math.floor(width / 3));
  let end = Math.min(text.length, start + width);
  if (start > 0) {
    const space = text.indexOf(' ', start);
    if (space !== -1 && space < firstMatch) start = space + 1;
  }
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    if (space > firstMatch) end = space;
  }
  const excerpt = `${start > 0 ? '…' : ''}${text.slice(start, end).replace(/\s+/g, ' ')}${end < text.length ? '…' : ''}`;
  return highlightWords(excerpt, terms);
}
