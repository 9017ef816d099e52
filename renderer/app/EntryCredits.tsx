import type { ReactNode } from 'react';
import type { Contributor } from '../../shared/entry/contributors';
import type { ThanksCount } from '../../shared/library/entryActivity';
import { howOften } from '../../shared/locale/localeFormat';

interface EntryCreditsProps {
  readonly contributors: readonly Contributor[];
  readonly thanks: readonly ThanksCount[];
  /** Contributors are listed for shared entries (alone, the list would only ever be you). */
  readonly showContributors: boolean;
}

/**
 * Who helped: the entry's contributors (from the entry itself, so they stay listed after they
 * leave) and, in a debrief, the people thanked in "Knowledge exchanges that made a difference",
 * with how often. The same on every peer.
 */
export function EntryCredits({ contributors, thanks, showContributors }: EntryCreditsProps) {
  const people = showContributors ? uniqueByName(contributors) : [];
  if (people.length === 0 && thanks.length === 0) return null;
  return (
    <div className="pb-credits">
      {people.length > 0 && (
        <CreditGroup label="Contributors">
          {people.map((person) => (
            <li key={person.id} className="pb-person" title={`${person.name} has edited this entry`}>
              <span className="pb-person-dot" style={{ background: person.color }} aria-hidden="true" />
              {person.name}
            </li>
          ))}
        </CreditGroup>
      )}
      {thanks.length > 0 && (
        <CreditGroup label="Thanks">
          {thanks.map(({ name, count }) => (
            <ThankedPerson key={name} name={name} count={count} title={`${name}, thanked ${howOften(count)} in Knowledge exchanges`} />
          ))}
        </CreditGroup>
      )}
    </div>
  );
}

/** A labelled list of people: the label is drawn for the eye, and names the list for a screen reader. */
function CreditGroup({ label, children }: { readonly label: string; readonly children: ReactNode }) {
  return (
    <div className="pb-credit-group">
      <span className="pb-credit-label" aria-hidden="true">
        {label}
      </span>
      <ul className="pb-people" aria-label={label}>
        {children}
      </ul>
    </div>
  );
}

function uniqueByName(contributors: readonly Contributor[]): Contributor[] {
  const seen = new Set<string>();
  return contributors.filter((person) => !seen.has(person.name) && seen.add(person.name));
}

/** One person thanked, with how often: a count drawn beside the name, said in words. */
export function ThankedPerson({ name, count, title }: { readonly name: string; readonly count: number; readonly title?: string }) {
  return (
    <li className="pb-person pb-thanked" title={title}>
      {name}
      <span className="pb-thanks-count" aria-hidden="true">
        {count}
      </span>
      <span className="pb-visually-hidden">, thanked {howOften(count)}</span>
    </li>
  );
}
