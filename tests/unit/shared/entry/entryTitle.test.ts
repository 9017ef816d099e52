import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { getEntryTitle, initEntryDoc, MAX_TITLE_LENGTH, setEntryTitle } from '../../../../shared/entry/entryDoc';
import { exchangeUpdates, joinPeer } from '../../support/peers';
import { recordUpdateOrigins } from '../../support/updateOrigins';

function entryTitled(title: string): Y.Doc {
  const doc = new Y.Doc();
  initEntryDoc(doc, { kind: 'lesson', createdAt: Date.UTC(2025, 0, 6), title });
  return doc;
}

describe('renaming an entry', () => {
  it('shows the new title', () => {
    const doc = entryTitled('Standup notes');
    setEntryTitle(doc, 'Retro notes');
    expect(getEntryTitle(doc)).toBe('Retro notes');
  });

  // Both are offline and each retypes the title in their own title field.
  it.each([
    {
      when: 'they rename at different ends of the title at once',
      title: 'Standup notes',
      alice: 'Daily standup notes',
      bob: 'Standup notes (March)',
      both: 'Daily standup notes (March)',
    },
    {
      when: 'one edits the middle of the title while the other fixes a typo at the end',
      title: 'Deploy checklist for prod',
      alice: 'Deploy safety checklist for prod',
      bob: 'Deploy checklist for production',
      both: 'Deploy safety checklist for production',
    },
  ])('keeps both peers’ edits when $when', ({ title, alice: aliceTitle, bob: bobTitle, both }) => {
    const alice = entryTitled(title);
    const bob = joinPeer(alice);

    setEntryTitle(alice, aliceTitle);
    setEntryTitle(bob, bobTitle);
    exchangeUpdates(alice, bob);

    expect(getEntryTitle(alice)).toBe(both);
    expect(getEntryTitle(bob)).toBe(both);
  });

  it('writes nothing when the title is unchanged', () => {
    const doc = entryTitled('Standup notes');
    const origins = recordUpdateOrigins(doc);
    setEntryTitle(doc, 'Standup notes');
    expect(origins).toEqual([]);
  });

  it('turns a pasted multi-line title into one line', () => {
    const doc = entryTitled('');
    setEntryTitle(doc, 'Outage 14 March\nDNS\r\nresolution');
    expect(getEntryTitle(doc)).toBe('Outage 14 March DNS resolution');
  });

  it('clips a title that is too long', () => {
    const doc = entryTitled('Short');
    const long = 'Why the nightly build broke '.repeat(20);
    setEntryTitle(doc, long);
    expect(getEntryTitle(doc)).toBe(long.slice(0, MAX_TITLE_LENGTH));
  });

  it('can clear the title', () => {
    const doc = entryTitled('Draft');
    setEntryTitle(doc, '');
    expect(getEntryTitle(doc)).toBe('');
  });
});
