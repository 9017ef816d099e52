import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import type { AppCommand } from '../../../shared/ipc/ipcContract';
import { COMMANDS, commandSpec, matchesShortcut } from '../../../shared/commands/shortcuts';
import { buildApplicationMenuTemplate } from '../../../electron/applicationMenu';

function menuFor(platform: string, isPackaged = true) {
  const sent: AppCommand[] = [];
  const opened: string[] = [];
  const template = buildApplicationMenuTemplate({
    platform,
    appName: 'Peerbook',
    isPackaged,
    websiteUrl: 'https://peerbook.app',
    sendCommand: (command) => sent.push(command),
    openHelpLink: (url) => opened.push(url),
  });
  return { template, sent, opened };
}

function submenu(item: MenuItemConstructorOptions | undefined): MenuItemConstructorOptions[] {
  if (!item || !Array.isArray(item.submenu)) throw new Error(`${item?.label ?? 'menu'} has no submenu`);
  return item.submenu;
}

function topLevel(template: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions {
  const item = template.find((candidate) => candidate.label?.replace('&', '') === label);
  if (!item) throw new Error(`no ${label} menu`);
  return item;
}

function allItems(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? allItems(item.submenu) : [])]);
}

function click(item: MenuItemConstructorOptions | undefined): void {
  if (!item?.click) throw new Error(`${item?.label ?? 'item'} does nothing`);
  (item.click as () => void)();
}

describe('the application menu', () => {
  it('has File, Edit, View, Window and Help everywhere, and the app menu first on macOS', () => {
    expect(menuFor('linux').template.map((item) => item.label)).toEqual(['&File', '&Edit', '&View', '&Window', '&Help']);
    expect(menuFor('win32').template.map((item) => item.label)).toEqual(['&File', '&Edit', '&View', '&Window', '&Help']);
    expect(menuFor('darwin').template.map((item) => item.label)).toEqual(['Peerbook', 'File', 'Edit', 'View', 'Window', 'Help']);
  });

  it('File creates each kind of entry, joins by link and exports, by sending the renderer a command', () => {
    const { template, sent } = menuFor('linux');
    const file = submenu(topLevel(template, 'File'));
    const labels = file.filter((item) => item.type !== 'separator').map((item) => item.label ?? item.role);
    expect(labels).toEqual([
      'New lesson',
      'New checklist',
      'New debrief',
      'Join by link…',
      'Export Markdown…',
      'Export journal…',
      'Settings…',
      'quit',
    ]);
    for (const id of ['new-lesson', 'new-checklist', 'new-debrief', 'join', 'export-entry', 'export-journal', 'settings']) {
      click(file.find((item) => item.id === id));
    }
    expect(sent).toEqual([
      { type: 'run', command: 'new-lesson' },
      { type: 'run', command: 'new-checklist' },
      { type: 'run', command: 'new-debrief' },
      { type: 'run', command: 'join' },
      { type: 'run', command: 'export-markdown' },
      { type: 'run', command: 'export-journal' },
      { type: 'run', command: 'settings' },
    ]);
  });

  it('View opens the command palette', () => {
    const { template, sent } = menuFor('win32');
    const palette = submenu(topLevel(template, 'View')).find((item) => item.id === 'command-palette');
    expect(palette?.label).toBe('Command palette…');
    expect(palette?.accelerator).toBe('CmdOrCtrl+Shift+P');
    click(palette);
    expect(sent).toEqual([{ type: 'run', command: 'command-palette' }]);
  });

  it('lists exactly the commands the table gives the menu, with the table’s shortcuts, which the page then leaves to it', () => {
    for (const platform of ['linux', 'darwin']) {
      const { template, sent } = menuFor(platform);
      const items = allItems(template).filter((item) => item.click && item.id !== 'website');
      const listed = items.map((item) => {
        click(item);
        const command = sent.at(-1);
        if (command?.type !== 'run') throw new Error(`${item.label ?? 'item'} runs no command`);
        expect(item.accelerator).toBe(commandSpec(command.command).shortcut ?? undefined);
        return command.command;
      });
      expect(new Set(listed)).toEqual(new Set(COMMANDS.filter((command) => command.menu !== null).map((command) => command.id)));
    }
  });

  it('takes no shortcut a desktop keeps for itself, and gives no two commands the same keys', () => {
    const shortcuts = COMMANDS.flatMap((command) => (command.shortcut ? [command.shortcut] : []));
    expect(new Set(shortcuts).size).toBe(shortcuts.length);
    for (const shortcut of shortcuts) {
      // Ctrl+Alt: KDE, Cinnamon and Xfce lock the screen on Ctrl+Alt+L, Xfce shows the desktop on
      // Ctrl+Alt+D, Ctrl+Alt+T opens a terminal, Ctrl+Alt+arrows switch workspaces; on Windows it is AltGr.
      expect(shortcut).not.toMatch(/CmdOrCtrl\+(Shift\+)?Alt|Alt\+F\d|Super|Meta/);
    }
    const reserved = ['KeyL', 'KeyT', 'KeyD', 'ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Delete'].map((code) => ({
      code,
      ctrlKey: true,
      metaKey: false,
      altKey: true,
      shiftKey: false,
    }));
    for (const press of reserved) {
      expect(shortcuts.filter((shortcut) => matchesShortcut(shortcut, press))).toEqual([]);
    }
    // Ctrl+K (search) and Ctrl+P (go to entry) stay the page's own, as in every editor people know.
    const accelerators = allItems(menuFor('darwin').template)
      .map((item) => item.accelerator)
      .filter((accelerator): accelerator is string => typeof accelerator === 'string');
    expect(new Set(accelerators).size).toBe(accelerators.length);
    expect(accelerators).not.toContain('CmdOrCtrl+K');
    expect(accelerators).not.toContain('CmdOrCtrl+P');
  });

  it('Edit carries the standard editing roles, so undo, clipboard and select-all work as on every app', () => {
    const roles = submenu(topLevel(menuFor('darwin').template, 'Edit')).map((item) => item.role);
    for (const role of ['undo', 'redo', 'cut', 'copy', 'paste', 'pasteAndMatchStyle', 'delete', 'selectAll']) {
      expect(roles).toContain(role);
    }
  });

  it('puts About, Settings, Hide and Quit in the macOS app menu, and Quit in File elsewhere', () => {
    const mac = menuFor('darwin').template;
    const appMenu = submenu(mac[0]);
    expect(appMenu.map((item) => item.role ?? item.id).filter(Boolean)).toEqual([
      'about',
      'settings',
      'services',
      'hide',
      'hideOthers',
      'unhide',
      'quit',
    ]);
    expect(appMenu.find((item) => item.id === 'settings')?.accelerator).toBe('CmdOrCtrl+,');
    expect(submenu(topLevel(mac, 'File')).map((item) => item.role).filter(Boolean)).toEqual(['close']);
    expect(submenu(topLevel(mac, 'Window')).map((item) => item.role).filter(Boolean)).toEqual(['minimize', 'zoom', 'front']);

    const linux = menuFor('linux').template;
    expect(allItems(linux).filter((item) => item.role === 'quit')).toHaveLength(1);
    expect(submenu(topLevel(linux, 'Help')).map((item) => item.role).filter(Boolean)).toEqual(['about']);
  });

  it('keeps Reload and the developer tools out of installed builds', () => {
    const installedRoles = submenu(topLevel(menuFor('win32', true).template, 'View')).map((item) => item.role);
    expect(installedRoles).not.toContain('toggleDevTools');
    expect(installedRoles).not.toContain('reload');
    expect(installedRoles).toEqual(expect.arrayContaining(['resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']));

    const developmentRoles = submenu(topLevel(menuFor('win32', false).template, 'View')).map((item) => item.role);
    expect(developmentRoles).toEqual(expect.arrayContaining(['reload', 'forceReload', 'toggleDevTools']));
  });

  it('opens the website from Help through the checked external-link path', () => {
    const { template, opened } = menuFor('linux');
    click(submenu(topLevel(template, 'Help')).find((item) => item.id === 'website'));
    expect(opened).toEqual(['https://peerbook.app']);
  });
});
