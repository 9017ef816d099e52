import { describe, expect, it } from 'vitest';
import { highlightWords, makeSnippet, type SnippetPart } from '../../../../shared/search/searchSnippet';

const marked = (parts: SnippetPart[] | null): string[] => (parts ?? []).filter((part) => part.match).map((part) => part.text);
const text = (parts: SnippetPart[] | null): string => (parts ?? []).map((part) => part.text).join('');

describe('a search result snippet', () => {
  it('shows the text around the first word that starts with a matched term, whatever its case, and marks it', () => {
    const body = `${'Quiet week. '.repeat(40)}Then the ROLLBACK failed, and a second rollback worked.`;
    const snippet = makeSnippet(body, ['rollback']);
    expect(marked(snippet)).toEqual(['ROLLBACK', 'rollback']);
    expect(text(snippet).startsWith('…')).toBe(true);
    expect(text(snippet)).toContain('Then the ROLLBACK failed');
  });

  it('does not match a term inside a word, only at its start', () => {
    const snippet = makeSnippet('Enrollment opened. Later the rollout paused.', ['roll']);
    expect(marked(snippet)).toEqual(['rollout']);
    expect(makeSnippet('Enrollment opened.', ['roll'])).toBeNull();
  });

  it('finds the word start after the same letters inside words, overlapping ones and letters outside the basic plane', () => {
    expect(marked(makeSnippet('bananas, then ananas', ['ana']))).toEqual(['ananas']);
    expect(marked(makeSnippet('baaa aa', ['aa']))).toEqual(['aa']);
    // "𝐀" (a letter outside the basic plane, two code units) before the term: not a word start.
    const far = makeSnippet(`${'x '.repeat(100)}𝐀deploy ${'y '.repeat(100)}deploy`, ['deploy']);
    expect(marked(far)).toEqual(['deploy']);
    expect(text(far)).not.toContain('𝐀');
    expect(makeSnippet('😀deploy', ['deploy'])?.some((part) => part.match)).toBe(true);
  });

  it('forgives the last letter of a long term, as a typo-tolerant match does', () => {
    expect(marked(makeSnippet('We wrote a runbook for it.', ['runbooks']))).toEqual(['runbook']);
  });

  it('takes terms with characters that mean something in a pattern as plain text', () => {
    expect(marked(makeSnippet('Compiled with c++ and (x) flags.', ['c++', 'flags']))).toEqual(['flags']);
    expect(makeSnippet('Nothing here.', ['(x', '[', '\\', 'a|b', 'on-call', '/x/'])).toBeNull();
    expect(text(makeSnippet('Hand over on-call at nine.', ['on-call']))).toBe('Hand over on-call at nine.');
  });

  it('finds a word whose lower case differs from its case folding, word by word', () => {
    // "İ".toLowerCase() is "i̇" (two code points), which case-insensitive matching does not give.
    const snippet = makeSnippet('Offsite in İstanbul next spring.', ['i̇stanbul']);
    expect(marked(snippet)).toEqual(['İstanbul']);
  });

  it('highlights every matching word of a title', () => {
    expect(marked(highlightWords('Rollback drill: roll back twice', ['roll']))).toEqual(['Rollback', 'roll']);
  });
});
