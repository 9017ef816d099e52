import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { EntryId } from '../../shared/entry/entryId';
import type { EntryKind } from '../../shared/entry/entryKind';
import { countTags, queryEntries, trashedEntries, type EntrySort, type LibraryFilter } from '../../shared/library/libraryQuery';
import type { EntryRow } from '../../shared/library/entryRow';
import { Journal } from '../journal/journal';
import type { SearchHit } from '../search/journalSearch';
import { matchTitles } from '../search/titleMatch';
import { EmptyState } from './EmptyState';
import { EntryView, type EntryViewHandle } from './EntryView';
import { matchShortcut } from './keyboardShortcuts';
import { loadAppSettings, saveAppSettings, type AppSettings } from './appSettings';
import { JoinDialog } from './JoinDialog';
import { LearningNav, LearningView, type LearningViewName } from './LearningViews';
import { JournalFileActions } from './JournalFileActions';
import { adoptContributorId, contributorId } from './contributorIdentity';
import type { BackupIdentity } from '../../shared/backup/journalBackup';
import { SettingsDialog } from './SettingsDialog';
import { Sidebar } from './Sidebar';
import { TrashView } from './TrashView';
import { QuickSwitcher } from './QuickSwitcher';
import { SaveStatus } from './SaveStatus';
import { useEntryRows, useNow, useSearchVersion } from './useJournal';
import { useAutomaticBackups } from './useAutomaticBackups';
import { ViewErrorBoundary } from './ViewErrorBoundary';
import { useBackgroundSync } from './useBackgroundSync';
import { usePlatformCommands } from './usePlatformCommands';

/** Background sync's rooms until the first paint: none. */
const NO_ROWS: readonly EntryRow[] = [];

/** Go to entry shows ten, a [[ link offers a few: fifty is plenty for either. */
const MAX_TITLE_MATCHES = 50;

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
        setStartError(`Peerbook could not open its storage on this device: ${cause instanceof Error ? cause.message : String(cause)}`),
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

function JournalApp({ journal }: { journal: Journal }) {
  const rows = useEntryRows(journal);
  const now = useNow(journal);
  const [settings, setSettings] = useState<AppSettings>(loadAppSettings);
  const [dialog, setDialog] = useState<'join' | 'settings' | 'switch' | null>(null);
  const [query, setQuery] = useState('');
  const searchVersion = useSearchVersion(journal);
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
  const [selectedId, setSelectedId] = useState<EntryId | null>(null);
  const [showingTrash, setShowingTrash] = useState(false);
  const [learningView, setLearningView] = useState<LearningViewName | null>(null);
  const [filter, setFilter] = useState<LibraryFilter>({ kind: null, tag: null });
  const [sort, setSort] = useState<EntrySort>('updated');
  // Storage problems found while opening (a library set aside and rebuilt) are reported first.
  const [error, setError] = useState<string | null>(journal.startupProblems[0] ?? null);
  // While a new entry is written to disk, the entry that was open is closed at once, so what
  // the user types next cannot land in it.
  const [creating, setCreating] = useState(false);

  const visible = useMemo(() => queryEntries(rows, filter, sort), [rows, filter, sort]);
  // Results come from the search worker; the previous ones stay on screen until they arrive.
  const [found, setFound] = useState<{ readonly hits: SearchHit[] } | null>(null);
  const searching = query.trim() !== '';
  useEffect(() => {
    if (!searching) {
      setFound(null);
      return;
    }
    let current = true;
    void journal.search.search(query, filter).then((hits) => {
      if (current) setFound({ hits });
    });
    return () => {
      current = false;
    };
    // searchVersion: results are asked again when the index changes.
  }, [journal, query, searching, filter, searchVersion]);
  const hits = searching ? (found?.hits ?? []) : null;
  // User-timing marks for the benchmarks (npm run bench): the library drawn, search results drawn.
  useEffect(() => void performance.mark('peerbook:library-interactive'), []);
  // Marked once the results are in the page (before the frame that paints them), as the search
  // did when it answered within the keystroke's own render.
  useLayoutEffect(() => {
    if (found) performance.mark('peerbook:search-drawn');
  }, [found]);
  // Go to entry and [[ links match titles in this thread, most recent first (titleMatch.ts).
  const byRecency = useMemo(() => {
    let sorted: EntryRow[] | null = null;
    return () => (sorted ??= queryEntries(rows, { kind: null, tag: null }, 'updated'));
  }, [rows]);
  const findEntries = useCallback(
    (text: string) => (text.trim() ? matchTitles(byRecency(), text, MAX_TITLE_MATCHES) : visible),
    [byRecency, visible],
  );
  const trash = useMemo(() => trashedEntries(rows), [rows]);
  const tags = useMemo(() => countTags(rows), [rows]);
  const liveCount = rows.length - trash.length;
  // Looked up by id, not searched for among 10,000 rows on every render; `rows` says when it changed.
  const selectedRow = useMemo(() => {
    const row = selectedId === null ? null : journal.row(selectedId);
    return row && row.trashedAt === null ? row : null;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [journal, rows, selectedId]);

  const open = useCallback((id: EntryId) => {
    setShowingTrash(false);
    setLearningView(null);
    setSelectedId(id);
  }, []);

  const create = useCallback(
    (kind: EntryKind) => {
      setCreating(true);
      setSelectedId(null);
      journal.createDraft(kind).then(
        (id) => {
          setCreating(false);
          // A new entry shows at the top: clear filters that would hide it.
          setFilter((current) => (current.kind === null || current.kind === kind ? { ...current, tag: null } : { kind: null, tag: null }));
          open(id);
        },
        (cause: unknown) => {
          setCreating(false);
          setError(`Could not create the entry: ${cause instanceof Error ? cause.message : String(cause)}`);
        },
      );
    },
    [journal, open],
  );

  // Desktop: the menu and peerbook:// links, the local-network server; everywhere: Export journal.
  const [joinLink, setJoinLink] = useState<string | null>(null);
  const entryViewRef = useRef<EntryViewHandle>(null);
  const platformCommands = usePlatformCommands({
    rows,
    entries: journal.entries,
    settings,
    onNewEntry: create,
    onJoin: (link) => {
      setJoinLink(link);
      setDialog('join');
    },
    onSettings: () => setDialog('settings'),
    onExportEntry: () => {
      if (entryViewRef.current) entryViewRef.current.exportMarkdown();
      else setError('Open an entry to export it as Markdown.');
    },
    onError: setError,
  });
  const { menuOwnsNewEntryShortcuts } = platformCommands;
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
  const showLearning = useCallback((view: LearningViewName) => {
    setShowingTrash(false);
    setSelectedId(null);
    setLearningView(view);
  }, []);
  const learningNav = useMemo(
    () => <LearningNav rows={rows} now={now} view={showingTrash ? null : learningView} onShow={showLearning} />,
    [rows, now, showingTrash, learningView, showLearning],
  );
  const closeTrashed = useCallback(() => setSelectedId(null), []);
  const { localNetworkSignaling } = platformCommands;
  const entryView = useMemo(
    () =>
      selectedRow && (
        <EntryView
          ref={entryViewRef}
          localNetworkSignaling={localNetworkSignaling}
          sync={sync}
          key={selectedRow.id}
          journal={journal}
          row={selectedRow}
          settings={settings}
          now={now}
          onConfirmName={confirmName}
          onTrashed={closeTrashed}
          onOpenEntry={open}
          onError={setError}
          findEntries={findEntries}
        />
      ),
    [selectedRow, localNetworkSignaling, sync, confirmName, journal, settings, now, closeTrashed, open, findEntries],
  );

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      const action = matchShortcut(event);
      if (!action) return;
      if (action.type === 'new' && menuOwnsNewEntryShortcuts) return; // the menu's accelerator answers
      event.preventDefault();
      if (action.type === 'new') {
        create(action.kind);
        return;
      }
      if (action.type === 'search') {
        document.getElementById('pb-search')?.focus();
        return;
      }
      if (action.type === 'switch') {
        setDialog('switch');
        return;
      }
      if (visible.length === 0) return;
      const index = visible.findIndex((row) => row.id === selectedId);
      const next = visible[Math.min(visible.length - 1, Math.max(0, index === -1 ? 0 : index + action.by))];
      if (next) open(next.id);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [create, open, visible, selectedId, menuOwnsNewEntryShortcuts]);


  return (
    <div className="pb-app">
      <Sidebar
        entries={visible}
        totalLive={liveCount}
        trashCount={trash.length}
        tags={tags}
        filter={filter}
        sort={sort}
        selectedId={selectedId}
        showingTrash={showingTrash}
        now={now}
        onCreate={create}
        onOpen={open}
        onFilter={setFilter}
        onSort={setSort}
        onShowTrash={() => setShowingTrash((showing) => !showing)}
        onJoin={() => setDialog('join')}
        fileActions={<JournalFileActions journal={journal} onOpen={open} onError={setError} onRestoredIdentity={adoptIdentity} />}
        learning={learningNav}
        onSettings={() => setDialog('settings')}
        onExportJournal={platformCommands.exportJournal}
        query={query}
        onQuery={setQuery}
        hits={hits}
        searchState={journal.search.state}
        onRenameTag={(from, to) => {
          journal.renameTag(from, to).then(
            (unchanged) => {
              if (unchanged.length > 0) setError(`#${from} stays on ${unchanged.length === 1 ? 'one entry' : `${unchanged.length} entries`} written by a newer Peerbook, which this one does not change.`);
            },
            (cause: unknown) => setError(`Could not rename the tag: ${cause instanceof Error ? cause.message : String(cause)}`),
          );
          setFilter((current) => (current.tag === from ? { ...current, tag: null } : current));
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
          what={selectedRow && !showingTrash && !learningView ? 'This entry' : 'This view'}
          backLabel="Back to the library"
          onBack={() => {
            setShowingTrash(false);
            setLearningView(null);
            setSelectedId(null);
          }}
          resetKey={`${String(showingTrash)} ${learningView ?? ''} ${selectedRow?.id ?? ''}`}
        >
        {creating ? (
          <p className="pb-creating pb-muted" aria-busy="true">
            Creating…
          </p>
        ) : showingTrash ? (
          <TrashView
            rows={trash}
            now={now}
            onRestore={(id) => journal.restore(id)}
            onDeleteForever={(id) => {
              journal.deleteForever(id).catch((cause: unknown) =>
                setError(`Could not delete the entry: ${cause instanceof Error ? cause.message : String(cause)}`),
              );
            }}
          />
        ) : learningView ? (
          <LearningView view={learningView} journal={journal} rows={rows} now={now} onOpen={open} onError={setError} />
        ) : entryView ? (
          entryView
        ) : (
          <EmptyState hasEntries={liveCount > 0} onCreate={create} />
        )}
        </ViewErrorBoundary>
      </main>
      {dialog === 'join' && (
        <JoinDialog
          key={joinLink ?? ''}
          initialLink={joinLink ?? undefined}
          nameToConfirm={settings.nameChosen ? null : settings.name}
          onClose={() => {
            setDialog(null);
            setJoinLink(null);
          }}
          onJoin={(link, name) => {
            if (name) confirmName(name);
            setDialog(null);
            setJoinLink(null);
            setFilter({ kind: null, tag: null });
            open(journal.joinEntry(link));
          }}
        />
      )}
      {dialog === 'switch' && (
        <QuickSwitcher
          find={findEntries}
          onClose={() => setDialog(null)}
          onOpen={(id) => {
            setDialog(null);
            open(id);
          }}
        />
      )}
      {dialog === 'settings' && (
        <SettingsDialog
          settings={settings}
          onClose={() => setDialog(null)}
          onSave={(next) => {
            saveAppSettings(next);
            setSettings(next);
            setDialog(null);
          }}
        />
      )}
    </div>
  );
}
