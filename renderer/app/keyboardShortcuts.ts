import type { EntryKind } from '../../shared/entry/entryKind';

/**
 * App-wide shortcuts. Ctrl+Alt (Cmd+Option on macOS) with a letter, read from `event.code` so
 * that layouts and Option's special characters do not change them.
 */
export const NEW_ENTRY_SHORTCUTS: Readonly<Record<EntryKind, { code: string; aria: string; label: string }>> = {
  lesson: { code: 'KeyL', aria: 'Control+Alt+L', label: 'Ctrl+Alt+L' },
  checklist: { code: 'KeyK', aria: 'Control+Alt+K', label: 'Ctrl+Alt+K' },
  debrief: { code: 'KeyD', aria: 'Control+Alt+D', label: 'Ctrl+Alt+D' },
};

export type ShortcutAction =
  | { type: 'new'; kind: EntryKind }
  | { type: 'move'; by: 1 | -1 }
  | { type: 'search' }
  | { type: 'switch' };

export function matchShortcut(event: KeyboardEvent): ShortcutAction | null {
  const mod = event.ctrlKey || event.metaKey;
  if (mod && event.altKey && !event.shiftKey) {
    for (const [kind, shortcut] of Object.entries(NEW_ENTRY_SHORTCUTS) as Array<[EntryKind, { code: string }]>) {
      if (event.code === shortcut.code) return { type: 'new', kind };
    }
  }
  // Ctrl/Cmd+K focuses Search; Ctrl/Cmd+P opens the quick switcher (instead of printing).
  if (mod && !event.altKey && !event.shiftKey) {
    if (event.code === 'KeyK') return { type: 'search' };
    if (event.code === 'KeyP') return { type: 'switch' };
  }
  // Alt+↑ / Alt+↓ move to the previous / next entry in the library.
  if (event.altKey && !mod && !event.shiftKey) {
    if (event.key === 'ArrowDown') return { type: 'move', by: 1 };
    if (event.key === 'ArrowUp') return { type: 'move', by: -1 };
  }
  return null;
}
