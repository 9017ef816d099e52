import { useEffect, useId, useState } from 'react';
import { ariaKeyShortcut, shortcutLabel, type CommandId, type CommandSpec } from '../../shared/commands/shortcuts';
import { ModalDialog } from './ModalDialog';
import { isMac } from './platformKeys';
import { useListChoice } from './useListChoice';

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
  const listId = useId();
  const mac = isMac();
  const matches = filterCommands(commands, typed);
  const { chosen, setActive, restart, onKeyDown } = useListChoice(matches, (command) => onRun(command.id));
  const chosenId = chosen ? `${listId}-${chosen.id}` : undefined;
  // The chosen command stays in sight as the arrows move through a list longer than the dialog.
  useEffect(() => {
    if (chosenId) document.getElementById(chosenId)?.scrollIntoView({ block: 'nearest' });
  }, [chosenId]);
  return (
    <ModalDialog title="Command palette" onClose={onClose} className="pb-switcher pb-palette">
      <div className="pb-dialog-body">
        <input
          type="text"
          aria-label="Command"
          aria-autocomplete="list"
          aria-controls={listId}
          aria-activedescendant={chosenId}
          placeholder="Type a command…"
          autoComplete="off"
          spellCheck={false}
          value={typed}
          onChange={(event) => {
            setTyped(event.target.value);
            restart();
          }}
          onKeyDown={onKeyDown}
        />
        <ul id={listId} role="listbox" aria-label="Commands" className="pb-switcher-list">
          {matches.map((command) => (
            <li
              key={command.id}
              id={`${listId}-${command.id}`}
              role="option"
              aria-label={command.title}
              aria-keyshortcuts={command.shortcut ? ariaKeyShortcut(command.shortcut, mac) : undefined}
              aria-selected={command === chosen}
              className={command === chosen ? 'pb-switcher-active' : undefined}
              onMouseEnter={() => setActive(matches.indexOf(command))}
              onClick={() => onRun(command.id)}
            >
              <span>{command.title}</span>
              {command.shortcut && <kbd className="pb-muted">{shortcutLabel(command.shortcut, mac)}</kbd>}
            </li>
          ))}
          {matches.length === 0 && <li className="pb-muted">No command matches.</li>}
        </ul>
      </div>
    </ModalDialog>
  );
}
