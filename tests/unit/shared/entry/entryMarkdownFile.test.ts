import { describe, expect, it } from 'vitest';
import { composeEntryMarkdown, markdownFileName } from '../../../../shared/entry/entryMarkdownFile';

const header = {
  title: 'Rollbacks need a runbook',
  kind: 'lesson' as const,
  tags: ['release', 'on-call'],
  createdAt: Date.UTC(2025, 2, 14, 9, 30),
  updatedAt: Date.UTC(2025, 2, 15, 17, 5),
};

function frontMatter(markdown: string): string[] {
  const lines = markdown.split('\n');
  expect(lines[0]).toBe('---');
  const end = lines.indexOf('---', 1);
  expect(end).toBeGreaterThan(0);
  return lines.slice(1, end);
}

describe('an entry as a Markdown file', () => {
  it('opens with front matter, then the title as a heading, then the body', () => {
    const markdown = composeEntryMarkdown(header, '## What happened\n\nWe rolled back by hand.');
    expect(frontMatter(markdown)).toEqual([
      'title: "Rollbacks need a runbook"',
      'kind: lesson',
      'tags: ["release", "on-call"]',
      'created: 2025-03-14T09:30:00.000Z',
      'updated: 2025-03-15T17:05:00.000Z',
    ]);
    expect(markdown.endsWith('\n\n# Rollbacks need a runbook\n\n## What happened\n\nWe rolled back by hand.\n')).toBe(true);
  });

  it('quotes a title that would otherwise break the front matter', () => {
    const markdown = composeEntryMarkdown({ ...header, title: 'Deploys: "fast" path\\slow path', tags: [] }, '');
    const [titleLine, , tagsLine] = frontMatter(markdown);
    expect(JSON.parse(titleLine!.slice('title: '.length))).toBe('Deploys: "fast" path\\slow path');
    expect(tagsLine).toBe('tags: []');
  });

  it('ends an entry with an empty body after its title', () => {
    const markdown = composeEntryMarkdown(header, '\n\n');
    expect(markdown.endsWith('# Rollbacks need a runbook\n')).toBe(true);
  });

  it('keeps an empty check item at the end of the body a check item', () => {
    // `- [ ]` without the space after it is a bullet whose text is "[ ]" to Markdown readers,
    // Lexical's importer included.
    const markdown = composeEntryMarkdown(header, '## Actions\n\n- [ ] ');
    expect(markdown.endsWith('## Actions\n\n- [ ] \n')).toBe(true);
  });
});

describe('the exported file’s name', () => {
  it.each([
    // The title, in a form every OS accepts.
    ['Rollbacks need a runbook', 'rollbacks-need-a-runbook.md'],
    ['Café: post-mortem / v2?', 'café-post-mortem-v2.md'],
    ['  <Release>  "day" *1*  ', 'release-day-1.md'],
    // Titles in any script stay readable.
    ['हिंदी नोट्स', 'हिंदी-नोट्स.md'],
    ['회고 노트', '회고-노트.md'],
    // Never a name Windows refuses.
    ['CON', 'con-entry.md'],
    ['lpt1', 'lpt1-entry.md'],
    // A plain name when the title has nothing usable.
    ['', 'entry.md'],
    ['?!/\\:*', 'entry.md'],
  ])('names the entry titled %j %j', (title, fileName) => {
    expect(markdownFileName(title)).toBe(fileName);
  });

  it('stays short', () => {
    const name = markdownFileName('a very long title '.repeat(20));
    expect(name.length).toBeLessThanOrEqual(80 + '.md'.length);
    expect(name.endsWith('.md')).toBe(true);
  });
});
