import { useCallback, useEffect, useRef, useState } from 'react';
import { addEntryTag, getEntryTags, getEntryTitle, readEntryMeta, removeEntryTag, setEntryTitle } from '../../shared/entry/entryDoc';
import type { EntryId } from '../../shared/entry/entryId';
import { composeEntryMarkdown, markdownFileName } from '../../shared/entry/entryMarkdownFile';
import { displayTitle, formatProgress, kindLabel, type ChecklistProgress, type EntryRow } from '../../shared/library/entryRow';
import { formatRelativeTime } from '../../shared/time/relativeTime';
import { EntryEditor } from '../editor/EntryEditor';
import { readBodyMarkdown } from '../editor/headlessBodyEditor';
import type { Journal } from '../journal/journal';
import { getPlatform } from '../platform';
import type { LocalProfile } from './localProfile';
import { TagEditor } from './TagEditor';
import { useEntryTitleAndTags } from './useEntryDoc';

interface EntryViewProps {
  readonly journal: Journal;
  readonly row: EntryRow;
  readonly profile: LocalProfile;
  readonly now: number;
  readonly onTrashed: (id: EntryId) => void;
  readonly onError: (message: string) => void;
}

const BODY_PLACEHOLDERS = {
  lesson: 'What happened, what you learned, and how you will apply it…',
  checklist: 'Describe the checklist, then add steps…',
  debrief: 'Write the debrief together…',
} as const;

/** One open entry: its header (title, kind, progress, tags, actions) and its body editor. */
export function EntryView({ journal, row, profile, now, onTrashed, onError }: EntryViewProps) {
  const { id } = row;
  const [session] = useState(() => journal.openEntry(id));
  const [loaded, setLoaded] = useState(false);
  const loadedRef = useRef(false);
  const { title, tags } = useEntryTitleAndTags(session.doc);

  useEffect(() => {
    let cancelled = false;
    session.whenLoaded.then(
      () => {
        if (cancelled) return;
        loadedRef.current = true;
        setLoaded(true);
      },
      (cause: unknown) => onError(`This entry could not be opened: ${cause instanceof Error ? cause.message : String(cause)}`),
    );
    return () => {
      cancelled = true;
      void session.close();
    };
  }, [session, onError]);

  // Keep the library row in step with the entry: title, tags and the time of the last change,
  // for every change that is not just the entry loading from disk.
  useEffect(() => {
    const onUpdate = (_update: Uint8Array, origin: unknown): void => {
      if (!loadedRef.current || session.isLoadOrigin(origin)) return;
      journal.updateRow(id, { title: getEntryTitle(session.doc), tags: getEntryTags(session.doc), updatedAt: journal.now() });
    };
    session.doc.on('update', onUpdate);
    return () => session.doc.off('update', onUpdate);
  }, [journal, session, id]);

  const onProgress = useCallback(
    (progress: ChecklistProgress) => {
      if (row.kind === 'checklist') journal.updateRow(id, { progress });
    },
    [journal, id, row.kind],
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
      onError(`Export failed: ${cause instanceof Error ? cause.message : String(cause)}`);
    }
  };

  return (
    <article className={`pb-entry pb-kind-${row.kind}`} aria-label={displayTitle({ title, kind: row.kind })}>
      <header className="pb-entry-header">
        <div className="pb-entry-kicker">
          <span className={`pb-kind-badge pb-kind-${row.kind}`}>{kindLabel(row.kind)}</span>
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
        <input
          className="pb-title"
          aria-label="Title"
          placeholder={displayTitle({ title: '', kind: row.kind })}
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
        userName={profile.name}
        userColor={profile.color}
        placeholder={BODY_PLACEHOLDERS[row.kind]}
        ready={loaded}
        onProgress={onProgress}
      />
    </article>
  );
}
