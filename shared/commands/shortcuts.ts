/**
 * Every action of the app, by name, with its default shortcut: the one table the page's keyboard
 * handler, the command palette, the buttons' hints and the desktop menu's accelerators all read.
 * Shortcuts are written as Electron accelerators (`CmdOrCtrl` is Cmd on macOS, Ctrl elsewhere),
 * https://www.electronjs.org/docs/latest/api/accelerator, so the menu takes them as they are.
 *
 * Why these keys (docs/DECISIONS.md, "One command table"): none is one that a desktop, a
 * browser or an input method keeps for itself. No Ctrl+Alt (the lock screen of KDE, Cinnamon and
 * Xfce is Ctrl+Alt+L, Xfce shows the desktop on Ctrl+Alt+D, and on Windows Ctrl+Alt is AltGr, which
 * types letters such as ł), no Super, no Alt+F-key, and none of the Ctrl+Shift letters Chromium
 * keeps (N, T, W, Q) or uses (A, B, C, I, J, M, O, R, U, V).
 */

export const COMMAND_IDS = [
  'new-lesson',
  'new-checklist',
  'new-debrief',
  'search',
  'go-to-entry',
  'command-palette',
  'next-entry',
  'previous-entry',
  'join',
  'share',
  'history',
  'save-version',
  'export-markdown',
  'export-journal',
  'back-up-journal',
  'restore-backup',
  'import-markdown',
  'settings',
  'this-week',
  'review',
  'insights',
  'trash',
  'delete-entry',
] as const;

export type CommandId = (typeof COMMAND_IDS)[number];

/** Where the desktop app's menu lists a command; null: the page alone answers its shortcut. */
export type MenuPlace = 'file' | 'view' | null;

export interface CommandSpec {
  readonly id: CommandId;
  /** The command's name: in the palette, in menus (with `…` when it asks more) and in hints. */
  readonly title: string;
  /** An Electron accelerator, or null for a command run from its button, menu or the palette. */
  readonly shortcut: string | null;
  readonly menu: MenuPlace;
  /** It opens a dialog or picker first: menus show `…` after its name. */
  readonly asksFirst: boolean;
}

const spec = (id: CommandId, title: string, shortcut: string | null, menu: MenuPlace = null, asksFirst = false): CommandSpec => ({
  id,
  title,
  shortcut,
  menu,
  asksFirst,
});

export const COMMANDS: readonly CommandSpec[] = [
  // New lesson in a debrief with text selected makes that text a lesson note (Make lesson note).
  spec('new-lesson', 'New lesson', 'CmdOrCtrl+Shift+L', 'file'),
  spec('new-checklist', 'New checklist', 'CmdOrCtrl+Shift+K', 'file'),
  spec('new-debrief', 'New debrief', 'CmdOrCtrl+Shift+D', 'file'),
  // Search and Go to entry are the page's own, as in every editor people know.
  spec('search', 'Search', 'CmdOrCtrl+K'),
  spec('go-to-entry', 'Go to entry', 'CmdOrCtrl+P', null, true),
  spec('command-palette', 'Command palette', 'CmdOrCtrl+Shift+P', 'view', true),
  spec('next-entry', 'Next entry', 'Alt+Down'),
  spec('previous-entry', 'Previous entry', 'Alt+Up'),
  spec('join', 'Join by link', 'CmdOrCtrl+J', 'file', true),
  spec('share', 'Share', null, null, true),
  spec('history', 'History', 'CmdOrCtrl+Shift+H'),
  spec('save-version', 'Save version', 'CmdOrCtrl+S'),
  spec('export-markdown', 'Export Markdown', 'CmdOrCtrl+Shift+E', 'file', true),
  spec('export-journal', 'Export journal', null, 'file', true),
  // A file chooser opens only straight after a key press or click in the page: not from the menu.
  spec('back-up-journal', 'Back up journal', null, null, true),
  spec('restore-backup', 'Restore backup', null, null, true),
  spec('import-markdown', 'Import Markdown', null, null, true),
  spec('settings', 'Settings', 'CmdOrCtrl+,', 'file', true),
  spec('this-week', 'This week', null),
  spec('review', 'Review', null),
  spec('insights', 'Insights', null),
  spec('trash', 'Trash', null),
  // Deleting has no shortcut: a stray key press should not move an entry to the Trash.
  spec('delete-entry', 'Delete entry', null),
];

const BY_ID = new Map(COMMANDS.map((command) => [command.id, command]));

export function commandSpec(id: CommandId): CommandSpec {
  const found = BY_ID.get(id);
  if (!found) throw new Error(`No command ${id}`);
  return found;
}

export function isCommandId(value: unknown): value is CommandId {
  return typeof value === 'string' && BY_ID.has(value as CommandId);
}

/** A shortcut taken apart: the modifiers and the key, as `KeyboardEvent.code` names it. */
export interface ParsedShortcut {
  /** Cmd on macOS, Ctrl elsewhere. */
  readonly primary: boolean;
  readonly shift: boolean;
  readonly alt: boolean;
  readonly code: string;
}

const KEY_CODES: Readonly<Record<string, string>> = {
  ',': 'Comma',
  '.': 'Period',
  '/': 'Slash',
  Up: 'ArrowUp',
  Down: 'ArrowDown',
  Left: 'ArrowLeft',
  Right: 'ArrowRight',
};

export function parseShortcut(shortcut: string): ParsedShortcut {
  const parts = shortcut.split('+');
  // `CmdOrCtrl+Shift++` is not used: the last part is the key, the others modifiers.
  const key = parts.pop() ?? '';
  const code = /^[A-Z]$/.test(key) ? `Key${key}` : /^[0-9]$/.test(key) ? `Digit${key}` : KEY_CODES[key];
  if (!code) throw new Error(`Unknown key in shortcut ${shortcut}`);
  return { primary: parts.includes('CmdOrCtrl'), shift: parts.includes('Shift'), alt: parts.includes('Alt'), code };
}

/** The part of a keyboard event a shortcut is matched on (a DOM KeyboardEvent has it). */
export interface KeyPress {
  readonly code: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
  readonly shiftKey: boolean;
}

/**
 * Read from `event.code`, so that keyboard layouts and Option's special characters on macOS do
 * not change what a shortcut is. Ctrl and Cmd both count as the primary modifier, as before.
 */
export function matchesShortcut(shortcut: string, press: KeyPress): boolean {
  const wanted = parseShortcut(shortcut);
  const primary = press.ctrlKey || press.metaKey;
  return press.code === wanted.code && primary === wanted.primary && press.shiftKey === wanted.shift && press.altKey === wanted.alt;
}

/** The command whose default shortcut this key press is, if any. */
export function commandForKeyPress(press: KeyPress): CommandSpec | null {
  return COMMANDS.find((command) => command.shortcut !== null && matchesShortcut(command.shortcut, press)) ?? null;
}

const KEY_NAMES: Readonly<Record<string, string>> = { Up: '↑', Down: '↓', Left: '←', Right: '→' };

/** How a shortcut is written for people: `Ctrl+Shift+P`, or `⇧⌘P` on macOS. */
export function shortcutLabel(shortcut: string, mac: boolean): string {
  const parts = shortcut.split('+');
  const key = parts.pop() ?? '';
  const shown = KEY_NAMES[key] ?? key;
  if (mac) {
    return `${parts.includes('Alt') ? '⌥' : ''}${parts.includes('Shift') ? '⇧' : ''}${parts.includes('CmdOrCtrl') ? '⌘' : ''}${shown}`;
  }
  return [...parts.map((part) => (part === 'CmdOrCtrl' ? 'Ctrl' : part)), shown].join('+');
}

const ARIA_KEYS: Readonly<Record<string, string>> = { Up: 'ArrowUp', Down: 'ArrowDown', Left: 'ArrowLeft', Right: 'ArrowRight' };

/** The shortcut as `aria-keyshortcuts` spells it: `Control+Shift+P` (`Meta+Shift+P` on macOS). */
export function ariaKeyShortcut(shortcut: string, mac: boolean): string {
  const parts = shortcut.split('+');
  const key = parts.pop() ?? '';
  const modifiers = parts.map((part) => (part === 'CmdOrCtrl' ? (mac ? 'Meta' : 'Control') : part));
  return [...modifiers, ARIA_KEYS[key] ?? key].join('+');
}
