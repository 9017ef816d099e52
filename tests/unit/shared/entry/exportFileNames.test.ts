import { describe, expect, it } from 'vitest';
import { markdownFileName } from '../../../../shared/entry/entryMarkdownFile';
import {
  isSafeFileName,
  isSafeMarkdownFileName,
  journalExportFolderName,
  uniqueFileNames,
} from '../../../../shared/entry/exportFileNames';

describe('the files of a journal export', () => {
  it('gives entries with the same title their own file, as macOS and Windows compare names', () => {
    expect(uniqueFileNames(['retro.md', 'Retro.md', 'retro.md', 'plan.md', 'retro-2.md'])).toEqual([
      'retro.md',
      'Retro-2.md',
      'retro-3.md',
      'plan.md',
      'retro-2-2.md',
    ]);
    expect(uniqueFileNames(['caf\u00e9.md', 'cafe\u0301.md'])).toEqual(['caf\u00e9.md', 'cafe\u0301-2.md']);
    expect(uniqueFileNames([])).toEqual([]);
  });

  it('accepts every name Export Markdown makes from a title, in any script', () => {
    const titles = [
      'Release checklist',
      'Rückblick: Q3 — was lief gut?',
      '発表の振り返り',
      'ملاحظات الاجتماع',
      'con',
      'COM¹',
      'LPT3',
      '../../etc/passwd',
      'C:\\Windows\\System32',
      'evil\u202Etxt.exe',
      '.hidden',
      '   ',
      'a'.repeat(500),
      '🙂🙂🙂',
      'İstanbul notes',
    ];
    // Titles of random code points from a seeded generator, so a failure can be replayed.
    let seed = 20250314;
    const next = (limit: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % limit;
    };
    const random = Array.from({ length: 2000 }, () =>
      String.fromCodePoint(...Array.from({ length: 1 + next(40) }, () => next(0x2fff))),
    );
    for (const title of [...titles, ...random]) {
      const name = markdownFileName(title);
      expect(isSafeMarkdownFileName(name), `${JSON.stringify(title)} -> ${name}`).toBe(true);
    }
    const names = uniqueFileNames([...titles, ...random].map(markdownFileName));
    expect(names.every(isSafeMarkdownFileName)).toBe(true);
  });

  it('refuses names that leave the folder, hide, or are not what they look like', () => {
    for (const name of [
      '',
      '.',
      '..',
      '../up.md',
      'a/b.md',
      'a\\b.md',
      'C:evil.md',
      '.bashrc.md',
      'trailing.md.',
      'trailing.md ',
      ' leading.md',
      'con.md',
      'CON.txt.md',
      'com1.md',
      'lpt².md',
      'aux',
      'what?.md',
      'star*.md',
      'pipe|.md',
      'quote".md',
      'angle<.md',
      'new\nline.md',
      'tab\t.md',
      'zero\u0000.md',
      'rlo\u202Efdp.md',
      'zero-width\u200B.md',
      `${'a'.repeat(118)}.md`,
    ]) {
      expect(isSafeMarkdownFileName(name), JSON.stringify(name)).toBe(false);
    }
    expect(isSafeMarkdownFileName('notes.txt')).toBe(false);
    expect(isSafeFileName('notes.txt')).toBe(true);
    expect(isSafeMarkdownFileName('console.md')).toBe(true); // only the exact reserved names
  });

  it('go into a new folder named for the day, so nothing the user has is overwritten', () => {
    expect(journalExportFolderName(new Date(2025, 2, 4, 23, 59))).toBe('peerbook-journal-2025-03-04');
    expect(isSafeFileName(journalExportFolderName(new Date()))).toBe(true);
  });
});
