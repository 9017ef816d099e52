// @vitest-environment happy-dom
import { EntryLifecycle } from '../../../../renderer/collab/entryLifecycle';
import { act, createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { describe, expect, it } from 'vitest';
import type { AppSettings } from '../../../../renderer/app/appSettings';
import { FOLDER_EXPORT_UNSUPPORTED, usePlatformCommands, type PlatformCommands } from '../../../../renderer/app/usePlatformCommands';

// The same hook in the web build: no preload bridge, and a DOM without the File System Access
// API (happy-dom has none, like Firefox and Safari).

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const settings: AppSettings = { name: 'Ana', nameChosen: true, color: '#0f766e', signaling: ['ws://127.0.0.1:4444'], iceServers: [], relays: [], shareOnLocalNetwork: true };

describe('the web build', () => {
  it('keeps its own shortcuts, runs no local server, and says that folder export needs the desktop app', () => {
    const errors: string[] = [];
    const result: { current: PlatformCommands | null } = { current: null };
    function Probe() {
      result.current = usePlatformCommands({
        rows: [],
        entries: new EntryLifecycle(),
        settings,
        onNewEntry: () => undefined,
        onJoin: () => undefined,
        onCommand: () => undefined,
        onError: (message) => errors.push(message),
      });
      return null;
    }
    const root = createRoot(document.createElement('div'));
    act(() => root.render(createElement(Probe)));

    expect(result.current?.menuOwnsShortcuts).toBe(false);
    expect(result.current?.localNetworkSignaling).toEqual([]);
    act(() => result.current?.exportJournal());
    expect(result.current?.notice).toBe(FOLDER_EXPORT_UNSUPPORTED);
    expect(FOLDER_EXPORT_UNSUPPORTED).toMatch(/desktop app/);
    expect(errors).toEqual([]);
    act(() => root.unmount());
  });
});
