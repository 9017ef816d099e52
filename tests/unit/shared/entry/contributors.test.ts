import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DOC_ORIGINS } from '../../../../shared/doc/docOrigins';
import { contributorNames, contributorsMap, readContributors, recordContributor } from '../../../../shared/entry/contributors';
import { initEntryDoc } from '../../../../shared/entry/entryDoc';
import { exchangeUpdates, joinPeer } from '../../support/peers';
import { recordUpdateOrigins } from '../../support/updateOrigins';

const ana = { id: 'ana-device-0000000001', name: 'Ana', color: '#0f766e' };
const ben = { id: 'ben-device-0000000002', name: 'Ben', color: '#4f46e5' };

function newDebrief(): Y.Doc {
  const doc = new Y.Doc();
  initEntryDoc(doc, { kind: 'debrief', createdAt: Date.UTC(2026, 2, 2) });
  return doc;
}

describe('who contributed to an entry, kept in the entry itself', () => {
  it('records a device once, with a named origin, and again only when its name or colour changes', () => {
    const doc = newDebrief();
    const origins = recordUpdateOrigins(doc);
    expect(recordContributor(doc, ana)).toBe(true);
    expect(recordContributor(doc, ana)).toBe(false);
    expect(recordContributor(doc, { ...ana, name: 'Ana Lima' })).toBe(true);
    expect(origins).toEqual([DOC_ORIGINS.contributor, DOC_ORIGINS.contributor]);
    expect(readContributors(doc)).toEqual([{ ...ana, name: 'Ana Lima' }]);
  });

  it('a joiner writes nothing before the entry has arrived', () => {
    const joiner = new Y.Doc();
    const origins = recordUpdateOrigins(joiner);
    expect(recordContributor(joiner, ben)).toBe(false);
    expect(origins).toEqual([]);
    expect(contributorsMap(joiner).size).toBe(0);
  });

  it('peers see every contributor, and a contributor stays after leaving', () => {
    const anaDoc = newDebrief();
    recordContributor(anaDoc, ana);
    const benDoc = joinPeer(anaDoc);
    recordContributor(benDoc, ben);
    exchangeUpdates(anaDoc, benDoc);
    benDoc.destroy(); // Ben leaves
    expect(contributorNames(readContributors(anaDoc))).toEqual(['Ana', 'Ben']);
  });

  it('concurrent first edits on two devices both survive the merge', () => {
    const anaDoc = newDebrief();
    const benDoc = joinPeer(anaDoc);
    recordContributor(anaDoc, ana);
    recordContributor(benDoc, ben);
    exchangeUpdates(anaDoc, benDoc);
    expect(readContributors(anaDoc)).toEqual(readContributors(benDoc));
    expect(readContributors(anaDoc).map((person) => person.name)).toEqual(['Ana', 'Ben']);
  });

  it('validates what peers wrote: bad records are left out, bad colours replaced, names trimmed', () => {
    const doc = newDebrief();
    doc.transact(() => {
      const map = contributorsMap(doc);
      map.set('good-one', { name: '  Cy   Ng ', color: 'red' });
      map.set('no-name', { name: '   ', color: '#123456' });
      map.set('not a valid id!', { name: 'Eve', color: '#123456' });
      map.set('string-value', 'Mallory');
      map.set('long-name', { name: 'x'.repeat(500), color: '#abcdef' });
    }, DOC_ORIGINS.remote);
    const people = readContributors(doc);
    expect(people.map((person) => person.id)).toEqual(['good-one', 'long-name']);
    expect(people[0]).toEqual({ id: 'good-one', name: 'Cy Ng', color: '#888888' });
    expect(people[1]?.name).toHaveLength(60);
    expect(contributorNames([...people, { id: 'other-device', name: 'Cy Ng', color: '#000000' }])).toEqual(['Cy Ng', 'x'.repeat(60)]);
  });
});
