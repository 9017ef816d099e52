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

  it('keeps both peers’ edits when they rename at different ends of the title at once', () => {
    const alice = entryTitled('Standup notes');
    const bob = joinPeer(alice);

    // Both are offline and each retypes the title in their own title field.
    setEntryTitle(alice, 'Daily standup notes');
    setEntryTitle(bob, 'Standup notes (March)');
    exchangeUpdates(alice, bob);

    expect(getEntryTitle(alice)).toBe('Daily standup notes (March)');
    expect(getEntryTitle(bob)).toBe('Daily standup notes (March)');
  });

  it('keeps a peer’s edit in the middle of the title while the other fixes a typo at the end', () => {
    const alice = entryTitled('Deploy checklist for prod');
    const bob = joinPeer(alice);

    setEntryTitle(alice, 'Deploy safety checklist for prod');
    setEntryTitle(bob, 'Deploy checklist for production');
    exchangeUpdates(alice, bob);

    expect(getEntryTitle(alice)).toBe('Deploy safety checklist for production');
    expect(getEntryTitle(bob)).toBe(getEntryTitle(alice));
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
