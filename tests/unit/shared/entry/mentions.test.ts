import { describe, expect, it } from 'vitest';
import type { BodyOutlineBlock } from '../../../../shared/entry/bodyOutline';
import { countThanks, mentionNameFromUrl, mentionUrl } from '../../../../shared/entry/mentions';

const heading = (text: string, level = 2): BodyOutlineBlock => ({ type: 'heading', level, text });
const block = (...mentions: string[]): BodyOutlineBlock => ({ type: 'block', mentions });

describe('mentions', () => {
  it('are links that carry the person’s name, and only such links name anyone', () => {
    expect(mentionUrl('Ana Lima')).toBe('peerbook://person/Ana%20Lima');
    expect(mentionNameFromUrl(mentionUrl('Zoë O’Neil'))).toBe('Zoë O’Neil');
    expect(mentionNameFromUrl('peerbook://entry/e-abc')).toBeNull();
    expect(mentionNameFromUrl('https://example.com/person/Ana')).toBeNull();
    expect(mentionNameFromUrl('peerbook://person/%E0%A4%A')).toBeNull();
    expect(mentionNameFromUrl('peerbook://person/')).toBeNull();
    expect(mentionNameFromUrl(`peerbook://person/${'x'.repeat(61)}`)).toBeNull();
  });
});

describe('thanks in a debrief', () => {
  it('counts the mentions in "Knowledge exchanges that made a difference", per person, most thanked first', () => {
    const body = [
      heading('What went well'),
      block('Ana'),
      heading('Knowledge exchanges that made a difference'),
      block('Ben', 'Cy'),
      block(),
      block('Ben'),
      heading('Actions'),
      block('Cy', 'Cy'),
    ];
    expect(countThanks(body)).toEqual([
      { name: 'Ben', count: 2 },
      { name: 'Cy', count: 1 },
    ]);
  });

  it('keeps counting under sub-headings of the section, and stops at the next heading of its level', () => {
    const body = [
      heading('Knowledge exchanges', 2),
      heading('From the platform team', 3),
      block('Dee'),
      heading('Lessons', 1),
      block('Eve'),
    ];
    expect(countThanks(body)).toEqual([{ name: 'Dee', count: 1 }]);
  });

  it('counts nothing in a body without the section', () => {
    expect(countThanks([heading('What happened'), block('Ana')])).toEqual([]);
  });
});
