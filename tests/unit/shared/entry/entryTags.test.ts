import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addEntryTag, getEntryTags, initEntryDoc, removeEntryTag } from '../../../../shared/entry/entryDoc';
import { MAX_TAG_LENGTH, normalizeTag } from '../../../../shared/entry/entryTags';
import { exchangeUpdates, joinPeer } from '../../support/peers';
import { recordUpdateOrigins } from '../../support/updateOrigins';

const now = Date.UTC(2025, 4, 2, 15);

function newEntry(): Y.Doc {
  const doc = new Y.Doc();
  initEntryDoc(doc, { kind: 'debrief', createdAt: now });
  return doc;
}

describe('tagging an entry', () => {
  it('stores a tag the way the user would search for it', () => {
    const doc = newEntry();
    expect(addEntryTag(doc, '#On Call ', now)).toBe('on-call');
    expect(getEntryTags(doc)).toEqual(['on-call']);
  });

  it('treats differently typed forms of one tag as the same tag', () => {
    const doc = newEntry();
    addEntryTag(doc, 'on-call', now);
    const origins = recordUpdateOrigins(doc);
    expect(addEntryTag(doc, '##ON   CALL', now + 1000)).toBe('on-call');
    expect(getEntryTags(doc)).toEqual(['on-call']);
    expect(origins).toEqual([]);
  });

  it('ignores input that holds no tag', () => {
    const doc = newEntry();
    const origins = recordUpdateOrigins(doc);
    for (const raw of ['', '   ', '#', '###', '!?*']) expect(addEntryTag(doc, raw, now), raw).toBeNull();
    expect(getEntryTags(doc)).toEqual([]);
    expect(origins).toEqual([]);
  });

  it('drops punctuation, keeps letters of any script, and clips long tags', () => {
    expect(normalizeTag('Café, après-ski!')).toBe('café-après-ski');
    expect(normalizeTag('team/platform')).toBe('team/platform');
    expect(normalizeTag('v2.1_hotfix')).toBe('v2.1_hotfix');
    expect(normalizeTag('a'.repeat(MAX_TAG_LENGTH + 10))).toHaveLength(MAX_TAG_LENGTH);
  });

  it('keeps vowel signs of scripts that write them as marks', () => {
    expect(normalizeTag('#हिंदी')).toBe('हिंदी');
    expect(normalizeTag('ภาษาไทย')).toBe('ภาษาไทย');
  });

  it('gives one tag for an accented letter however the keyboard or a paste encoded it', () => {
    const composed = 'caf\u00e9';
    const decomposed = 'cafe\u0301';
    const doc = newEntry();
    addEntryTag(doc, composed, now);
    addEntryTag(doc, decomposed, now);
    expect(getEntryTags(doc)).toEqual([composed]);
  });

  it('lists tags alphabetically', () => {
    const doc = newEntry();
    for (const tag of ['release', 'incident', 'on-call']) addEntryTag(doc, tag, now);
    expect(getEntryTags(doc)).toEqual(['incident', 'on-call', 'release']);
  });

  it('merges tags that two peers add at the same time', () => {
    const alice = newEntry();
    const bob = joinPeer(alice);
    addEntryTag(alice, 'incident', now);
    addEntryTag(bob, 'database', now);
    addEntryTag(bob, 'incident', now + 5);
    exchangeUpdates(alice, bob);

    expect(getEntryTags(alice)).toEqual(['database', 'incident']);
    expect(getEntryTags(bob)).toEqual(['database', 'incident']);
  });

  it('removes a tag, for this peer and for the others', () => {
    const alice = newEntry();
    addEntryTag(alice, 'incident', now);
    addEntryTag(alice, 'database', now);
    const bob = joinPeer(alice);

    removeEntryTag(alice, 'incident');
    expect(getEntryTags(alice)).toEqual(['database']);
    exchangeUpdates(alice, bob);
    expect(getEntryTags(bob)).toEqual(['database']);
  });

  it('writes nothing when removing a tag the entry does not have', () => {
    const doc = newEntry();
    addEntryTag(doc, 'incident', now);
    const origins = recordUpdateOrigins(doc);
    removeEntryTag(doc, 'database');
    expect(origins).toEqual([]);
    expect(getEntryTags(doc)).toEqual(['incident']);
  });
});
