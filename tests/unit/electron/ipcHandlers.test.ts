import { describe, expect, it } from 'vitest';
import { IPC_CHANNELS, InvalidIpcPayloadError, parseAppInfo } from '../../../shared/ipc/ipcContract';
import { createIpcHandlers, registerIpcHandlers, type IpcInvokeRegistry } from '../../../electron/ipcHandlers';
import { checkIpcSender, UntrustedIpcSenderError, type IpcSenderEvent } from '../../../electron/ipcSenderCheck';

type Listener = Parameters<IpcInvokeRegistry['handle']>[1];

function fakeIpcMain(): IpcInvokeRegistry & { listeners: Map<string, Listener> } {
  const listeners = new Map<string, Listener>();
  return {
    listeners,
    handle(channel, listener) {
      if (listeners.has(channel)) {
        throw new Error(`second handler for ${channel}`);
      }
      listeners.set(channel, listener);
    },
  };
}

const fromApp: IpcSenderEvent = { senderFrame: { url: 'app://peerbook/index.html' } };
const fromForeignPage: IpcSenderEvent = { senderFrame: { url: 'https://evil.example/' } };
const fromDestroyedFrame: IpcSenderEvent = { senderFrame: null };

function startedMain() {
  const ipcMain = fakeIpcMain();
  registerIpcHandlers(ipcMain, createIpcHandlers({ getName: () => 'Peerbook', getVersion: () => '0.1.0' }));
  const getAppInfo = ipcMain.listeners.get(IPC_CHANNELS.getAppInfo);
  if (getAppInfo === undefined) {
    throw new Error('getAppInfo was not registered');
  }
  return { ipcMain, getAppInfo };
}

describe('who main answers over IPC', () => {
  it('accepts the app frame and refuses foreign or vanished frames', () => {
    expect(checkIpcSender(fromApp)).toBe(true);
    expect(checkIpcSender(fromForeignPage)).toBe(false);
    expect(checkIpcSender(fromDestroyedFrame)).toBe(false);
    expect(checkIpcSender({ senderFrame: { url: 'app://peerbook@evil/' } })).toBe(false);
    expect(checkIpcSender({ senderFrame: { url: 'file:///index.html' } })).toBe(false);
  });

  it('registers exactly one handler per contract channel', () => {
    const { ipcMain } = startedMain();
    expect([...ipcMain.listeners.keys()].sort()).toEqual(Object.values(IPC_CHANNELS).sort());
  });

  it('tells the app its name and version', async () => {
    const { getAppInfo } = startedMain();
    await expect(getAppInfo(fromApp)).resolves.toEqual({ name: 'Peerbook', version: '0.1.0' });
  });

  it('refuses a foreign page before running the handler', async () => {
    let identityRead = false;
    const ipcMain = fakeIpcMain();
    registerIpcHandlers(
      ipcMain,
      createIpcHandlers({
        getName: () => {
          identityRead = true;
          return 'Peerbook';
        },
        getVersion: () => '0.1.0',
      }),
    );
    const getAppInfo = ipcMain.listeners.get(IPC_CHANNELS.getAppInfo);

    await expect(getAppInfo?.(fromForeignPage)).rejects.toBeInstanceOf(UntrustedIpcSenderError);
    await expect(getAppInfo?.(fromDestroyedFrame)).rejects.toBeInstanceOf(UntrustedIpcSenderError);
    expect(identityRead).toBe(false);
  });

  it('refuses arguments the contract does not define', async () => {
    const { getAppInfo } = startedMain();
    await expect(getAppInfo(fromApp, { path: '/etc/passwd' })).rejects.toBeInstanceOf(InvalidIpcPayloadError);
  });

  it('does not answer with an identity that breaks the contract', async () => {
    const ipcMain = fakeIpcMain();
    registerIpcHandlers(ipcMain, createIpcHandlers({ getName: () => 'Peerbook', getVersion: () => 'latest' }));
    await expect(ipcMain.listeners.get(IPC_CHANNELS.getAppInfo)?.(fromApp)).rejects.toBeInstanceOf(
      InvalidIpcPayloadError,
    );
  });
});

describe('parseAppInfo, on either side of the bridge', () => {
  it('keeps a well-formed answer and drops anything extra', () => {
    expect(parseAppInfo({ name: 'Peerbook', version: '1.2.3-beta.1', extra: '<script>' })).toEqual({
      name: 'Peerbook',
      version: '1.2.3-beta.1',
    });
  });

  it('rejects hostile payloads', () => {
    for (const payload of [
      undefined,
      null,
      'Peerbook 0.1.0',
      42,
      [],
      {},
      { name: 'Peerbook' },
      { version: '0.1.0' },
      { name: '', version: '0.1.0' },
      { name: 'x'.repeat(101), version: '0.1.0' },
      { name: 7, version: '0.1.0' },
      { name: 'Peerbook', version: 1 },
      { name: 'Peerbook', version: 'latest' },
      { name: 'Peerbook', version: '0.1.0\n<script>alert(1)</script>' },
      { name: { toString: () => 'Peerbook' }, version: '0.1.0' },
    ]) {
      expect(() => parseAppInfo(payload), JSON.stringify(payload)).toThrow(InvalidIpcPayloadError);
    }
  });
});
