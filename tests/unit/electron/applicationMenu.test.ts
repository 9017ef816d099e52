import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import type { AppCommand } from '../../../shared/ipc/ipcContract';
import { NEW_ENTRY_SHORTCUTS } from '../../../renderer/app/keyboardShortcuts';
import { buildApplicationMenuTemplate, NEW_ENTRY_ACCELERATORS } from '../../../electron/applicationMenu';

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
      { type: 'new-entry', kind: 'lesson' },
      { type: 'new-entry', kind: 'checklist' },
      { type: 'new-entry', kind: 'debrief' },
      { type: 'join', link: null },
      { type: 'export-entry' },
      { type: 'export-journal' },
      { type: 'open-settings' },
    ]);
  });

  it('uses the shortcuts the app documents, the same keys the web build answers', () => {
    const file = submenu(topLevel(menuFor('linux').template, 'File'));
    for (const kind of ['lesson', 'checklist', 'debrief'] as const) {
      const item = file.find((candidate) => candidate.id === `new-${kind}`);
      expect(item?.accelerator).toBe(NEW_ENTRY_ACCELERATORS[kind]);
      // CmdOrCtrl+Alt+<letter> is Ctrl+Alt (Cmd+Option on macOS), as keyboardShortcuts.ts matches.
      expect(NEW_ENTRY_ACCELERATORS[kind]).toBe(`CmdOrCtrl+Alt+${NEW_ENTRY_SHORTCUTS[kind].code.replace('Key', '')}`);
    }
    const accelerators = allItems(menuFor('darwin').template)
      .map((item) => item.accelerator)
      .filter((accelerator): accelerator is string => typeof accelerator === 'string');
    expect(new Set(accelerators).size).toBe(accelerators.length);
    // Ctrl/Cmd+K and Ctrl/Cmd+P belong to search and the quick switcher in the page.
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
