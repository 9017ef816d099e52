import { flushSync } from 'react-dom';
import type { EntryId } from '../../shared/entry/entryId';
import type { EntryRow } from '../../shared/library/entryRow';
import type { Journal } from '../journal/journal';
import { saveAppSettings, type AppSettings } from './appSettings';
import { useAppState, useAppStore } from './appStore';
import { CommandPalette } from './CommandPalette';
import { useAvailableCommands, useCommands } from './commandRegistry';
import { JoinDialog } from './JoinDialog';
import { QuickSwitcher } from './QuickSwitcher';
import { SettingsDialog } from './SettingsDialog';

interface AppDialogsProps {
  readonly journal: Journal;
  readonly settings: AppSettings;
  readonly onSettings: (settings: AppSettings) => void;
  readonly onConfirmName: (name: string) => void;
  readonly findEntries: (text: string) => EntryRow[];
}

/**
 * The app-wide dialog the store says is open, if any: Join by link, Settings, Go to entry or the
 * command palette. (Share belongs to the open entry and is drawn by it.)
 */
export function AppDialogs({ journal, settings, onSettings, onConfirmName, findEntries }: AppDialogsProps) {
  const store = useAppStore();
  const dialog = useAppState((state) => state.dialog);
  const close = (): void => store.closeDialog();
  const openEntry = (id: EntryId): void => {
    store.closeDialog();
    store.openEntry(id, 'body');
  };
  switch (dialog?.kind) {
    case 'join':
      return (
        <JoinDialog
          key={dialog.link ?? ''}
          initialLink={dialog.link ?? undefined}
          nameToConfirm={settings.nameChosen ? null : settings.name}
          onClose={close}
          onJoin={(link, name) => {
            if (name) onConfirmName(name);
            store.setFilter({ kind: null, tag: null });
            openEntry(journal.joinEntry(link));
          }}
        />
      );
    case 'go-to-entry':
      return <QuickSwitcher find={findEntries} onClose={close} onOpen={openEntry} />;
    case 'settings':
      return (
        <SettingsDialog
          settings={settings}
          onClose={close}
          onSave={(next) => {
            saveAppSettings(next);
            onSettings(next);
            close();
          }}
        />
      );
    case 'command-palette':
      return <PaletteDialog />;
    default:
      return null;
  }
}

function PaletteDialog() {
  const store = useAppStore();
  const commands = useCommands();
  // The palette does not list itself.
  const available = useAvailableCommands().filter((command) => command.id !== 'command-palette');
  return (
    <CommandPalette
      commands={available}
      onClose={() => store.closeDialog()}
      onRun={(id) => {
        // Closed first, at once: focus is back where it was and the page behind is no longer
        // inert when the command runs (Search focuses its box; a dialog opens in the palette's place).
        flushSync(() => store.closeDialog());
        commands.run(id);
      }}
    />
  );
}
