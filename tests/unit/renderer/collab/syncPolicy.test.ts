import { describe, expect, it } from 'vitest';
import { decideSync, DEFAULT_SYNC_POLICY, revisitInterval, type RoomState } from '../../../../renderer/collab/syncPolicy';
import { parseEntryId, type EntryId } from '../../../../shared/entry/entryId';

const limits = DEFAULT_SYNC_POLICY;
const id = (index: number): EntryId => parseEntryId(`e-room${String(index).padStart(7, '0')}`);

function room(index: number, state: Partial<RoomState> = {}): RoomState {
  return {
    id: id(index),
    focused: false,
    awake: false,
    awakeSince: null,
    asleepSince: null,
    peers: 0,
    lastActivityAt: null,
    // Visited recently: no routine visit is due unless a test says so.
    lastVisitedAt: 0,
    changedAt: null,
    announcedAt: null,
    ...state,
  };
}

/** Runs the policy as background sync does, one tick a second, applying what it decides. */
function simulate(rooms: RoomState[], from: number, seconds: number, onTick: (now: number, rooms: RoomState[]) => void = () => {}): RoomState[] {
  let state = rooms;
  let lastVisit: number | null = null;
  for (let now = from; now < from + seconds * 1000; now += 1000) {
    const decision = decideSync(state, now, lastVisit, limits);
    const waking = new Map(decision.wake.map((wake) => [wake.id, wake.reason]));
    if ([...waking.values()].includes('visit')) lastVisit = now;
    state = state.map((current) => {
      if (decision.sleep.includes(current.id)) return { ...current, awake: false, awakeSince: null, asleepSince: now, peers: 0 };
      if (waking.has(current.id)) return { ...current, awake: true, awakeSince: now, lastVisitedAt: now, announcedAt: null };
      return current;
    });
    onTick(now, state);
  }
  return state;
}

describe('which shared entries are connected to their peers', () => {
  it('keeps the entry on screen awake, whatever else wants a place', () => {
    const now = 1_000_000;
    const shown = room(0, { focused: true });
    const changed = Array.from({ length: 20 }, (_, index) => room(index + 1, { changedAt: now - 10 }));
    const decision = decideSync([shown, ...changed], now, null, limits);
    expect(decision.wake[0]).toEqual({ id: id(0), reason: 'focused' });
    expect(decision.wake).toHaveLength(limits.maxAwake);

    const awake = room(0, { focused: true, awake: true, awakeSince: now - 3_600_000, lastActivityAt: now - 3_600_000 });
    expect(decideSync([awake, ...changed], now, null, limits).sleep).not.toContain(id(0));
  });

  it('wakes an entry changed on this device once; if nobody was there it sleeps again and waits for a visit', () => {
    const changedAt = 50_000;
    const asleep = room(1, { changedAt, lastVisitedAt: 0 });
    expect(decideSync([asleep], changedAt + 1, null, limits).wake).toEqual([{ id: id(1), reason: 'changed' }]);

    const awakeAlone = room(1, { changedAt, awake: true, awakeSince: changedAt + 1, lastVisitedAt: changedAt + 1 });
    expect(decideSync([awakeAlone], changedAt + 1 + limits.visitDwellMs, null, limits).sleep).toEqual([id(1)]);
    const backAsleep = room(1, { changedAt, lastVisitedAt: changedAt + 1, asleepSince: changedAt + limits.visitDwellMs });
    expect(decideSync([backAsleep], changedAt + 60_000, null, limits).wake).toEqual([]);
  });

  it('wakes an entry whose room holds something else, before routine visits, and when told to try again', () => {
    const now = 100_000;
    const visiting = Array.from({ length: limits.maxAwake }, (_, index) =>
      room(index, { awake: true, wokeFor: 'visit', awakeSince: now - limits.minAwakeMs, lastActivityAt: now - limits.minAwakeMs }),
    );
    const heard = room(99, { announcedAt: now - 5 });
    const decision = decideSync([...visiting, heard], now, now, limits);
    expect(decision.wake).toEqual([{ id: id(99), reason: 'announced' }]);
    expect(decision.sleep).toHaveLength(1);

    const later = room(99, { announcedAt: now + 2000 });
    expect(decideSync([later], now, null, limits).wake).toEqual([]);
    expect(decideSync([later], now + 2000, null, limits).wake).toEqual([{ id: id(99), reason: 'announced' }]);
  });

  it('lets no room take the place of another that has just woken and not yet had a chance to meet anyone', () => {
    const now = 200_000;
    const justWoken = Array.from({ length: limits.maxAwake }, (_, index) => room(index, { awake: true, wokeFor: 'announced', awakeSince: now - 100 }));
    const more = Array.from({ length: 5 }, (_, index) => room(50 + index, { announcedAt: now - 10 }));
    expect(decideSync([...justWoken, ...more], now, null, limits)).toEqual({ wake: [], sleep: [] });
    // An entry put on screen takes a place at once all the same.
    const shown = room(60, { focused: true });
    const decision = decideSync([...justWoken, shown], now, null, limits);
    expect(decision.wake).toEqual([{ id: id(60), reason: 'focused' }]);
    expect(decision.sleep).toHaveLength(1);
  });

  it('lets a room with peers sleep once nothing has moved for a while, and one without peers after its visit', () => {
    const now = 500_000;
    const busy = room(1, { awake: true, awakeSince: now - 60_000, peers: 2, lastActivityAt: now - limits.idleMs + 1000 });
    const quiet = room(2, { awake: true, awakeSince: now - 60_000, peers: 2, lastActivityAt: now - limits.idleMs });
    const empty = room(3, { awake: true, awakeSince: now - limits.visitDwellMs });
    expect([...decideSync([busy, quiet, empty], now, null, limits).sleep].sort()).toEqual([id(2), id(3)].sort());
  });

  it('never has more than its bound awake, and visits every one of 100 shared entries within the interval it states', () => {
    const count = 100;
    const interval = revisitInterval(count, limits);
    const start = 10_000_000;
    const rooms = Array.from({ length: count }, (_, index) => room(index, { lastVisitedAt: null }));
    const visits = new Map<EntryId, number[]>();
    let mostAwake = 0;
    simulate(rooms, start, (3 * interval) / 1000, (now, state) => {
      mostAwake = Math.max(mostAwake, state.filter((current) => current.awake).length);
      for (const current of state) {
        if (current.lastVisitedAt !== now) continue;
        const times = visits.get(current.id) ?? [];
        times.push(now);
        visits.set(current.id, times);
      }
    });
    expect(mostAwake).toBeLessThanOrEqual(limits.maxAwake);
    expect(visits.size).toBe(count);
    for (const times of visits.values()) {
      expect(times[0] ?? Infinity).toBeLessThanOrEqual(start + interval);
      for (let index = 1; index < times.length; index++) expect((times[index] ?? 0) - (times[index - 1] ?? 0)).toBeLessThanOrEqual(interval + 1000);
    }
    expect(interval).toBe(limits.revisitAfterMs);
  });
});
