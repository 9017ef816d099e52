import type { MenuItemConstructorOptions } from 'electron';
import type { EntryKind } from '../shared/entry/entryKind';
import type { AppCommand } from '../shared/ipc/ipcContract';

/**
 * The application menu: the platform's standard roles (so Edit, Window and the macOS app menu
 * behave as users of each OS expect) plus Peerbook's own items, which send the renderer the
 * same command its buttons run. The New shortcuts are the ones the web build answers
 * (renderer/app/keyboardShortcuts.ts); on desktop the menu owns them so they fire once.
 * https://www.electronjs.org/docs/latest/api/menu#examples
 */
export interface ApplicationMenuOptions {
  /** `process.platform`. */
  readonly platform: string;
  readonly appName: string;
  /** Development builds get Reload and the developer tools; installed ones do not. */
  readonly isPackaged: boolean;
  readonly sendCommand: (command: AppCommand) => void;
  /** Opens a Help link in the browser (main passes openExternalUrl with shell.openExternal). */
  readonly openHelpLink: (url: string) => void;
  readonly websiteUrl: string;
}

export const NEW_ENTRY_ACCELERATORS: Readonly<Record<EntryKind, string>> = {
  lesson: 'CmdOrCtrl+Alt+L',
  checklist: 'CmdOrCtrl+Alt+K',
  debrief: 'CmdOrCtrl+Alt+D',
};

const NEW_ENTRY_LABELS: Readonly<Record<EntryKind, string>> = {
  lesson: 'New lesson',
  checklist: 'New checklist',
  debrief: 'New debrief',
};

const SEPARATOR: MenuItemConstructorOptions = { type: 'separator' };

export function buildApplicationMenuTemplate(options: ApplicationMenuOptions): MenuItemConstructorOptions[] {
  const isMac = options.platform === 'darwin';
  const send = (command: AppCommand) => (): void => options.sendCommand(command);
  // `&` marks the Alt-key mnemonic on Windows and Linux; macOS has no mnemonics.
  const topLevel = (label: string): string => (isMac ? label.replace('&', '') : label);
  const settingsItem: MenuItemConstructorOptions = {
    id: 'settings',
    label: 'Settings…',
    accelerator: 'CmdOrCtrl+,',
    click: send({ type: 'open-settings' }),
  };

  const appMenu: MenuItemConstructorOptions = {
    label: options.appName,
    submenu: [
      { role: 'about' },
      SEPARATOR,
      settingsItem,
      SEPARATOR,
      { role: 'services' },
      SEPARATOR,
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      SEPARATOR,
      { role: 'quit' },
    ],
  };

  const fileMenu: MenuItemConstructorOptions = {
    label: topLevel('&File'),
    submenu: [
      ...(['lesson', 'checklist', 'debrief'] as const).map(
        (kind): MenuItemConstructorOptions => ({
          id: `new-${kind}`,
          label: NEW_ENTRY_LABELS[kind],
          accelerator: NEW_ENTRY_ACCELERATORS[kind],
          click: send({ type: 'new-entry', kind }),
        }),
      ),
      SEPARATOR,
      { id: 'join', label: 'Join by link…', accelerator: 'CmdOrCtrl+J', click: send({ type: 'join', link: null }) },
      SEPARATOR,
      {
        id: 'export-entry',
        label: 'Export Markdown…',
        accelerator: 'CmdOrCtrl+Shift+E',
        click: send({ type: 'export-entry' }),
      },
      { id: 'export-journal', label: 'Export journal…', click: send({ type: 'export-journal' }) },
      SEPARATOR,
      ...(isMac ? [{ role: 'close' } as const] : [settingsItem, SEPARATOR, { role: 'quit' } as const]),
    ],
  };

  const editMenu: MenuItemConstructorOptions = {
    label: topLevel('&Edit'),
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      SEPARATOR,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'pasteAndMatchStyle' },
      { role: 'delete' },
      SEPARATOR,
      { role: 'selectAll' },
    ],
  };

  const viewMenu: MenuItemConstructorOptions = {
    label: topLevel('&View'),
    submenu: [
      ...(options.isPackaged
        ? []
        : [{ role: 'reload' } as const, { role: 'forceReload' } as const, { role: 'toggleDevTools' } as const, SEPARATOR]),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      SEPARATOR,
      { role: 'togglefullscreen' },
    ],
  };

  const windowMenu: MenuItemConstructorOptions = {
    label: topLevel('&Window'),
    role: 'windowMenu',
    submenu: isMac
      ? [{ role: 'minimize' }, { role: 'zoom' }, SEPARATOR, { role: 'front' }]
      : [{ role: 'minimize' }, { role: 'close' }],
  };

  const helpMenu: MenuItemConstructorOptions = {
    label: topLevel('&Help'),
    role: 'help',
    submenu: [
      { id: 'website', label: 'Peerbook website', click: () => options.openHelpLink(options.websiteUrl) },
      ...(isMac ? [] : [SEPARATOR, { role: 'about' } as const]),
    ],
  };

  return [...(isMac ? [appMenu] : []), fileMenu, editMenu, viewMenu, windowMenu, helpMenu];
}
