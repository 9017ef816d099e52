import { useCallback, useEffect, useRef, useState } from 'react';
import type * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import { DOC_ORIGINS } from '../../shared/doc/docOrigins';
import {
  contributorsMap,
  FALLBACK_CONTRIBUTOR_COLOR,
  hasContributed,
  readContributors,
  recordContributor,
  type Contributor,
} from '../../shared/entry/contributors';
import { isColor, MAX_PERSON_NAME_LENGTH } from '../../shared/people/person';
import { isFromElsewhere, type ChangeSource } from '../collab/changeSource';
import type { MentionCandidate, MentionQuery } from '../editor/MentionsPlugin';
import { contributorId } from './contributorIdentity';

interface CreditsSession {
  readonly doc: Y.Doc;
  readonly awareness: Awareness;
  changeSource(transaction: Y.Transaction): ChangeSource;
}

export interface EntryCredits {
  /** Everyone whose edits are in the entry, from the entry itself. */
  readonly contributors: Contributor[];
  /**
   * People `@` can mention: peers here now, then past contributors; this device's user only in a
   * debrief's actions, where naming yourself makes an action yours.
   */
  readonly findPeople: (query: MentionQuery) => MentionCandidate[];
}

interface EntryCreditsOptions {
  readonly session: CreditsSession;
  readonly loaded: boolean;
  readonly name: string;
  readonly color: string;
}

function personName(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const name = value.replace(/\s+/g, ' ').trim().slice(0, MAX_PERSON_NAME_LENGTH);
  return name || null;
}

const SOURCE_ORDER: Record<MentionCandidate['source'], number> = { you: 0, here: 1, contributor: 2, typed: 3 };

function matches(name: string, query: string): boolean {
  const wanted = query.trim().toLowerCase();
  if (!wanted) return true;
  const lower = name.toLowerCase();
  return lower.startsWith(wanted) || lower.split(' ').some((word) => word.startsWith(wanted));
}

/**
 * Who helped with an open entry: records this device as a contributor on its first edit (and
 * again when its name or colour changes), follows everyone's records and offers people to
 * mention. (The entry's activity in its library row, for This week and Insights, is derived by
 * the journal from the document, renderer/journal/entryDerivation.ts.)
 */
export function useEntryCredits({ session, loaded, name, color }: EntryCreditsOptions): EntryCredits {
  const myId = contributorId();
  const [contributors, setContributors] = useState<Contributor[]>(() => readContributors(session.doc));

  useEffect(() => {
    const map = contributorsMap(session.doc);
    const refresh = (): void => setContributors(readContributors(session.doc));
    refresh();
    map.observe(refresh);
    return () => map.unobserve(refresh);
  }, [session]);

  // This device becomes a contributor with its first edit of the entry: a local change that is
  // not the entry loading, a migration or this record itself. The record waits until the entry
  // has arrived (recordContributor refuses before), so a joiner never writes before sync.
  const me = useRef({ id: myId, name, color });
  me.current = { id: myId, name, color };
  useEffect(() => {
    if (!loaded) return;
    const doc = session.doc;
    let edited = hasContributed(doc, myId);
    let settled = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const record = (): void => {
      timer = null;
      if (!edited || doc.isDestroyed) return;
      recordContributor(doc, me.current);
      settled = hasContributed(doc, myId);
    };
    const onTransaction = (transaction: Y.Transaction): void => {
      const origin: unknown = transaction.origin;
      if (settled || origin === DOC_ORIGINS.contributor || origin === DOC_ORIGINS.migration) return;
      // A change made here (typed, restored, imported), not one from another device (a peer's or
      // the relay's) nor the entry loading.
      const source = session.changeSource(transaction);
      if (transaction.changed.size > 0 && !isFromElsewhere(source) && source !== 'load') edited = true;
      // Outside the transaction that triggered it: a write from inside another would nest.
      if (edited) timer ??= setTimeout(record, 0);
    };
    doc.on('afterTransaction', onTransaction);
    if (edited) timer = setTimeout(record, 0); // a name or colour that changed since
    return () => {
      doc.off('afterTransaction', onTransaction);
      if (timer) clearTimeout(timer);
    };
  }, [session, loaded, myId, name, color]);

  const findPeople = useCallback(
    ({ text, inActions }: MentionQuery): MentionCandidate[] => {
      const people = new Map<string, MentionCandidate>();
      const myName = personName(name);
      if (inActions && myName) people.set(myName, { name: myName, color, source: 'you' });
      session.awareness.getStates().forEach((state, clientId) => {
        const person = personName(state.name);
        if (clientId === session.awareness.clientID || !person || people.has(person)) return;
        const personColor = isColor(state.color) ? state.color : FALLBACK_CONTRIBUTOR_COLOR;
        people.set(person, { name: person, color: personColor, source: 'here' });
      });
      for (const contributor of contributors) {
        if (contributor.id === myId || people.has(contributor.name)) continue;
        people.set(contributor.name, { name: contributor.name, color: contributor.color, source: 'contributor' });
      }
      return [...people.values()]
        .filter((person) => matches(person.name, text))
        .sort((a, b) => SOURCE_ORDER[a.source] - SOURCE_ORDER[b.source] || a.name.localeCompare(b.name));
    },
    [session, contributors, myId, name, color],
  );

  return { contributors, findPeople };
}
