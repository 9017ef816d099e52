import { describe, expect, it } from 'vitest';
import { MarkdownImportError, parseMarkdownNote } from '../../../../shared/entry/markdownImport';

describe('a Markdown file read for import', () => {
  it('reads tags written as a YAML list, one a line', () => {
    const note = parseMarkdownNote('retro.md', '---\ntitle: Retro notes\ntags:\n  - process\n  - "team, platform"\n  - 2026\n---\n\nShorter standups.\n');
    expect(note).toEqual({ kind: 'lesson', title: 'Retro notes', tags: ['process', 'team, platform', '2026'], body: 'Shorter standups.' });
  });

  it('reads tags written inline, quoted tags keeping their commas, and a plain comma-separated string', () => {
    expect(parseMarkdownNote('a.md', '---\ntags: [release, "on-call, nights", \'db\']\n---\nText').tags).toEqual(['release', 'on-call, nights', 'db']);
    expect(parseMarkdownNote('b.md', '---\ntags: release, on-call\n---\nText').tags).toEqual(['release', 'on-call']);
    expect(parseMarkdownNote('b.md', '---\ntags: ["#release"]\n---\nText').tags).toEqual(['release']);
    expect(parseMarkdownNote('c.md', '---\ntags:\n---\nText').tags).toEqual([]);
  });

  it('keeps the kind the front matter names, and makes anything else a lesson note', () => {
    expect(parseMarkdownNote('a.md', '---\nkind: checklist\n---\n- [ ] Step').kind).toBe('checklist');
    expect(parseMarkdownNote('b.md', '---\nkind: debrief\n---\n## Actions').kind).toBe('debrief');
    expect(parseMarkdownNote('c.md', '---\nkind: recipe\n---\nText').kind).toBe('lesson');
    expect(parseMarkdownNote('d.md', 'No front matter at all.').kind).toBe('lesson');
  });

  it('takes the title from the front matter, else the first heading, else the file name', () => {
    expect(parseMarkdownNote('x.md', '---\ntitle: "Retro: Q3"\n---\n\n# Retro: Q3\n\nBody').title).toBe('Retro: Q3');
    expect(parseMarkdownNote('x.md', '---\ntitle: "Retro: Q3"\n---\n\n# Retro: Q3\n\nBody').body).toBe('Body');
    expect(parseMarkdownNote('x.md', '# Pairing on the migration\n\nWe caught it.')).toMatchObject({ title: 'Pairing on the migration', body: 'We caught it.' });
    expect(parseMarkdownNote('notes-from_elsewhere.md', '## A section\n\nText')).toMatchObject({ title: 'notes from elsewhere', body: '## A section\n\nText' });
  });

  it('keeps an untitled entry untitled, without taking its first section for a title', () => {
    const note = parseMarkdownNote('entry.md', '---\ntitle: ""\nkind: lesson\ntags: []\n---\n\n# \n\n## What happened\n\nText\n');
    expect(note).toEqual({ kind: 'lesson', title: '', tags: [], body: '## What happened\n\nText' });
  });

  it('keeps the space that ends an empty check item', () => {
    expect(parseMarkdownNote('a.md', '---\nkind: checklist\n---\n\n- [x] Done\n- [ ] \n').body).toBe('- [x] Done\n- [ ] ');
  });

  it('names the file when its front matter is not YAML', () => {
    expect(() => parseMarkdownNote('broken.md', '---\ntags: [unclosed\n---\nText')).toThrow(MarkdownImportError);
    expect(() => parseMarkdownNote('broken.md', '---\ntags: [unclosed\n---\nText')).toThrow(/^broken\.md: its front matter is not valid YAML/);
  });
});
