import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../../shared/commands/shortcuts';
import type { EntryId } from '../../../../shared/entry/entryId';
import { AppStore, openEntryId } from '../../../../renderer/app/appStore';
import { filterCommands } from '../../../../renderer/app/CommandPalette';
import { CommandRegistry } from '../../../../renderer/app/commandRegistry';

const ENTRY = 'entry-one' as EntryId;

describe('the app store: where the user is, in one place', () => {
  it('opens an entry, asks once for where typing goes, and tells its readers', () => {
    const store = new AppStore();
    let told = 0;
    store.subscribe(() => (told += 1));
    store.openEntry(ENTRY, 'title');
    expect(openEntryId(store.getState())).toBe(ENTRY);
    expect(store.getState().focusOnOpen).toEqual({ id: ENTRY, target: 'title' });
    store.focusTaken(ENTRY);
    expect(store.getState().focusOnOpen).toBeNull();
    const before = store.getState();
    store.focusTaken(ENTRY); // nothing to change: nobody is told
    expect(store.getState()).toBe(before);
    expect(told).toBe(2);
  });

  it('opens the Trash over the entry on screen and goes back to it', () => {
    const store = new AppStore({ place: { view: 'entry', id: ENTRY } });
    store.toggleTrash();
    expect(store.getState().place).toEqual({ view: 'trash', from: ENTRY });
    expect(openEntryId(store.getState())).toBeNull();
    store.toggleTrash();
    expect(store.getState().place).toEqual({ view: 'entry', id: ENTRY });
    store.show({ view: 'insights' });
    store.toggleTrash();
    store.toggleTrash();
    expect(store.getState().place).toEqual({ view: 'library' });
  });

  it('keeps one dialog open at a time', () => {
    const store = new AppStore();
    store.openDialog({ kind: 'command-palette' });
    store.openDialog({ kind: 'settings' });
    expect(store.getState().dialog).toEqual({ kind: 'settings' });
    store.closeDialog();
    expect(store.getState().dialog).toBeNull();
  });
});

describe('the command registry', () => {
  it('runs what the newest registration says, and a command nobody can run is not available', () => {
    const registry = new CommandRegistry();
    const ran: string[] = [];
    expect(registry.run('share')).toBe(false);
    const first = registry.register('share', () => ran.push('first entry'));
    const second = registry.register('share', () => ran.push('second entry'));
    expect(registry.run('share')).toBe(true);
    second();
    registry.run('share');
    expect(ran).toEqual(['second entry', 'first entry']);
    expect(registry.available().map((command) => command.id)).toEqual(['share']);
    first();
    expect(registry.isAvailable('share')).toBe(false);
  });
});

describe('the command palette’s filter', () => {
  it('keeps commands with every typed word, those starting with it first', () => {
    expect(filterCommands(COMMANDS, 'new').map((command) => command.title)).toEqual(['New lesson', 'New checklist', 'New debrief']);
    expect(filterCommands(COMMANDS, 'export mark').map((command) => command.title)).toEqual(['Export Markdown']);
    expect(filterCommands(COMMANDS, 'entry').map((command) => command.title)).toEqual(['Go to entry', 'Next entry', 'Previous entry', 'Delete entry']);
    expect(filterCommands(COMMANDS, 'markdown').map((command) => command.title)).toEqual(['Export Markdown', 'Import Markdown']);
    expect(filterCommands(COMMANDS, '  ')).toHaveLength(COMMANDS.length);
    expect(filterCommands(COMMANDS, 'zzz')).toEqual([]);
  });
});
