import * as Y from 'yjs';
import { useCallback, useEffect, useImperativeHandle, useRef, useState, type Ref } from 'react';
import { addEntryTag, getEntryTags, getEntryTitle, readEntryMeta, removeEntryTag, setEntryTitle } from '../../shared/entry/entryDoc';
import type { EntryId } from '../../shared/entry/entryId';
import { composeEntryMarkdown, markdownFileName } from '../../shared/entry/entryMarkdownFile';
import { formatInviteLink } from '../../shared/invite/inviteLink';
import { displayTitle, formatProgress, kindLabel, type ChecklistProgress, type EntryRow } from '../../shared/library/entryRow';
import { formatRelativeTime } from '../../shared/time/relativeTime';
import type { PeerSyncStatus } from '../collab/peerSync';
import { EntryEditor, type BodyController } from '../editor/EntryEditor';
import { EntryHistory } from '../history/entryHistory';
import type { EntryVersion } from '../history/versionStore';
import { formatVersionTime, HistoryPanel } from './HistoryPanel';
import type { BodyText } from '../editor/entryText';
import { readBodyMarkdown } from '../editor/headlessBodyEditor';
import type { Journal } from '../journal/journal';
import { getPlatform } from '../platform';
import { toRtcIceServers, type AppSettings } from './appSettings';
import { PeopleHere } from './PeopleHere';
import { EntryCredits } from './EntryCredits';
import { useEntryCredits } from './useEntryCredits';
import { makeLessonFromDebrief } from '../journal/lessonNotes';
import { ShareDialog } from './ShareDialog';
import { TagEditor } from './TagEditor';
import { useEntryTitleAndTags } from './useEntryDoc';
import { useSearchVersion } from './useJournal';
import { inviteSignaling } from './usePlatformCommands';

interface EntryViewProps {
  readonly journal: Journal;
  readonly row: EntryRow;
  readonly settings: AppSettings;
  readonly now: number;
  readonly onTrashed: (id: EntryId) => void;
  readonly onOpenEntry: (id: EntryId) => void;
  readonly onError: (message: string) => void;
  /** Entries matching a query, best first (recent ones for an empty query): link targets. */
  readonly findEntries: (query: string) => EntryRow[];
  /** Desktop: this machine's signaling server on the local network, for connecting and for links. */
  readonly localNetworkSignaling?: readonly string[];
  /** Lets the application menu's Export Markdown act on the open entry. */
  readonly ref?: Ref<EntryViewHandle>;
}

export interface EntryViewHandle {
  exportMarkdown(): void;
}

const BODY_PLACEHOLDERS = {
  lesson: 'What happened, what you learned, and how you will apply it…',
  checklist: 'Describe the checklist, then add steps…',
  debrief: 'Write the debrief together…',
} as const;

const ROW_TIME_GRANULARITY_MS = 30_000;

function describeError(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}

/** One open entry: its header (title, kind, progress, tags, sharing, actions) and its body. */
export function EntryView({ journal, row, settings, now, onTrashed, onOpenEntry, onError, findEntries, localNetworkSignaling = [], ref }: EntryViewProps) {
  const { id } = row;
  const [session] = useState(() => journal.openEntry(id));
  const [loaded, setLoaded] = useState(false);
  const [shareOpen, setShareOpen] = useState(false);
  const [peerStatus, setPeerStatus] = useState<PeerSyncStatus | null>(null);
  const loadedRef = useRef(false);
  const rowRef = useRef(row);
  const lastChangeRef = useRef<number | null>(null);
  rowRef.current = row;
  const { title, tags } = useEntryTitleAndTags(session.doc);
  // History: versions saved by hand, after pauses, on close and before a long-apart peer merges.
  const settingsRef = useRef(settings);
  settingsRef.current = settings;
  const [history] = useState(() =>
    journal.versions ? new EntryHistory(id, session, journal.versions, () => settingsRef.current.name, journal.now) : null,
  );
  const [historyOpen, setHistoryOpen] = useState(false);
  const [versionName, setVersionName] = useState('');
  const bodyController = useRef<BodyController | null>(null);

  useEffect(() => {
    let cancelled = false;
    session.whenLoaded.then(
      () => {
        if (cancelled) return;
        loadedRef.current = true;
        setLoaded(true);
      },
      (cause: unknown) => onError(`This entry could not be opened: ${describeError(cause)}`),
    );
    return () => {
      cancelled = true;
      // The closing version takes the document's state at once, before the session frees it.
      void history?.close();
      void session.close();
    };
  }, [session, history, onError]);

  const saveVersion = (): void => {
    if (!history) return;
    setHistoryOpen(true);
    history.save('manual', versionName).then(
      () => setVersionName(''),
      (cause: unknown) => onError(`Could not save the version: ${describeError(cause)}`),
    );
  };

  const restoreVersion = (version: EntryVersion): void => {
    const versionDoc = new Y.Doc();
    Y.applyUpdate(versionDoc, version.state);
    // What is replaced is kept too: a restore can itself be undone from History.
    void history?.save('manual', `Before restoring the version of ${formatVersionTime(version.createdAt)}`);
    bodyController.current?.restoreFrom(versionDoc);
    session.doc.transact(() => {
      setEntryTitle(session.doc, getEntryTitle(versionDoc));
      const wanted = getEntryTags(versionDoc);
      for (const tag of getEntryTags(session.doc)) if (!wanted.includes(tag)) removeEntryTag(session.doc, tag);
      for (const tag of wanted) addEntryTag(session.doc, tag, journal.now());
    });
    versionDoc.destroy();
  };

  // Keep the library row in step with the entry, for every change that is not just the entry
  // loading from disk: title, tags, last change and, once a joined entry first hears from a
  // peer, its real kind.
  useEffect(() => {
    // afterTransaction, not 'update': an 'update' listener makes Yjs encode every transaction,
    // the load of a long entry included.
    const onTransaction = (transaction: Y.Transaction): void => {
      const origin: unknown = transaction.origin;
      if (transaction.changed.size === 0 || !loadedRef.current || session.isLoadOrigin(origin)) return;
      const changedAt = journal.now();
      lastChangeRef.current = changedAt;
      journal.scheduleRowUpdate(id, () => {
        const meta = readEntryMeta(session.doc);
        const current = rowRef.current;
        const title = getEntryTitle(session.doc);
        const tags = getEntryTags(session.doc);
        const sameShown = title === current.title && tags.join('\n') === current.tags.join('\n') && !(meta && current.awaitingPeer);
        // While only the body changes, the row's "last change" moves at most every 30 s (the
        // library shows minutes), so typing in a long entry does not redraw the library each time.
        if (sameShown && changedAt - current.updatedAt < ROW_TIME_GRANULARITY_MS) return {};
        return {
          title,
          tags,
          updatedAt: changedAt,
          ...(meta && current.awaitingPeer ? { kind: meta.kind, awaitingPeer: false } : {}),
        };
      });
    };
    session.doc.on('afterTransaction', onTransaction);
    return () => {
      session.doc.off('afterTransaction', onTransaction);
      // The last change's exact time, when the entry is closed.
      const last = lastChangeRef.current;
      if (last !== null && last > rowRef.current.updatedAt) journal.updateRow(id, { updatedAt: last });
    };
  }, [journal, session, id]);

  // A shared entry is connected to its room while it is open.
  const share = row.share;
  const signalingKey = share ? [...new Set([...share.signaling, ...settings.signaling, ...localNetworkSignaling])].join('\n') : '';
  const iceKey = settings.iceServers.join('\n');
  useEffect(() => {
    if (!loaded || !share) return;
    session.connectToPeers({
      room: share.room,
      key: share.key,
      signaling: signalingKey.split('\n'),
      iceServers: toRtcIceServers(iceKey ? iceKey.split('\n') : []),
    });
  }, [session, loaded, share?.room, share?.key, signalingKey, iceKey]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => {
    setPeerStatus(session.peerStatus);
    return session.onPeerStatus(setPeerStatus);
  }, [session]);

  const onProgress = useCallback(
    (progress: ChecklistProgress) => {
      if (row.kind === 'checklist') journal.updateRow(id, { progress });
    },
    [journal, id, row.kind],
  );

  const onBodyText = useCallback((text: BodyText) => journal.search.updateText({ id, ...text }), [journal, id]);
  const findLinkTargets = useCallback(
    (query: string) =>
      findEntries(query)
        .filter((candidate) => candidate.id !== id)
        .map((candidate) => ({ id: candidate.id, title: displayTitle(candidate), kind: kindLabel(candidate.kind) })),
    [findEntries, id],
  );
  useSearchVersion(journal);
  const linkedFrom = journal.search.linkedFrom(id);

  // Peer learning: contributors, mentions and thanks; a debrief's selection as a lesson note.
  const credits = useEntryCredits({
    journal,
    entryId: id,
    session,
    loaded,
    name: settings.name,
    color: settings.color,
    storedThanks: row.activity?.thanks ?? [],
  });
  const makeLesson = useCallback(
    (text: string) => {
      makeLessonFromDebrief(journal, text, { id, kind: row.kind, tags, title }).then(onOpenEntry, (cause: unknown) =>
        onError(`Could not make the lesson note: ${describeError(cause)}`),
      );
    },
    [journal, id, row.kind, tags, title, onOpenEntry, onError],
  );

  const exportMarkdown = async (): Promise<void> => {
    const meta = readEntryMeta(session.doc);
    const shownTitle = displayTitle({ title, kind: row.kind });
    const markdown = composeEntryMarkdown(
      { title: shownTitle, kind: row.kind, tags, createdAt: meta?.createdAt ?? row.createdAt, updatedAt: row.updatedAt },
      readBodyMarkdown(session.doc),
    );
    try {
      await getPlatform().saveTextFile(markdownFileName(shownTitle), markdown);
    } catch (cause) {
      onError(`Export failed: ${describeError(cause)}`);
    }
  };

  useImperativeHandle(ref, () => ({
    exportMarkdown: () => {
      if (loaded) void exportMarkdown();
    },
  }));

  const openShare = (): void => {
    journal.shareEntry(id, settings.signaling);
    setShareOpen(true);
  };

  const keepOwnCopy = (): void => {
    journal.keepOwnCopy(session.doc).then(
      (copyId) => {
        setShareOpen(false);
        onOpenEntry(copyId);
      },
      (cause: unknown) => onError(`Could not make a copy: ${describeError(cause)}`),
    );
  };

  const shownTitle = displayTitle({ title: title || (row.awaitingPeer ? row.title : ''), kind: row.kind });
  return (
    <article className={`pb-entry pb-kind-${row.kind}`} aria-label={shownTitle}>
      <header className="pb-entry-header">
        <div className="pb-entry-kicker">
          {row.awaitingPeer ? (
            <span className="pb-kind-badge pb-awaiting">Shared</span>
          ) : (
            <span className={`pb-kind-badge pb-kind-${row.kind}`}>{kindLabel(row.kind)}</span>
          )}
          {row.progress && row.kind === 'checklist' && (
            <span className="pb-progress pb-progress-header">
              <span className="pb-progress-bar" aria-hidden="true">
                <span style={{ width: `${row.progress.total ? (100 * row.progress.done) / row.progress.total : 0}%` }} />
              </span>
              {formatProgress(row.progress)} done
            </span>
          )}
          <span className="pb-entry-time">Changed {formatRelativeTime(row.updatedAt, now)}</span>
          <span className="pb-spacer" />
          <button type="button" className="pb-action" onClick={openShare} disabled={!loaded}>
            Share
          </button>
          {history && (
            <>
              <button type="button" className="pb-action" aria-pressed={historyOpen} onClick={() => setHistoryOpen((open) => !open)} disabled={!loaded}>
                History
              </button>
              <button type="button" className="pb-action" onClick={saveVersion} disabled={!loaded}>
                Save version
              </button>
            </>
          )}
          <button type="button" className="pb-action" onClick={() => void exportMarkdown()} disabled={!loaded}>
            Export Markdown
          </button>
          <button
            type="button"
            className="pb-action pb-danger"
            onClick={() => {
              journal.trash(id);
              onTrashed(id);
            }}
          >
            Delete entry
          </button>
        </div>
        {share && peerStatus && <PeopleHere awareness={session.awareness} status={peerStatus} now={now} />}
        <EntryCredits contributors={credits.contributors} thanks={credits.thanks} showContributors={share !== null} />
        {row.awaitingPeer && (
          <p className="pb-awaiting-note" role="note">
            Waiting for a colleague who has this entry to come online. It arrives as soon as you are connected.
          </p>
        )}
        <input
          className="pb-title"
          aria-label="Title"
          placeholder={row.awaitingPeer && row.title ? row.title : displayTitle({ title: '', kind: row.kind })}
          value={title}
          disabled={!loaded}
          maxLength={300}
          onChange={(event) => setEntryTitle(session.doc, event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              document.querySelector<HTMLElement>('.pb-body')?.focus();
            }
          }}
        />
        <TagEditor
          tags={tags}
          disabled={!loaded}
          onAdd={(raw) => addEntryTag(session.doc, raw, journal.now())}
          onRemove={(tag) => removeEntryTag(session.doc, tag)}
        />
      </header>
      <EntryEditor
        entryKey={id}
        session={session}
        userName={settings.name}
        userColor={settings.color}
        placeholder={row.awaitingPeer ? 'The entry appears here once a peer has sent it…' : BODY_PLACEHOLDERS[row.kind]}
        ready={loaded}
        onProgress={onProgress}
        onBodyText={onBodyText}
        findLinkTargets={findLinkTargets}
        onOpenEntry={onOpenEntry}
        controller={bodyController}
        findPeople={credits.findPeople}
        onActivity={credits.onBodyActivity}
        onMakeLesson={row.kind === 'debrief' && !row.awaitingPeer ? makeLesson : undefined}
      />
      {historyOpen && history && (
        <HistoryPanel
          history={history}
          versionName={versionName}
          onVersionName={setVersionName}
          onRestore={restoreVersion}
          onClose={() => setHistoryOpen(false)}
        />
      )}
      {linkedFrom.length > 0 && (
        <section className="pb-linked-from" aria-labelledby={`linked-from-${id}`}>
          <h2 id={`linked-from-${id}`}>Linked from</h2>
          <ul aria-label="Linked from">
            {linkedFrom.map((source) => (
              <li key={source.id}>
                <button type="button" className="pb-link-button" onClick={() => onOpenEntry(source.id)}>
                  {displayTitle(source)}
                </button>
                <span className={`pb-kind-badge pb-kind-${source.kind}`}>{kindLabel(source.kind)}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {shareOpen && share && (
        <ShareDialog
          link={formatInviteLink({ room: share.room, key: share.key, signaling: inviteSignaling(localNetworkSignaling, share.signaling), title: title || null })}
          canKeepCopy={row.kind === 'checklist' && !row.awaitingPeer}
          onResetLink={() => journal.resetLink(id, settings.signaling)}
          onKeepCopy={keepOwnCopy}
          onClose={() => setShareOpen(false)}
        />
      )}
    </article>
  );
}
