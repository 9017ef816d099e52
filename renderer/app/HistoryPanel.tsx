import { useEffect, useId, useMemo, useState } from 'react';
import * as Y from 'yjs';
import { getEntryTitle } from '../../shared/entry/entryDoc';
import { ReadOnlyBody } from '../editor/ReadOnlyBody';
import type { EntryHistory } from '../history/entryHistory';
import { VERSION_RETENTION_RULE } from '../history/versionRetention';
import type { EntryVersion, VersionReason } from '../history/versionStore';
import { formatDayAndTime } from '../../shared/locale/localeFormat';
import { useTakeFocus } from './useTakeFocus';

const REASON_LABELS: Readonly<Record<VersionReason, string>> = {
  manual: 'Saved by hand',
  pause: 'After a pause in editing',
  close: 'When the entry was closed',
  'before-merge': 'Before a returning peer’s changes merged',
  'before-deletion': 'Before a colleague’s large deletion',
};

export function formatVersionTime(at: number): string {
  return formatDayAndTime(at);
}

interface HistoryPanelProps {
  readonly history: EntryHistory;
  readonly onRestore: (version: EntryVersion) => void;
  readonly onClose: () => void;
  /**
   * The entry cannot be written here (a newer format): a version is restored as a new entry
   * instead of into this one.
   */
  readonly readOnly?: boolean;
}

/** The entry's saved versions, newest first; one can be viewed beside the current text and restored. */
export function HistoryPanel({ history, onRestore, onClose, readOnly = false }: HistoryPanelProps) {
  const [versions, setVersions] = useState<EntryVersion[] | null>(null);
  const [selected, setSelected] = useState<EntryVersion | null>(null);
  const nameId = useId();
  // Opening History puts focus in it; Escape closes it and focus goes back to where it was.
  const takeFocus = useTakeFocus<HTMLElement>(onClose);
  // The drawer sits beside the text: the main pane makes room for it while it is open.
  useEffect(() => {
    document.body.classList.add('pb-history-open');
    return () => document.body.classList.remove('pb-history-open');
  }, []);
  useEffect(() => {
    let live = true;
    const load = (): void => void history.list().then((list) => live && setVersions(list));
    load();
    const stop = history.onChange(load);
    return () => {
      live = false;
      stop();
    };
  }, [history]);
  const selectedDoc = useMemo(() => {
    if (!selected) return null;
    const doc = new Y.Doc();
    Y.applyUpdate(doc, selected.state);
    return doc;
  }, [selected]);
  useEffect(() => () => selectedDoc?.destroy(), [selectedDoc]);

  return (
    <aside className="pb-history" aria-labelledby={`${nameId}-heading`} {...takeFocus}>
      <div className="pb-history-head">
        <h2 id={`${nameId}-heading`}>History</h2>
        <button type="button" className="pb-dialog-close" aria-label="Close history" onClick={onClose}>
          ×
        </button>
      </div>
      {versions === null ? (
        <p className="pb-muted">Loading versions…</p>
      ) : versions.length === 0 ? (
        <p className="pb-muted">No versions yet. Versions are saved after a pause in editing, when you close the entry, and when you press Save version.</p>
      ) : (
        <ul className="pb-version-list" aria-label="Versions">
          {versions.map((version) => {
            const time = formatVersionTime(version.createdAt);
            return (
              <li key={version.id} className={selected?.id === version.id ? 'pb-version-selected' : undefined}>
                <button type="button" className="pb-version-open" aria-pressed={selected?.id === version.id} onClick={() => setSelected(version)}>
                  <span className="pb-version-name">{version.name ?? REASON_LABELS[version.reason]}</span>
                  <span className="pb-version-meta">
                    {time} · {version.authors.join(', ')}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <p className="pb-muted pb-history-rule">{VERSION_RETENTION_RULE}</p>
      {selected && selectedDoc && (
        <section className="pb-version-view" aria-label="Selected version">
          <div className="pb-version-view-head">
            <strong>{getEntryTitle(selectedDoc) || 'Untitled'}</strong>
            <span className="pb-muted">{formatVersionTime(selected.createdAt)}</span>
          </div>
          <ReadOnlyBody doc={selectedDoc} label="Version text" />
          {readOnly && <p className="pb-muted">This entry cannot be changed here, so the version is restored as a new entry of your own.</p>}
          <button type="button" className="pb-action pb-primary" onClick={() => onRestore(selected)}>
            {readOnly ? 'Restore as a new entry' : 'Restore this version'}
          </button>
        </section>
      )}
    </aside>
  );
}
