import { ariaKeyShortcut, commandSpec, shortcutLabel, type CommandId } from '../../shared/commands/shortcuts';

/** macOS names its modifiers differently (⌘ for Ctrl): hints and aria-keyshortcuts follow. */
export function isMac(): boolean {
  return typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
}

/** How the shortcut of `id` is written on this computer (`Ctrl+K`, `⌘K`); empty if it has none. */
export function shortcutText(id: CommandId): string {
  const { shortcut } = commandSpec(id);
  return shortcut ? shortcutLabel(shortcut, isMac()) : '';
}

/**
 * What a button that runs `id` says about its shortcut: `aria-keyshortcuts` and a title such as
 * "New lesson (Ctrl+Shift+L)". Nothing for a command without one.
 */
export function shortcutHint(id: CommandId): { 'aria-keyshortcuts'?: string; title?: string } {
  const { shortcut, title } = commandSpec(id);
  if (!shortcut) return {};
  const mac = isMac();
  return { 'aria-keyshortcuts': ariaKeyShortcut(shortcut, mac), title: `${title} (${shortcutLabel(shortcut, mac)})` };
}
