import { useCallback, useEffect, useRef, useState } from 'react';
import type * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import { DOC_ORIGINS } from '../../shared/doc/docOrigins';
import {
  contributorNames,
  contributorsMap,
  FALLBACK_CONTRIBUTOR_COLOR,
  hasContributed,
  readContributors,
  recordContributor,
  type Contributor,
} from '../../shared/entry/contributors';
import { readEntryMeta } from '../../shared/entry/entryDoc';
import type { EntryId } from '../../shared/entry/entryId';
import { MAX_PERSON_NAME_LENGTH, type ThanksCount } from '../../shared/library/entryActivity';
import type { BodyActivity } from '../editor/EntryActivityPlugin';
import type { MentionCandidate } from '../editor/MentionsPlugin';
import type { Journal } from '../journal/journal';
import { contributorId } from './contributorIdentity';

interface CreditsSession {
  readonly doc: Y.Doc;
  readonly awareness: Awareness;
  isLoadOrigin(origin: unknown): boolean;
}

export interface EntryCredits {
  /** Everyone whose edits are in the entry, from the entry itself. */
  readonly contributors: Contributor[];
  /** Thanks in the body's "Knowledge exchanges" section, most thanked first. */
  readonly thanks: ThanksCount[];
  /** People `@` can mention: peers here now, then past contributors; never this device. */
  readonly findPeople: (query: string) => MentionCandidate[];
  /** For the editor: the body's thanks and ticks, after each change. */
  readonly onBodyActivity: (activity: BodyActivity) => void;
}

interface EntryCreditsOptions {
  readonly journal: Journal;
  readonly entryId: EntryId;
  readonly session: CreditsSession;
  readonly loaded: boolean;
  readonly name: string;
  readonly color: string;
  /** The activity the library row holds, shown until the body has reported its own. */
  readonly storedThanks: readonly ThanksCount[];
}

function personName(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const name = value.replace(/\s+/g, ' ').trim().slice(0, MAX_PERSON_NAME_LENGTH);
  return name || null;
}

function matches(name: string, query: string): boolean {
  const wanted = query.trim().toLowerCase();
  if (!wanted) return true;
  const lower = name.toLowerCase();
  return lower.startsWith(wanted) || lower.split(' ').some((word) => word.startsWith(wanted));
}

/**
 * Who helped with an open entry: records this device as a contributor on its first edit (and
 * again when its name or colour changes), follows everyone's records, offers people to mention,
 * and keeps the entry's activity (contributors, thanks, ticks) in its library row for This week
 * and Insights.
 */
export function useEntryCredits({ journal, entryId, session, loaded, name, color, storedThanks }: EntryCreditsOptions): EntryCredits {
  const myId = contributorId();
  const [contributors, setContributors] = useState<Contributor[]>(() => readContributors(session.doc));
  const [body, setBody] = useState<BodyActivity | null>(null);

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
      if (transaction.local && transaction.changed.size > 0 && !session.isLoadOrigin(origin)) edited = true;
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

  // The activity in the library row, once the body has been read and the entry has arrived.
  // Written straight from the callbacks, not from a render: the editor reports a last time as
  // the entry closes (a tick just before opening another entry still counts).
  const latest = useRef<{ contributors: Contributor[]; body: BodyActivity | null }>({ contributors, body: null });
  const writeActivity = useCallback(() => {
    const { contributors: people, body: activity } = latest.current;
    if (!activity || readEntryMeta(session.doc) === null) return;
    journal.updateRow(entryId, { activity: { contributors: contributorNames(people), thanks: activity.thanks, ticks: activity.ticks } });
  }, [journal, entryId, session]);
  useEffect(() => {
    latest.current.contributors = contributors;
    writeActivity();
  }, [contributors, writeActivity]);
  const onBodyActivity = useCallback(
    (activity: BodyActivity) => {
      latest.current.body = activity;
      setBody(activity);
      writeActivity();
    },
    [writeActivity],
  );

  const findPeople = useCallback(
    (query: string): MentionCandidate[] => {
      const people = new Map<string, MentionCandidate>();
      session.awareness.getStates().forEach((state, clientId) => {
        const person = personName(state.name);
        if (clientId === session.awareness.clientID || !person || people.has(person)) return;
        const personColor = typeof state.color === 'string' && /^#[0-9a-f]{6}$/i.test(state.color) ? state.color : FALLBACK_CONTRIBUTOR_COLOR;
        people.set(person, { name: person, color: personColor, here: true });
      });
      for (const contributor of contributors) {
        if (contributor.id === myId || people.has(contributor.name)) continue;
        people.set(contributor.name, { name: contributor.name, color: contributor.color, here: false });
      }
      return [...people.values()]
        .filter((person) => matches(person.name, query))
        .sort((a, b) => Number(b.here) - Number(a.here) || a.name.localeCompare(b.name));
    },
    [session, contributors, myId],
  );

  return { contributors, thanks: body?.thanks ?? [...storedThanks], findPeople, onBodyActivity };
}
