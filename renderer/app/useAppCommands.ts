import { useCallback, useEffect } from 'react';
import { commandForKeyPress, type CommandId } from '../../shared/commands/shortcuts';
import type { EntryId } from '../../shared/entry/entryId';
import type { EntryKind } from '../../shared/entry/entryKind';
import type { EntryRow } from '../../shared/library/entryRow';
import { makeLessonFromSelection } from '../editor/selectionLesson';
import type { Journal } from '../journal/journal';
import { openEntryId, useAppStore } from './appStore';
import { useCommandHandlers, useCommands, type CommandRegistry } from './commandRegistry';
import { describeError } from '../../shared/errors/describeError';


/** Creates an entry of `kind` and opens it with its title focused; returns what runs it. */
export function useCreateEntry(journal: Journal): (kind: EntryKind) => void {
  const store = useAppStore();
  return useCallback(
    (kind: EntryKind) => {
      // Nothing is open while the entry is written: what the user types next cannot land elsewhere.
      store.show({ view: 'creating', kind });
      journal.createDraft(kind).then(
        (id) => {
          // A new entry shows at the top: clear filters that would hide it.
          store.setFilter((current) => (current.kind === null || current.kind === kind ? { ...current, tag: null } : { kind: null, tag: null }));
          store.openEntry(id, 'title');
        },
        (cause: unknown) => {
          store.show({ view: 'library' });
          store.setError(`Could not create the entry: ${describeError(cause)}`);
        },
      );
    },
    [journal, store],
  );
}

interface AppCommandsOptions {
  readonly journal: Journal;
  /** The entries the library shows, in its order: Next entry and Previous entry walk them. */
  readonly visible: readonly EntryRow[];
  readonly exportJournal: () => void;
  /** On desktop the application menu answers the shortcuts of the commands it lists. */
  readonly menuOwnsShortcuts: boolean;
}

/**
 * The commands that belong to the app as a whole (new entries, finding things, dialogs, views),
 * and the keyboard: a key press that is a command's default shortcut runs that command. The open
 * entry and the sidebar's file actions register their own commands where they are drawn.
 */
export function useAppCommands({ journal, visible, exportJournal, menuOwnsShortcuts }: AppCommandsOptions): void {
  const store = useAppStore();
  const commands = useCommands();
  const create = useCreateEntry(journal);
  const move = (by: 1 | -1): void => {
    if (visible.length === 0) return;
    const index = visible.findIndex((row) => row.id === openEntryId(store.getState()));
    const next = visible[Math.min(visible.length - 1, Math.max(0, index === -1 ? 0 : index + by))];
    if (next) store.openEntry(next.id);
  };
  useCommandHandlers({
    // In a debrief with text selected, New lesson makes that text a lesson note.
    'new-lesson': () => {
      if (!makeLessonFromSelection()) create('lesson');
    },
    'new-checklist': () => create('checklist'),
    'new-debrief': () => create('debrief'),
    search: () => document.getElementById('pb-search')?.focus(),
    'go-to-entry': () => store.openDialog({ kind: 'go-to-entry' }),
    'command-palette': () => store.openDialog({ kind: 'command-palette' }),
    'next-entry': () => move(1),
    'previous-entry': () => move(-1),
    join: () => store.openDialog({ kind: 'join', link: null }),
    settings: () => store.openDialog({ kind: 'settings' }),
    'export-journal': exportJournal,
    'this-week': () => store.show({ view: 'this-week' }),
    review: () => store.show({ view: 'review' }),
    insights: () => store.show({ view: 'insights' }),
    trash: () => store.toggleTrash(),
  });
  useShortcuts(commands, menuOwnsShortcuts);
}

/** Opens an entry from somewhere that is not the entry list: typing goes to its body. */
export function useOpenWithBodyFocus(): (id: EntryId) => void {
  const store = useAppStore();
  return useCallback((id: EntryId) => store.openEntry(id, 'body'), [store]);
}

function useShortcuts(commands: CommandRegistry, menuOwnsShortcuts: boolean): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.defaultPrevented) return;
      const command = commandForKeyPress(event);
      if (!command) return;
      // The menu's accelerator answers on desktop: the command must not run twice.
      if (menuOwnsShortcuts && command.menu !== null) return;
      // An open dialog keeps the keyboard to itself until it is closed.
      if (document.querySelector('dialog[open]')) return;
      event.preventDefault();
      commands.run(command.id);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [commands, menuOwnsShortcuts]);
}

/** The command that makes a new entry of each kind. */
export const NEW_ENTRY_COMMANDS: Readonly<Record<EntryKind, CommandId>> = {
  lesson: 'new-lesson',
  checklist: 'new-checklist',
  debrief: 'new-debrief',
};
