import { describe, expect, it } from 'vitest';
import {
  ariaKeyShortcut,
  COMMAND_IDS,
  COMMANDS,
  commandForKeyPress,
  isCommandId,
  matchesShortcut,
  parseShortcut,
  shortcutLabel,
  type KeyPress,
} from '../../../../shared/commands/shortcuts';

const press = (code: string, modifiers: Partial<Omit<KeyPress, 'code'>> = {}): KeyPress => ({
  code,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...modifiers,
});

describe('the one table of commands and their shortcuts', () => {
  it('names every command once, in the table and in the list of ids', () => {
    expect(COMMANDS.map((command) => command.id)).toEqual([...COMMAND_IDS]);
    expect(new Set(COMMANDS.map((command) => command.title)).size).toBe(COMMANDS.length);
    expect(isCommandId('command-palette')).toBe(true);
    expect(isCommandId('toString')).toBe(false);
    expect(isCommandId(42)).toBe(false);
  });

  it('answers each shortcut with its command, from Ctrl on Linux and Windows and Cmd on macOS', () => {
    expect(commandForKeyPress(press('KeyP', { ctrlKey: true, shiftKey: true }))?.title).toBe('Command palette');
    expect(commandForKeyPress(press('KeyP', { metaKey: true, shiftKey: true }))?.title).toBe('Command palette');
    expect(commandForKeyPress(press('KeyP', { ctrlKey: true }))?.title).toBe('Go to entry');
    expect(commandForKeyPress(press('KeyK', { ctrlKey: true }))?.title).toBe('Search');
    expect(commandForKeyPress(press('KeyL', { ctrlKey: true, shiftKey: true }))?.title).toBe('New lesson');
    expect(commandForKeyPress(press('ArrowDown', { altKey: true }))?.title).toBe('Next entry');
    expect(commandForKeyPress(press('Comma', { ctrlKey: true }))?.title).toBe('Settings');
    // Plain typing and the old Ctrl+Alt+L (the lock screen of KDE, Cinnamon and Xfce) run nothing.
    expect(commandForKeyPress(press('KeyP'))).toBeNull();
    expect(commandForKeyPress(press('KeyP', { shiftKey: true }))).toBeNull();
    expect(commandForKeyPress(press('KeyL', { ctrlKey: true, altKey: true }))).toBeNull();
  });

  it('keeps away from the keys desktops, browsers and AltGr keep for themselves', () => {
    for (const { shortcut, title } of COMMANDS) {
      if (!shortcut) continue;
      const parsed = parseShortcut(shortcut);
      // Ctrl+Alt is AltGr on Windows and the home of desktop shortcuts on Linux.
      expect(parsed.primary && parsed.alt, title).toBe(false);
      expect(shortcut, title).not.toMatch(/Super|Meta|Alt\+F\d+$/);
      // Chromium keeps Ctrl+Shift+N, T, W and Q (new window, reopen tab, close, quit) for itself.
      if (parsed.primary && parsed.shift) expect(['KeyN', 'KeyT', 'KeyW', 'KeyQ'], title).not.toContain(parsed.code);
    }
    for (const code of ['KeyL', 'KeyT', 'KeyD', 'Delete', 'ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown']) {
      expect(commandForKeyPress(press(code, { ctrlKey: true, altKey: true })), code).toBeNull();
    }
  });

  it('writes each shortcut as people read it and as aria-keyshortcuts spells it', () => {
    expect(shortcutLabel('CmdOrCtrl+Shift+P', false)).toBe('Ctrl+Shift+P');
    expect(shortcutLabel('CmdOrCtrl+Shift+P', true)).toBe('⇧⌘P');
    expect(shortcutLabel('Alt+Down', false)).toBe('Alt+↓');
    expect(ariaKeyShortcut('CmdOrCtrl+Shift+P', false)).toBe('Control+Shift+P');
    expect(ariaKeyShortcut('CmdOrCtrl+K', true)).toBe('Meta+K');
    expect(ariaKeyShortcut('Alt+Up', false)).toBe('Alt+ArrowUp');
    expect(matchesShortcut('CmdOrCtrl+,', press('Comma', { metaKey: true }))).toBe(true);
  });
});
