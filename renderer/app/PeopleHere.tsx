import { useEffect, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import type { PeerSyncStatus } from '../collab/peerSync';
import { formatRelativeTime } from '../../shared/time/relativeTime';
import { countOf } from '../../shared/locale/localeFormat';
import { FALLBACK_PERSON_COLOR, isColor } from '../../shared/people/person';

interface Person {
  readonly clientId: number;
  readonly name: string;
  readonly color: string;
}

/** The other people in the open entry, from Yjs awareness (Lexical publishes name and colour). */
function usePeople(awareness: Awareness): Person[] {
  const [people, setPeople] = useState<Person[]>([]);
  useEffect(() => {
    const refresh = (): void => {
      const others: Person[] = [];
      awareness.getStates().forEach((state, clientId) => {
        if (clientId === awareness.clientID) return;
        const name = typeof state.name === 'string' && state.name.trim() ? state.name.trim().slice(0, 60) : 'Someone';
        const color = isColor(state.color) ? state.color : FALLBACK_PERSON_COLOR;
        others.push({ clientId, name, color });
      });
      others.sort((a, b) => a.name.localeCompare(b.name) || a.clientId - b.clientId);
      setPeople(others);
    };
    refresh();
    awareness.on('change', refresh);
    return () => awareness.off('change', refresh);
  }, [awareness]);
  return people;
}

function describeStatus(status: PeerSyncStatus, now: number): string {
  const state =
    status.state === 'connected'
      ? `Connected to ${countOf(status.peers, { one: 'peer', other: 'peers' })}`
      : status.state === 'connecting'
        ? 'Connecting…'
        : status.state === 'alone'
          ? 'No one else here'
          : 'Offline';
  const synced = status.lastSyncedAt ? ` · synced ${formatRelativeTime(status.lastSyncedAt, now)}` : '';
  return state + synced;
}

interface PeopleHereProps {
  readonly awareness: Awareness;
  readonly status: PeerSyncStatus;
  readonly now: number;
}

/** Who is here and how this entry is connected: offline, connecting, alone, or connected to N peers. */
export function PeopleHere({ awareness, status, now }: PeopleHereProps) {
  const people = usePeople(awareness);
  return (
    <div className="pb-presence">
      <span className={`pb-connection pb-connection-${status.state}`}>
        <span className="pb-connection-dot" aria-hidden="true" />
        {describeStatus(status, Math.max(now, status.lastSyncedAt ?? 0))}
      </span>
      <ul className="pb-people" aria-label="People here">
        {people.map((person) => (
          <li key={person.clientId} className="pb-person" title={person.name}>
            <span className="pb-person-dot" style={{ background: person.color }} aria-hidden="true" />
            {person.name}
          </li>
        ))}
      </ul>
    </div>
  );
}
