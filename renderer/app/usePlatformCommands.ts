import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CommandId } from '../../shared/commands/shortcuts';
import type { EntryKind } from '../../shared/entry/entryKind';
import { MAX_SIGNALING_SERVERS } from '../../shared/invite/inviteLink';
import type { AppCommand } from '../../shared/ipc/ipcContract';
import type { EntryRow } from '../../shared/library/entryRow';
import type { EntryLifecycle } from '../collab/entryLifecycle';
import { composeJournalMarkdown } from '../journal/journalExport';
import { describeHiddenParts } from '../editor/unsupportedContentNode';
import { getPlatform } from '../platform';
import type { AppSettings } from './appSettings';
import { describeError } from '../../shared/errors/describeError';

/**
 * What the app does with the place it runs in, kept out of App.tsx: commands from the desktop
 * app's menu and from peerbook:// links, the signaling server on the local network, and the
 * journal export. In the web build the platform sends no commands and runs no server, so this
 * only adds the export.
 */
export interface PlatformCommandHandlers {
  readonly rows: readonly EntryRow[];
  /** Opens entries for Export journal. */
  readonly entries: EntryLifecycle;
  readonly settings: AppSettings;
  /** Runs a command of the app's table (the menu's items). */
  readonly onCommand: (id: CommandId) => void;
  readonly onNewEntry: (kind: EntryKind) => void;
  /** Opens the Join dialog, filled in with `link` when a link opened the app. */
  readonly onJoin: (link: string | null) => void;
  readonly onError: (message: string) => void;
}

export interface PlatformCommands {
  /**
   * ws:// addresses of this machine's signaling server on the local network, to connect to and
   * to name in invite links; empty on the web, when switched off, or with no entry shared.
   */
  readonly localNetworkSignaling: readonly string[];
  /**
   * On desktop the application menu owns the shortcuts of the commands it lists (`menu` in the
   * table), so the page must not answer them too.
   */
  readonly menuOwnsShortcuts: boolean;
  readonly exportJournal: () => void;
  readonly exportingJournal: boolean;
  /** What the last export did, until dismissed. */
  readonly notice: string | null;
  readonly dismissNotice: () => void;
}


function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

/**
 * The signaling servers an invite link names: this machine on the local network first (what
 * colleagues nearby reach with nothing set up), then the entry's configured servers.
 */
export function inviteSignaling(localNetwork: readonly string[], configured: readonly string[]): string[] {
  return [...new Set([...localNetwork, ...configured])].slice(0, MAX_SIGNALING_SERVERS);
}

export const FOLDER_EXPORT_UNSUPPORTED =
  'Exporting the whole journal as a folder needs the desktop app, or a browser that can write to a folder you choose ' +
  '(such as Chrome or Edge). Export Markdown on each entry works everywhere.';

const NO_SIGNALING: readonly string[] = [];

export function usePlatformCommands(handlers: PlatformCommandHandlers): PlatformCommands {
  const platform = getPlatform();
  const latest = useRef(handlers);
  latest.current = handlers;
  const [notice, setNotice] = useState<string | null>(null);
  const [exportingJournal, setExportingJournal] = useState(false);
  const exporting = useRef(false);

  const exportJournal = useCallback(() => {
    const save = platform.saveMarkdownFolder;
    if (save === null) {
      setNotice(FOLDER_EXPORT_UNSUPPORTED);
      return;
    }
    if (exporting.current) return;
    exporting.current = true;
    setExportingJournal(true);
    setNotice(null);
    let notArrived = 0;
    let hiddenParts = 0;
    // The folder is chosen first: a browser shows its picker only straight after the click.
    save(async () => {
      const journal = await composeJournalMarkdown(latest.current.rows, latest.current.entries);
      notArrived = journal.notArrived;
      hiddenParts = journal.hiddenParts;
      if (journal.files.length === 0) throw new Error('There are no entries to export yet.');
      return journal.files;
    })
      .then((outcome) => {
        if (outcome.status === 'cancelled') return;
        const count = `${outcome.files} ${outcome.files === 1 ? 'entry' : 'entries'}`;
        const left = notArrived > 0 ? ` ${notArrived} shared ${notArrived === 1 ? 'entry has' : 'entries have'} not arrived from a peer yet and ${notArrived === 1 ? 'was' : 'were'} left out.` : '';
        const hidden = hiddenParts > 0 ? ` ${describeHiddenParts(hiddenParts)}; a comment marks each in its file.` : '';
        setNotice(`Exported ${count} as Markdown to ${outcome.folder}.${left}${hidden}`);
      })
      .catch((cause: unknown) => latest.current.onError(`Export failed: ${describeError(cause)}`))
      .finally(() => {
        exporting.current = false;
        setExportingJournal(false);
      });
  }, [platform]);

  // Menu items and deep links. Handlers are read when a command arrives, so the subscription
  // lives as long as the app and no command is lost while React re-renders.
  const exportJournalRef = useRef(exportJournal);
  exportJournalRef.current = exportJournal;
  useEffect(
    () =>
      platform.onCommand((command: AppCommand) => {
        const current = latest.current;
        switch (command.type) {
          case 'run':
            current.onCommand(command.command);
            return;
          case 'new-entry':
            current.onNewEntry(command.kind);
            return;
          case 'join':
            current.onJoin(command.link);
            return;
          case 'open-settings':
            current.onCommand('settings');
            return;
          case 'export-entry':
            current.onCommand('export-markdown');
            return;
          case 'export-journal':
            exportJournalRef.current();
            return;
        }
      }),
    [platform],
  );

  // The local-network server runs while there is something shared to meet peers for. Main also
  // re-reads the machine's addresses each time it is asked, so a laptop that moved networks
  // gets a server on its new address when the window is focused again or comes back online.
  const [localNetworkSignaling, setLocalNetworkSignaling] = useState<readonly string[]>([]);
  // Counted when the rows change, not on every render of the app (10,000 rows at each keystroke).
  const { rows } = handlers;
  const hasSharedEntries = useMemo(() => rows.some((row) => row.share !== null && row.trashedAt === null), [rows]);
  const wanted = platform.canShareOnLocalNetwork && handlers.settings.shareOnLocalNetwork && hasSharedEntries;
  const [networkCheck, setNetworkCheck] = useState(0);
  useEffect(() => {
    if (!platform.canShareOnLocalNetwork) return;
    const recheck = (): void => setNetworkCheck((count) => count + 1);
    window.addEventListener('focus', recheck);
    window.addEventListener('online', recheck);
    return () => {
      window.removeEventListener('focus', recheck);
      window.removeEventListener('online', recheck);
    };
  }, [platform]);
  useEffect(() => {
    if (!platform.canShareOnLocalNetwork) return;
    let current = true;
    platform.setLocalNetworkSharing(wanted).then(
      (urls) => {
        if (current) setLocalNetworkSignaling((previous) => (sameList(previous, urls) ? previous : urls));
      },
      (cause: unknown) => {
        // Sharing still works through the configured servers; only the local shortcut is missing.
        console.error('[peerbook] the local-network signaling server could not start', cause);
        if (current) setLocalNetworkSignaling([]);
      },
    );
    return () => {
      current = false;
    };
  }, [platform, wanted, networkCheck]);

  return {
    // The same empty list each time: what depends on it (background sync's rooms) is not redone.
    localNetworkSignaling: wanted ? localNetworkSignaling : NO_SIGNALING,
    menuOwnsShortcuts: platform.kind === 'desktop',
    exportJournal,
    exportingJournal,
    notice,
    dismissNotice: useCallback(() => setNotice(null), []),
  };
}
