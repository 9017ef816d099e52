import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { BackupIdentity } from '../../shared/backup/backupFormat';
import { countTags, trashedEntries } from '../../shared/library/libraryQuery';
import { displayTitle, type EntryRow } from '../../shared/library/entryRow';
import { Journal } from '../journal/journal';
import { AppDialogs } from './AppDialogs';
import { loadAppSettings, saveAppSettings, type AppSettings } from './appSettings';
import { AppStore, AppStoreContext, useAppState, useAppStore, type LearningPlace } from './appStore';
import { CommandRegistry, CommandRegistryContext, useCommands } from './commandRegistry';
import { adoptContributorId, contributorId } from './contributorIdentity';
import { EmptyState } from './EmptyState';
import { EntryView } from './EntryView';
import { JournalFileActions } from './JournalFileActions';
import { entryToReopen, rememberOpenEntry } from './lastOpenEntry';
import { LearningNav, LearningView } from './LearningViews';
import { SaveStatus } from './SaveStatus';
import { Sidebar } from './Sidebar';
import { TrashView } from './TrashView';
import { NEW_ENTRY_COMMANDS, useAppCommands, useOpenWithBodyFocus } from './useAppCommands';
import { useAutomaticBackups } from './useAutomaticBackups';
import { useBackgroundSync } from './useBackgroundSync';
import { useEntryRows, useNow } from './journalHooks';
import { useLibrarySearch } from './useLibrarySearch';
import { usePlatformCommands } from './usePlatformCommands';
import { ViewErrorBoundary } from './ViewErrorBoundary';
import { describeError } from '../../shared/errors/describeError';

/** Background sync's rooms until the first paint: none. */
const NO_ROWS: readonly EntryRow[] = [];

/** Runs `work` once the next frame has been painted; returns what cancels it. */
function afterFirstPaint(work: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(work, 0);
  });
  return () => {
    cancelAnimationFrame(frame);
    if (timer) clearTimeout(timer);
  };
}

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

/**
 * The app's store and command registry, made once for the journal's life: the entry last open
 * comes back (if it is still in the journal, out of the Trash), and storage problems found while
 * opening are reported first.
 */
function JournalApp({ journal }: { journal: Journal }) {
  const [store] = useState(() => {
    const reopen = entryToReopen((id) => journal.row(id));
    return new AppStore({
      place: reopen ? { view: 'entry', id: reopen } : { view: 'library' },
      error: journal.startupProblems[0] ?? null,
    });
  });
  const [commands] = useState(() => new CommandRegistry());
  return (
    <AppStoreContext value={store}>
      <CommandRegistryContext value={commands}>
        <JournalShell journal={journal} />
      </CommandRegistryContext>
    </AppStoreContext>
  );
}

function isLearningPlace(view: string): view is LearningPlace {
  return view === 'this-week' || view === 'review' || view === 'insights';
}

function JournalShell({ journal }: { journal: Journal }) {
  const store = useAppStore();
  const commands = useCommands();
  const rows = useEntryRows(journal);
  const now = useNow(journal);
  const [settings, setSettings] = useState<AppSettings>(loadAppSettings);
  const place = useAppState((state) => state.place);
  const error = useAppState((state) => state.error);
  const setError = useCallback((message: string | null) => store.setError(message), [store]);
  // Nothing but the library (and the entry on screen) comes before the first paint: search
  // indexing and background sync start after it (user-timing marks say when, for the benchmarks).
  const [painted, setPainted] = useState(false);
  useEffect(
    () =>
      afterFirstPaint(() => {
        performance.mark('peerbook:background-work-started');
        journal.startSearch();
        setPainted(true);
      }),
    [journal],
  );
  const { visible, findEntries } = useLibrarySearch(rows);
  const trash = useMemo(() => trashedEntries(rows), [rows]);
  const tags = useMemo(() => countTags(rows), [rows]);
  const liveCount = rows.length - trash.length;
  const selectedId = place.view === 'entry' ? place.id : null;
  const learningView = isLearningPlace(place.view) ? place.view : null;
  // Looked up by id, not searched for among 10,000 rows on every render; `rows` says when it changed.
  const selectedRow = useMemo(() => {
    const row = selectedId === null ? null : journal.row(selectedId);
    return row && row.trashedAt === null ? row : null;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [journal, rows, selectedId]);
  // The entry on screen is the one a reload reopens, and the window is named after it.
  useEffect(() => {
    if (selectedRow) rememberOpenEntry(selectedRow.id);
  }, [selectedRow]);
  const windowTitle = selectedRow ? `${displayTitle(selectedRow)} — Peerbook` : 'Peerbook';
  useEffect(() => {
    document.title = windowTitle;
  }, [windowTitle]);

  const openWithBodyFocus = useOpenWithBodyFocus();
  // Desktop: the menu and peerbook:// links, the local-network server; everywhere: Export journal.
  const platformCommands = usePlatformCommands({
    rows,
    entries: journal.entries,
    settings,
    onCommand: (id) => {
      if (!commands.run(id) && id === 'export-markdown') setError('Open an entry to export it as Markdown.');
    },
    onNewEntry: (kind) => commands.run(NEW_ENTRY_COMMANDS[kind]),
    onJoin: (link) => store.openDialog({ kind: 'join', link }),
    onError: setError,
  });
  useAppCommands({ journal, visible, exportJournal: platformCommands.exportJournal, menuOwnsShortcuts: platformCommands.menuOwnsShortcuts });
  // Every shared entry stays in step with its peers while the app runs, open or not.
  const sync = useBackgroundSync(journal, painted ? rows : NO_ROWS, settings, platformCommands.localNetworkSignaling);
  // The first share or join asks for the name colleagues will see; confirming it keeps it.
  const confirmName = useCallback((name: string) => {
    setSettings((current) => {
      const next = { ...current, name, nameChosen: true };
      saveAppSettings(next);
      return next;
    });
  }, []);
  const settingsNow = useRef(settings);
  settingsNow.current = settings;
  useEffect(() => {
    journal.personName = () => settingsNow.current.name;
    journal.deviceIdentity = () => {
      const { name, color, nameChosen } = settingsNow.current;
      return nameChosen ? { name, color, contributorId: contributorId() } : null;
    };
  }, [journal]);
  // A backup restored where nobody has chosen a name yet (a new machine, a wiped profile) brings
  // back the person who made it: colleagues go on seeing the same name, colour and contributor.
  const adoptIdentity = useCallback((identity: BackupIdentity) => {
    setSettings((current) => {
      if (current.nameChosen) return current;
      adoptContributorId(identity.contributorId);
      const next = { ...current, name: identity.name, color: identity.color, nameChosen: true };
      saveAppSettings(next);
      return next;
    });
  }, []);
  useAutomaticBackups(journal, setError); // desktop only: Documents/Peerbook Backups, the newest ten

  // The entry and the learning links are drawn again only when what they show changes, not on
  // every keystroke in Search (the entry's editor may hold thousands of paragraphs).
  const showLearning = useCallback((view: LearningPlace) => void commands.run(view), [commands]);
  const learningNav = useMemo(
    () => <LearningNav rows={rows} now={now} view={learningView} onShow={showLearning} />,
    [rows, now, learningView, showLearning],
  );
  const closeTrashed = useCallback(() => store.show({ view: 'library' }), [store]);
  const { localNetworkSignaling } = platformCommands;
  const entryView = useMemo(
    () =>
      selectedRow && (
        <EntryView
          localNetworkSignaling={localNetworkSignaling}
          sync={sync}
          key={selectedRow.id}
          journal={journal}
          row={selectedRow}
          settings={settings}
          now={now}
          onConfirmName={confirmName}
          onTrashed={closeTrashed}
          onOpenEntry={openWithBodyFocus}
          onError={setError}
          findEntries={findEntries}
        />
      ),
    [selectedRow, localNetworkSignaling, sync, confirmName, journal, settings, now, closeTrashed, openWithBodyFocus, setError, findEntries],
  );

  return (
    <div className="pb-app">
      <Sidebar
        entries={visible}
        totalLive={liveCount}
        trashCount={trash.length}
        tags={tags}
        now={now}
        fileActions={<JournalFileActions journal={journal} onOpen={openWithBodyFocus} onError={setError} onRestoredIdentity={adoptIdentity} />}
        learning={learningNav}
        search={journal.search}
        onRenameTag={(from, to) => {
          journal.renameTag(from, to).then(
            (unchanged) => {
              if (unchanged.length > 0) setError(`#${from} stays on ${unchanged.length === 1 ? 'one entry' : `${unchanged.length} entries`} written by a newer Peerbook, which this one does not change.`);
            },
            (cause: unknown) => setError(`Could not rename the tag: ${describeError(cause)}`),
          );
          store.setFilter((current) => (current.tag === from ? { ...current, tag: null } : current));
        }}
      />
      <main className="pb-main">
        <div className="pb-topbar">
          <SaveStatus journal={journal} />
        </div>
        {error && (
          <div className="pb-alert" role="alert">
            <span>{error}</span>
            <button type="button" className="pb-link-button" onClick={() => setError(null)}>
              Dismiss
            </button>
          </div>
        )}
        {platformCommands.notice && (
          <div className="pb-notice" aria-live="polite">
            <span>{platformCommands.notice}</span>
            <button type="button" className="pb-link-button" onClick={platformCommands.dismissNotice}>
              Dismiss
            </button>
          </div>
        )}
        {/* A view that throws shows why and a way back instead of blanking the app. */}
        <ViewErrorBoundary
          what={selectedRow ? 'This entry' : 'This view'}
          backLabel="Back to the library"
          onBack={() => store.show({ view: 'library' })}
          resetKey={`${place.view} ${selectedRow?.id ?? ''}`}
        >
        {place.view === 'creating' ? (
          <p className="pb-creating pb-muted" aria-busy="true">
            Creating…
          </p>
        ) : place.view === 'trash' ? (
          <TrashView
            rows={trash}
            now={now}
            onRestore={(id) => journal.restore(id)}
            onDeleteForever={(id) => {
              journal.deleteForever(id).catch((cause: unknown) =>
                setError(`Could not delete the entry: ${describeError(cause)}`),
              );
            }}
          />
        ) : learningView ? (
          <LearningView view={learningView} journal={journal} rows={rows} now={now} onOpen={openWithBodyFocus} onError={setError} />
        ) : entryView ? (
          entryView
        ) : (
          <EmptyState hasEntries={liveCount > 0} onCreate={(kind) => commands.run(NEW_ENTRY_COMMANDS[kind])} />
        )}
        </ViewErrorBoundary>
      </main>
      <AppDialogs journal={journal} settings={settings} onSettings={setSettings} onConfirmName={confirmName} findEntries={findEntries} />
    </div>
  );
}
