import { useState } from 'react';
import { ariaKeyShortcut, shortcutLabel, type CommandId, type CommandSpec } from '../../shared/commands/shortcuts';
import { ChoiceList } from './ChoiceList';
import { ModalDialog } from './ModalDialog';
import { isMac } from './platformKeys';

interface CommandPaletteProps {
  /** The commands that can run now, in the table's order. */
  readonly commands: readonly CommandSpec[];
  readonly onRun: (id: CommandId) => void;
  readonly onClose: () => void;
}

/** Commands whose name has every word typed, in order of where the first word starts. */
export function filterCommands(commands: readonly CommandSpec[], typed: string): CommandSpec[] {
  const words = typed.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...commands];
  return commands
    .map((command) => ({ command, title: command.title.toLowerCase() }))
    .filter(({ title }) => words.every((word) => title.includes(word)))
    .map(({ command, title }) => ({ command, at: title.startsWith(words[0] ?? '') ? 0 : title.includes(` ${words[0] ?? ''}`) ? 1 : 2 }))
    .sort((a, b) => a.at - b.at)
    .map(({ command }) => command);
}

/** Ctrl/Cmd+Shift+P: every command by name; type to narrow, arrows to choose, Enter to run. */
export function CommandPalette({ commands, onRun, onClose }: CommandPaletteProps) {
  const [typed, setTyped] = useState('');
  const mac = isMac();
  return (
    <ModalDialog title="Command palette" onClose={onClose} className="pb-switcher pb-palette">
      <ChoiceList
        input={{ type: 'text', 'aria-label': 'Command', 'aria-autocomplete': 'list', placeholder: 'Type a command…', autoComplete: 'off', spellCheck: false }}
        typed={typed}
        onType={setTyped}
        listLabel="Commands"
        matches={filterCommands(commands, typed)}
        keyOf={(command) => command.id}
        optionProps={(command) => ({
          'aria-label': command.title,
          'aria-keyshortcuts': command.shortcut ? ariaKeyShortcut(command.shortcut, mac) : undefined,
        })}
        renderOption={(command) => (
          <>
            <span>{command.title}</span>
            {command.shortcut && <kbd className="pb-muted">{shortcutLabel(command.shortcut, mac)}</kbd>}
          </>
        )}
        noMatch="No command matches."
        onChoose={(command) => onRun(command.id)}
      />
    </ModalDialog>
  );
}
