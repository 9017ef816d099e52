import { describe, expect, it } from 'vitest';
import { formatInviteLink } from '../../../../shared/invite/inviteLink';
import {
  BRIDGE_METHODS,
  COMMAND_CHANNEL,
  IPC_CHANNELS,
  InvalidIpcPayloadError,
  parseAppCommand,
  parseIpcAnswer,
} from '../../../../shared/ipc/ipcContract';

const parseSaveFileOutcome = (value: unknown) => parseIpcAnswer('saveTextFile', value);
const parseFolderExportOutcome = (value: unknown) => parseIpcAnswer('saveMarkdownFolder', value);
const parseLocalNetworkSignaling = (value: unknown) => parseIpcAnswer('setLocalNetworkSharing', value);

const link = formatInviteLink({
  room: 'stEaeLAcZECk6m-KayLWxJErm7bEW67I',
  key: 'TMzQKHXRh82F4msALWt03sImkv8ZA4cK',
  signaling: ['ws://192.168.1.20:41444'],
  title: null,
});

describe('the IPC contract', () => {
  it('has one channel per method, each named once, and one command channel', () => {
    const channels = Object.values(IPC_CHANNELS);
    expect(new Set(channels).size).toBe(channels.length);
    expect(channels).not.toContain(COMMAND_CHANNEL);
    expect([...BRIDGE_METHODS].sort()).toEqual([...Object.keys(IPC_CHANNELS), 'onCommand'].sort());
    for (const channel of [...channels, COMMAND_CHANNEL]) expect(channel).toMatch(/^peerbook:[a-z-]+$/);
  });
});

describe('a command from main, as the preload and the renderer read it', () => {
  it('keeps each command of the menu and of deep links, and nothing extra', () => {
    expect(parseAppCommand({ type: 'new-entry', kind: 'debrief', extra: '<script>' })).toEqual({
      type: 'new-entry',
      kind: 'debrief',
    });
    expect(parseAppCommand({ type: 'join', link: null })).toEqual({ type: 'join', link: null });
    expect(parseAppCommand({ type: 'join', link })).toEqual({ type: 'join', link });
    for (const type of ['export-entry', 'export-journal', 'open-settings'] as const) {
      expect(parseAppCommand({ type, path: '/etc' })).toEqual({ type });
    }
    expect(parseAppCommand({ type: 'run', command: 'command-palette', then: 'rm' })).toEqual({ type: 'run', command: 'command-palette' });
  });

  it('refuses hostile commands', () => {
    for (const payload of [
      undefined,
      null,
      'new-entry',
      [],
      {},
      { type: 'delete-everything' },
      { type: '__proto__' },
      { type: 'new-entry' },
      { type: 'new-entry', kind: 'virus' },
      { type: 'run' },
      { type: 'run', command: 'format-disk' },
      { type: 'run', command: 'toString' },
      { type: 'run', command: ['settings'] },
      { type: 'join' },
      { type: 'join', link: 42 },
      { type: 'join', link: 'https://evil.example/' },
      { type: 'join', link: 'peerbook://join/x' },
      { type: 'join', link: `${link} --inspect` },
      { type: 'join', link: `${link}\n` },
      { type: 'join', link: { toString: () => link } },
      new (class Command {
        type = 'export-entry';
      })(),
    ]) {
      expect(() => parseAppCommand(payload), JSON.stringify(payload)).toThrow(InvalidIpcPayloadError);
    }
  });
});

describe('answers from main, as the renderer reads them', () => {
  it('reads save and export outcomes', () => {
    expect(parseSaveFileOutcome('saved')).toBe('saved');
    expect(parseSaveFileOutcome('cancelled')).toBe('cancelled');
    expect(parseFolderExportOutcome({ status: 'cancelled' })).toEqual({ status: 'cancelled' });
    expect(parseFolderExportOutcome({ status: 'saved', folder: 'C:\\Users\\Ana\\peerbook-journal-2025-03-04', files: 12 })).toEqual({
      status: 'saved',
      folder: 'C:\\Users\\Ana\\peerbook-journal-2025-03-04',
      files: 12,
    });
    expect(parseLocalNetworkSignaling(['ws://192.168.1.20:41444', 'ws://10.0.0.5:41444'])).toEqual([
      'ws://192.168.1.20:41444',
      'ws://10.0.0.5:41444',
    ]);
  });

  it('refuses answers outside the contract', () => {
    for (const value of ['ok', true, null, { status: 'saved' }]) {
      expect(() => parseSaveFileOutcome(value)).toThrow(InvalidIpcPayloadError);
    }
    for (const value of [
      null,
      'saved',
      { status: 'saved', folder: '', files: 1 },
      { status: 'saved', folder: '/x\n<b>', files: 1 },
      { status: 'saved', folder: '/x', files: -1 },
      { status: 'saved', folder: '/x', files: 1.5 },
      { status: 'maybe' },
    ]) {
      expect(() => parseFolderExportOutcome(value), JSON.stringify(value)).toThrow(InvalidIpcPayloadError);
    }
    for (const value of [
      null,
      'ws://192.168.1.20:41444',
      ['wss://192.168.1.20:41444'],
      ['http://192.168.1.20:41444'],
      ['ws://user:pass@192.168.1.20/'],
      [42],
      Array.from({ length: 9 }, (_, index) => `ws://10.0.0.${index}:41444`),
    ]) {
      expect(() => parseLocalNetworkSignaling(value), JSON.stringify(value)).toThrow(InvalidIpcPayloadError);
    }
  });
});
