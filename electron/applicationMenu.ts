import type { MenuItemConstructorOptions } from 'electron';
import { commandSpec, type CommandId } from '../shared/commands/shortcuts';
import type { AppCommand } from '../shared/ipc/ipcContract';

/**
 * The application menu: the platform's standard roles (so Edit, Window and the macOS app menu
 * behave as users of each OS expect) plus Peerbook's own items, which send the renderer the
 * same command its buttons run. Names and accelerators come from the app's one command table
 * (shared/commands/shortcuts.ts), the one the web build's keyboard answers; on desktop the menu
 * owns the shortcuts of the commands it lists, so they fire once.
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

const SEPARATOR: MenuItemConstructorOptions = { type: 'separator' };

export function buildApplicationMenuTemplate(options: ApplicationMenuOptions): MenuItemConstructorOptions[] {
  const isMac = options.platform === 'darwin';
  // `&` marks the Alt-key mnemonic on Windows and Linux; macOS has no mnemonics.
  const topLevel = (label: string): string => (isMac ? label.replace('&', '') : label);
  // Each item runs its command by name; its label and accelerator are the table's.
  const commandItem = (id: CommandId, itemId: string = id): MenuItemConstructorOptions => {
    const { title, shortcut, asksFirst } = commandSpec(id);
    return {
      id: itemId,
      label: asksFirst ? `${title}…` : title,
      ...(shortcut ? { accelerator: shortcut } : {}),
      click: () => options.sendCommand({ type: 'run', command: id }),
    };
  };
  const settingsItem = commandItem('settings');

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
      commandItem('new-lesson'),
      commandItem('new-checklist'),
      commandItem('new-debrief'),
      SEPARATOR,
      commandItem('join'),
      SEPARATOR,
      commandItem('export-markdown', 'export-entry'),
      commandItem('export-journal'),
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
      commandItem('command-palette'),
      SEPARATOR,
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
