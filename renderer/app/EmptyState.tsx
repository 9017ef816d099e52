import type { EntryKind } from '../../shared/entry/entryKind';

interface EmptyStateProps {
  readonly hasEntries: boolean;
  readonly onCreate: (kind: EntryKind) => void;
}

const STARTERS: ReadonlyArray<{ kind: EntryKind; label: string; blurb: string }> = [
  { kind: 'lesson', label: 'Write a lesson note', blurb: 'One thing you learned today, in a minute or two.' },
  { kind: 'checklist', label: 'Start a checklist', blurb: 'Steps that carry a practice to the next person.' },
  { kind: 'debrief', label: 'Open a debrief', blurb: 'What went well, what didn’t, and who helped.' },
];

/** What the main pane shows when no entry is open: a welcome, or a nudge to pick one. */
export function EmptyState({ hasEntries, onCreate }: EmptyStateProps) {
  return (
    <section className="pb-empty" aria-labelledby="pb-empty-heading">
      <h1 id="pb-empty-heading">{hasEntries ? 'Pick an entry, or start a new one' : 'Your journal is ready'}</h1>
      <p className="pb-muted">
        {hasEntries
          ? 'Everything you write is saved on this device as you type.'
          : 'Capture what you learn at work while it is fresh. Everything stays on this device unless you share it.'}
      </p>
      <div className="pb-starters">
        {STARTERS.map(({ kind, label, blurb }) => (
          <button key={kind} type="button" className={`pb-starter pb-kind-${kind}`} onClick={() => onCreate(kind)}>
            <span className="pb-starter-label">{label}</span>
            <span className="pb-starter-blurb">{blurb}</span>
          </button>
        ))}
      </div>
    </section>
  );
}
