// @vitest-environment happy-dom
import { EntryLifecycle } from '../../../../renderer/collab/entryLifecycle';
import 'fake-indexeddb/auto';
import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AppSettings } from '../../../../renderer/app/appSettings';
import {
  inviteSignaling,
  usePlatformCommands,
  type PlatformCommandHandlers,
  type PlatformCommands,
} from '../../../../renderer/app/usePlatformCommands';
import { Journal } from '../../../../renderer/journal/journal';
import { BRIDGE_GLOBAL, type MarkdownFile } from '../../../../shared/ipc/ipcContract';
import type { EntryRow } from '../../../../shared/library/entryRow';

// The renderer's half of the desktop shell, in a DOM (happy-dom) with React: a fake preload
// bridge stands where the real one would be, so commands from "main" travel through
// renderer/platform into the hook exactly as in the desktop app.

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const bridge = {
  listener: null as ((payload: unknown) => void) | null,
  sharing: [] as boolean[],
  folders: [] as MarkdownFile[][],
  getAppInfo: () => Promise.resolve({ name: 'Peerbook', version: '0.1.0' }),
  saveTextFile: () => Promise.resolve('saved'),
  saveMarkdownFolder(files: MarkdownFile[]) {
    bridge.folders.push(files);
    return Promise.resolve({ status: 'saved', folder: '/home/ana/peerbook-journal-2025-03-14', files: files.length });
  },
  setLocalNetworkSharing(wanted: boolean) {
    bridge.sharing.push(wanted);
    return Promise.resolve(wanted ? ['ws://192.168.1.20:41444'] : []);
  },
  startBackupFile: () => Promise.reject(new Error('not used here')),
  appendToBackupFile: () => Promise.reject(new Error('not used here')),
  finishBackupFile: () => Promise.reject(new Error('not used here')),
  discardBackupFile: () => Promise.reject(new Error('not used here')),
  onCommand(listener: (payload: unknown) => void) {
    bridge.listener = listener;
    return () => {
      bridge.listener = null;
    };
  },
};

beforeAll(() => {
  // What the preload does before any page script runs.
  Reflect.set(window, BRIDGE_GLOBAL, bridge);
});

const settings: AppSettings = { name: 'Ana', nameChosen: true, color: '#0f766e', signaling: ['ws://127.0.0.1:4444'], iceServers: [], relays: [], shareOnLocalNetwork: true };
const sharedRow = {
  id: 'e1',
  kind: 'checklist',
  title: 'Release checklist',
  tags: [],
  createdAt: 0,
  updatedAt: 0,
  progress: null,
  trashedAt: null,
  share: { room: 'stEaeLAcZECk6m-KayLWxJErm7bEW67I', key: 'TMzQKHXRh82F4msALWt03sImkv8ZA4cK', signaling: ['ws://127.0.0.1:4444'] },
  awaitingPeer: false,
} as unknown as EntryRow;

let root: Root | null = null;
afterEach(() => {
  act(() => root?.unmount());
  root = null;
  bridge.sharing.length = 0;
  bridge.folders.length = 0;
});

function renderHook(initial: Partial<PlatformCommandHandlers>) {
  const calls: unknown[][] = [];
  const handlers: PlatformCommandHandlers = {
    rows: [],
    entries: new EntryLifecycle(),
    settings,
    onNewEntry: (kind) => calls.push(['new', kind]),
    onJoin: (link) => calls.push(['join', link]),
    onCommand: (id) => calls.push(['run', id]),
    onError: (message) => calls.push(['error', message]),
    ...initial,
  };
  const result: { current: PlatformCommands | null } = { current: null };
  function Probe(props: { handlers: PlatformCommandHandlers }) {
    result.current = usePlatformCommands(props.handlers);
    return null;
  }
  const container = document.createElement('div');
  root = createRoot(container);
  act(() => root?.render(createElement(Probe, { handlers })));
  const rerender = (next: Partial<PlatformCommandHandlers>) =>
    act(() => root?.render(createElement(Probe, { handlers: { ...handlers, ...next } })));
  return { calls, result, rerender };
}

const settle = () => act(() => new Promise((resolve) => setTimeout(resolve, 20)));

describe('the desktop app menu and deep links, as the renderer receives them', () => {
  it('runs each command the way its button would', () => {
    const { calls, result } = renderHook({});
    const link = 'peerbook://join/stEaeLAcZECk6m-KayLWxJErm7bEW67I#key=TMzQKHXRh82F4msALWt03sImkv8ZA4cK&sig=ws%3A%2F%2F10.0.0.2%3A4444';
    act(() => {
      bridge.listener?.({ type: 'new-entry', kind: 'debrief' });
      bridge.listener?.({ type: 'join', link });
      bridge.listener?.({ type: 'join', link: null });
      bridge.listener?.({ type: 'open-settings' });
      bridge.listener?.({ type: 'export-entry' });
      bridge.listener?.({ type: 'run', command: 'command-palette' });
      bridge.listener?.({ type: 'run', command: 'format-disk' });
      bridge.listener?.({ type: 'join', link: 'javascript:alert(1)' }); // dropped by the platform
    });
    expect(calls).toEqual([['new', 'debrief'], ['join', link], ['join', null], ['run', 'settings'], ['run', 'export-markdown'], ['run', 'command-palette']]);
    expect(result.current?.menuOwnsShortcuts).toBe(true);
  });
});

describe('the local-network signaling server, from the renderer', () => {
  it('is asked for only while an entry is shared and the switch is on, and its address goes into links', async () => {
    const { result, rerender } = renderHook({ rows: [] });
    await settle();
    expect(bridge.sharing).toEqual([false]);
    expect(result.current?.localNetworkSignaling).toEqual([]);

    rerender({ rows: [sharedRow] });
    await settle();
    expect(bridge.sharing).toEqual([false, true]);
    expect(result.current?.localNetworkSignaling).toEqual(['ws://192.168.1.20:41444']);

    rerender({ rows: [sharedRow], settings: { ...settings, shareOnLocalNetwork: false } });
    await settle();
    expect(bridge.sharing).toEqual([false, true, false]);
    expect(result.current?.localNetworkSignaling).toEqual([]);
  });

  it('names this machine first in invite links, beside the configured servers, at most eight', () => {
    expect(inviteSignaling(['ws://192.168.1.20:41444'], ['wss://signal.example.org', 'ws://192.168.1.20:41444'])).toEqual([
      'ws://192.168.1.20:41444',
      'wss://signal.example.org',
    ]);
    expect(inviteSignaling([], ['wss://signal.example.org'])).toEqual(['wss://signal.example.org']);
    const many = Array.from({ length: 10 }, (_, index) => `ws://10.0.0.${index}:4444`);
    expect(inviteSignaling(['ws://192.168.1.20:41444'], many)).toHaveLength(8);
  });
});

describe('Export journal from the menu', () => {
  it('hands main every live entry as a Markdown file, and says where they went', async () => {
    globalThis.indexedDB = new (await import('fake-indexeddb')).IDBFactory();
    const journal = await Journal.open();
    await journal.createEntry('lesson');
    await journal.createEntry('checklist');
    const { calls, result } = renderHook({ rows: journal.rows(), entries: journal.entries });

    act(() => bridge.listener?.({ type: 'export-journal' }));
    await act(() => new Promise((resolve) => setTimeout(resolve, 300)));

    expect(calls).toEqual([]);
    expect(bridge.folders).toHaveLength(1);
    expect(bridge.folders[0]?.map((file) => file.name).sort()).toEqual(['untitled-checklist.md', 'untitled-lesson.md']);
    expect(result.current?.notice).toBe('Exported 2 entries as Markdown to /home/ana/peerbook-journal-2025-03-14.');
  });

  it('says there is nothing to export in an empty journal', async () => {
    const { calls } = renderHook({ rows: [] });
    act(() => bridge.listener?.({ type: 'export-journal' }));
    await settle();
    expect(calls).toEqual([['error', 'Export failed: There are no entries to export yet.']]);
    expect(bridge.folders).toEqual([]);
  });
});
