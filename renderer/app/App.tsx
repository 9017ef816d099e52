import { useEffect, useState } from 'react';
import { describeError } from '../../shared/errors/describeError';
import { Journal } from '../journal/journal';
import { JournalApp } from './JournalApp';

/**
 * The app: opens this device's journal (filled with samples first when asked, for scale
 * tooling), says so while it opens or why it could not, then shows it (JournalApp.tsx).
 */
export function App() {
  const [journal, setJournal] = useState<Journal | null>(null);
  const [startError, setStartError] = useState<string | null>(null);
  const [seeding, setSeeding] = useState<{ done: number; total: number } | null>(null);
  useEffect(() => {
    Journal.open()
      .then(async (opened) => {
        // Ask the browser to keep this journal's storage when space runs low (it may say no; the
        // desktop app's storage is kept anyway).
        void navigator.storage?.persist?.().catch(() => false);
        await seedIfAsked(opened, setSeeding);
        setJournal(opened);
      })
      .catch((cause: unknown) =>
        setStartError(`Peerbook could not open its storage on this device: ${describeError(cause)}`),
      );
  }, []);
  if (seeding) {
    return (
      <main className="pb-start" aria-busy="true">
        <p role="status">
          Filling this journal with sample entries: {seeding.done} of {seeding.total}…
        </p>
      </main>
    );
  }
  if (startError) {
    return (
      <main className="pb-start">
        <p role="alert">{startError}</p>
      </main>
    );
  }
  if (!journal) {
    return (
      <main className="pb-start" aria-busy="true">
        <p className="pb-muted">Opening your journal…</p>
      </main>
    );
  }
  return <JournalApp journal={journal} />;
}

/**
 * Scale tooling (`npm run seed`): `?seed=N` fills an empty journal with N sample entries, and
 * `&long=P` adds one entry of P paragraphs. A journal that has entries is never touched.
 */
async function seedIfAsked(journal: Journal, report: (progress: { done: number; total: number } | null) => void): Promise<void> {
  const params = new URLSearchParams(location.search);
  const count = Math.min(50_000, Math.max(0, Number(params.get('seed') ?? 0) || 0));
  const long = Math.min(20_000, Math.max(0, Number(params.get('long') ?? 0) || 0));
  if ((count === 0 && long === 0) || journal.rows().length > 0) return;
  const { seedJournal, seedLargeEntry } = await import('../journal/seedJournal');
  report({ done: 0, total: count });
  await seedJournal(journal, count, (done) => report({ done, total: count }));
  if (long > 0) await seedLargeEntry(journal, long);
  await journal.flush();
  history.replaceState(null, '', location.pathname + location.hash);
  report(null);
}
