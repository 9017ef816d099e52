import * as Y from 'yjs';
import { DOC_ORIGINS } from '../../shared/doc/docOrigins';
import { useCallback, useEffect, useRef, useState } from 'react';
import { addEntryTag, getEntryTags, getEntryTitle, readEntryMeta, removeEntryTag, setEntryTitle } from '../../shared/entry/entryDoc';
import type { EntryId } from '../../shared/entry/entryId';
import type { EntryLinkTarget } from '../../shared/entry/entryUid';
import { composeEntryMarkdown, markdownFileName } from '../../shared/entry/entryMarkdownFile';
import { displayTitle, formatProgress, kindLabel, type EntryRow } from '../../shared/library/entryRow';
import { formatRelativeTime } from '../../shared/time/relativeTime';
import type { BackgroundSync, RelayStanding } from '../collab/backgroundSync';
import type { OpenEntry } from '../collab/openEntry';
import type { PeerSyncStatus } from '../collab/peerSync';
import { EntryEditor, type BodyController } from '../editor/EntryEditor';
import type { EntryVersion } from '../history/versionStore';
import { OverflowMenu } from './OverflowMenu';
import { SaveVersionDialog } from './SaveVersionDialog';
import { formatVersionTime, HistoryPanel } from './HistoryPanel';
import { readBodyMarkdownReport } from '../editor/headlessBodyEditor';
import { describeHiddenParts } from '../editor/unsupportedContentNode';
import type { Journal } from '../journal/journal';
import { getPlatform } from '../platform';
import type { AppSettings } from './appSettings';
import { PeopleHere } from './PeopleHere';
import { EntryCredits } from './EntryCredits';
import { OpenActionsCount } from './OpenActionsCount';
import { useEntryCredits } from './useEntryCredits';
import { makeLessonFromDebrief } from '../journal/lessonNotes';
import { EntryShareDialog, SharingNotices, useStoppedSharing } from './EntrySharing';
import { TagEditor } from './TagEditor';
import { useEntryTitleAndTags } from './useEntryDoc';
import { describeReadOnly, useOpenEntry, useReadOnlyReason } from './useOpenEntry';
import { useLinkedFrom } from './journalHooks';
import { ViewErrorBoundary } from './ViewErrorBoundary';
import { describeError } from '../../shared/errors/describeError';
import { useAppState, useAppStore } from './appStore';
import { useCommandHandlers } from './commandRegistry';
import { useFocusOnOpen } from './useFocusOnOpen';

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
  /** Desktop: this machine's signaling server on the local network, for links. */
  readonly localNetworkSignaling?: readonly string[];
  /** Keeps shared entries in step; the entry on screen stays connected while it is shown. */
  readonly sync: BackgroundSync | null;
  /** The person confirmed the name colleagues will see (first share or join). */
  readonly onConfirmName: (name: string) => void;
}

const RELAY_LABELS: Readonly<Record<NonNullable<RelayStanding>, string>> = {
  'in-step': 'Relay: in step',
  connecting: 'Relay: catching up…',
  unreachable: 'Relay unreachable: changes wait here until it answers',
  refused: 'The relay refused this link',
};

/** How the entry stands with its relays, redrawn as background sync reports. */
function useRelayStanding(sync: BackgroundSync | null, id: EntryId): RelayStanding {
  const [standing, setStanding] = useState<RelayStanding>(null);
  useEffect(() => {
    if (!sync) return;
    const refresh = (): void => setStanding(sync.statusOf(id)?.relay ?? null);
    refresh();
    return sync.onChange(refresh);
  }, [sync, id]);
  return standing;
}

const BODY_PLACEHOLDERS = {
  lesson: 'What happened, what you learned, and how you will apply it…',
  checklist: 'Describe the checklist, then add steps…',
  debrief: 'Write the debrief together…',
} as const;


/** One entry on screen: loading, unreadable, or its header and body once it has loaded. */
export function EntryView(props: EntryViewProps) {
  const opened = useOpenEntry(props.journal, props.row.id);
  const { onError } = props;
  const failure = opened.status === 'failed' ? opened.error : null;
  useEffect(() => {
    if (failure) onError(`This entry could not be opened: ${failure}`);
  }, [failure, onError]);
  if (opened.status !== 'loaded') {
    return (
      <article className={`pb-entry pb-kind-${props.row.kind}`} aria-label={displayTitle(props.row)} aria-busy={opened.status === 'loading'}>
        <p className="pb-muted">{opened.status === 'loading' ? 'Opening…' : 'This entry could not be opened.'}</p>
      </article>
    );
  }
  return <LoadedEntryView {...props} entry={opened.entry} />;
}

/** An entry that has loaded: its header (title, kind, progress, tags, sharing, actions) and its body. */
function LoadedEntryView({ journal, row, entry, settings, now, onTrashed, onOpenEntry, onError, findEntries, localNetworkSignaling = [], sync, onConfirmName }: EntryViewProps & { readonly entry: OpenEntry }) {
  const { id } = row;
  const store = useAppStore();
  // Share is the app's one open dialog while it is open (appStore.ts); it is drawn here, by its entry.
  const shareOpen = useAppState((state) => state.dialog?.kind === 'share');
  const setShareOpen = (open: boolean): void => (open ? store.openDialog({ kind: 'share' }) : store.closeDialog());
  const [peerStatus, setPeerStatus] = useState<PeerSyncStatus | null>(null);
  const { title, tags } = useEntryTitleAndTags(entry.doc);
  // An entry in a newer format: shown, shared, exported and kept in history; never written here.
  const readOnly = useReadOnlyReason(entry);
  // History: versions saved by hand, after pauses, when closed and before a long-apart peer merges.
  const history = journal.historyOf(entry);
  const [historyOpen, setHistoryOpen] = useState(false);
  const [namingVersion, setNamingVersion] = useState(false);
  const bodyController = useRef<BodyController | null>(null);

  const saveVersion = (name: string): void => {
    setNamingVersion(false);
    if (!history) return;
    setHistoryOpen(true);
    history.save('manual', name).catch((cause: unknown) => onError(`Could not save the version: ${describeError(cause)}`));
  };

  const restoreVersion = (version: EntryVersion): void => {
    const versionDoc = new Y.Doc();
    Y.applyUpdate(versionDoc, version.state);
    if (readOnly) {
      // Nothing is written into an entry this Peerbook cannot change: the version becomes an entry of its own.
      journal.restoreAsNewEntry(versionDoc).then(onOpenEntry, (cause: unknown) => onError(`Could not restore the version: ${describeError(cause)}`)).finally(() => versionDoc.destroy());
      return;
    }
    // What is replaced is kept too: a restore can itself be undone from History.
    void history?.save('manual', `Before restoring the version of ${formatVersionTime(version.createdAt)}`);
    bodyController.current?.restoreFrom(versionDoc);
    entry.doc.transact(() => {
      setEntryTitle(entry.doc, getEntryTitle(versionDoc), DOC_ORIGINS.restore);
      const wanted = getEntryTags(versionDoc);
      for (const tag of getEntryTags(entry.doc)) if (!wanted.includes(tag)) removeEntryTag(entry.doc, tag, DOC_ORIGINS.restore);
      for (const tag of wanted) addEntryTag(entry.doc, tag, journal.now(), DOC_ORIGINS.restore);
    }, DOC_ORIGINS.restore);
    versionDoc.destroy();
  };

  // The entry on screen stays connected to its peers (background sync keeps the others in step).
  const share = row.share;
  useEffect(() => sync?.focus(id), [sync, id]);
  const relay = useRelayStanding(sync, id);
  useEffect(() => {
    setPeerStatus(entry.peerStatus);
    return entry.onPeerStatus(setPeerStatus);
  }, [entry]);

  const findLinkTargets = useCallback(
    (query: string) =>
      findEntries(query)
        .filter((candidate) => candidate.id !== id)
        .map((candidate) => ({ id: candidate.id, uid: candidate.uid, title: displayTitle(candidate), kind: kindLabel(candidate.kind) })),
    [findEntries, id],
  );
  const linkedFrom = useLinkedFrom(journal, id, row.uid);
  // A link opens the linked entry if this device holds it, and says plainly when it does not.
  const openLink = useCallback(
    (target: EntryLinkTarget) => {
      const linked = journal.resolveLink(target);
      if (linked) onOpenEntry(linked);
      else onError('The linked entry is not in your journal. Ask whoever wrote the link to share that entry with you.');
    },
    [journal, onOpenEntry, onError],
  );

  // Peer learning: contributors, mentions and thanks; a debrief's selection as a lesson note.
  // A read-only entry gets no contributor record from this device either.
  const credits = useEntryCredits({ session: entry, loaded: readOnly === null, name: settings.name, color: settings.color });
  const makeLesson = useCallback(
    (text: string) => {
      makeLessonFromDebrief(journal, text, { id, kind: row.kind, tags, title }).then(onOpenEntry, (cause: unknown) =>
        onError(`Could not make the lesson note: ${describeError(cause)}`),
      );
    },
    [journal, id, row.kind, tags, title, onOpenEntry, onError],
  );

  // What Export Markdown left out (parts written by another app), said beside the button.
  const [exportNote, setExportNote] = useState('');
  const exportMarkdown = async (): Promise<void> => {
    const meta = readEntryMeta(entry.doc);
    const shownTitle = displayTitle({ title, kind: row.kind });
    const body = readBodyMarkdownReport(entry.doc);
    const markdown = composeEntryMarkdown(
      { title: shownTitle, kind: row.kind, tags, createdAt: meta?.createdAt ?? row.createdAt, updatedAt: row.updatedAt },
      body.value,
    );
    try {
      await getPlatform().saveTextFile(markdownFileName(shownTitle), markdown);
      setExportNote(body.skippedParts > 0 ? `Exported. ${describeHiddenParts(body.skippedParts)}; a comment in the file marks where.` : '');
    } catch (cause) {
      onError(`Export failed: ${describeError(cause)}`);
    }
  };

  const openShare = (): void => setShareOpen(true);
  const trash = (): void => {
    journal.trash(id);
    onTrashed(id);
  };
  // What the entry on screen can do, as commands: the buttons below, shortcuts, menu and palette.
  useCommandHandlers({
    share: openShare,
    ...(history ? { history: () => setHistoryOpen((open) => !open), 'save-version': () => setNamingVersion(true) } : {}),
    'export-markdown': () => void exportMarkdown(),
    'delete-entry': trash,
  });
  const titleField = useRef<HTMLInputElement>(null);
  useFocusOnOpen(id, titleField, bodyController);
  // Share belongs to this entry: it does not stay open over the next one.
  useEffect(() => () => store.update((state) => (state.dialog?.kind === 'share' ? { ...state, dialog: null } : state)), [store]);
  const stoppedSharing = useStoppedSharing(entry.awareness);

  const keepOwnCopy = (): void => {
    journal.keepOwnCopy(entry.doc).then(
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
          {row.progress && row.progress.total > 0 && row.kind === 'checklist' && (
            <span className="pb-progress pb-progress-header">
              <span className="pb-progress-bar" aria-hidden="true">
                <span style={{ width: `${row.progress.total ? (100 * row.progress.done) / row.progress.total : 0}%` }} />
              </span>
              {formatProgress(row.progress)} done
            </span>
          )}
          {row.kind === 'debrief' && <OpenActionsCount actions={row.activity?.actions} />}
          <span className="pb-entry-time">Changed {formatRelativeTime(row.updatedAt, now)}</span>
          <span className="pb-spacer" />
          <button type="button" className="pb-action" onClick={openShare}>
            Share
          </button>
          {history && (
            <>
              <button type="button" className="pb-action" aria-pressed={historyOpen} onClick={() => setHistoryOpen((open) => !open)}>
                History
              </button>
              <button type="button" className="pb-action" aria-haspopup="dialog" onClick={() => setNamingVersion(true)}>
                Save version
              </button>
            </>
          )}
          <OverflowMenu label="More actions" className="pb-action" glyph="⋯" inlineWhen="wide">
            <button type="button" className="pb-menu-item" onClick={() => void exportMarkdown()}>
              Export Markdown
            </button>
            <button
              type="button"
              className="pb-menu-item pb-danger"
              onClick={trash}
            >
              Delete entry
            </button>
          </OverflowMenu>
        </div>
        {exportNote && (
          <p className="pb-muted pb-export-note" aria-live="polite">
            {exportNote}
          </p>
        )}
        {share && peerStatus && <PeopleHere awareness={entry.awareness} status={peerStatus} now={now} />}
        {share && relay && (
          <p className={`pb-relay-status pb-relay-${relay}`} aria-live="polite">
            {RELAY_LABELS[relay]}
          </p>
        )}
        <EntryCredits contributors={credits.contributors} thanks={row.activity?.thanks ?? []} showContributors={share !== null} />
        <SharingNotices row={row} stoppedSharing={stoppedSharing} now={now} />
        {readOnly && (
          <p className="pb-readonly-note" role="note">
            {describeReadOnly(readOnly)}
          </p>
        )}
        {row.awaitingPeer && (
          <p className="pb-awaiting-note" role="note">
            Waiting for a colleague who has this entry to come online. It arrives as soon as you are connected.
          </p>
        )}
        <input
          ref={titleField}
          className="pb-title"
          aria-label="Title"
          placeholder={row.awaitingPeer && row.title ? row.title : displayTitle({ title: '', kind: row.kind })}
          value={title}
          readOnly={readOnly !== null}
          maxLength={300}
          onChange={(event) => setEntryTitle(entry.doc, event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              document.querySelector<HTMLElement>('.pb-body')?.focus();
            }
          }}
        />
        <TagEditor
          tags={tags}
          disabled={readOnly !== null}
          onAdd={(raw) => addEntryTag(entry.doc, raw, journal.now())}
          onRemove={(tag) => removeEntryTag(entry.doc, tag)}
        />
      </header>
      <EntryEditor
        // A new editor (and binding) whenever the entry turns read-only or writable again.
        key={readOnly ? 'read-only' : 'editable'}
        readOnly={readOnly !== null}
        entry={entry}
        userName={settings.name}
        userColor={settings.color}
        placeholder={row.awaitingPeer ? 'The entry appears here once a peer has sent it…' : BODY_PLACEHOLDERS[row.kind]}
        findLinkTargets={findLinkTargets}
        onOpenLink={openLink}
        controller={bodyController}
        findPeople={credits.findPeople}
        onMakeLesson={row.kind === 'debrief' && !row.awaitingPeer ? makeLesson : undefined}
        kind={row.kind}
      />
      {namingVersion && <SaveVersionDialog onSave={saveVersion} onClose={() => setNamingVersion(false)} />}
      {historyOpen && history && (
        <ViewErrorBoundary what="History" backLabel="Close history" onBack={() => setHistoryOpen(false)} resetKey={history}>
          <HistoryPanel
            history={history}
            onRestore={restoreVersion}
            onClose={() => setHistoryOpen(false)}
            readOnly={readOnly !== null}
          />
        </ViewErrorBoundary>
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
      {shareOpen && (
        <EntryShareDialog
          journal={journal}
          row={row}
          title={title}
          settings={settings}
          localNetworkSignaling={localNetworkSignaling}
          awareness={entry.awareness}
          onConfirmName={onConfirmName}
          onKeepCopy={keepOwnCopy}
          onError={onError}
          onClose={() => setShareOpen(false)}
        />
      )}
    </article>
  );
}
