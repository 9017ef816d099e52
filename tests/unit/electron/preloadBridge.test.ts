import { describe, expect, it } from 'vitest';
import { BRIDGE_GLOBAL, IPC_CHANNELS, InvalidIpcPayloadError } from '../../../shared/ipc/ipcContract';
import {
  createBridge,
  exposeBridge,
  type ChannelInvoker,
  type MainWorldExposer,
} from '../../../electron/preloadBridge';

function fakeElectron(answer: unknown) {
  const exposed = new Map<string, unknown>();
  const invocations: { channel: string; args: unknown[] }[] = [];
  const contextBridge: MainWorldExposer = {
    exposeInMainWorld(apiKey, api) {
      exposed.set(apiKey, api);
    },
  };
  const ipcRenderer: ChannelInvoker = {
    invoke(channel, ...args) {
      invocations.push({ channel, args });
      return Promise.resolve(answer);
    },
  };
  return { contextBridge, ipcRenderer, exposed, invocations };
}

describe('what the preload gives the page', () => {
  it('exposes one global, the bridge, with exactly the contract methods', () => {
    const electron = fakeElectron({ name: 'Peerbook', version: '0.1.0' });
    exposeBridge(electron.contextBridge, electron.ipcRenderer);

    expect([...electron.exposed.keys()]).toEqual([BRIDGE_GLOBAL]);
    const bridge = electron.exposed.get(BRIDGE_GLOBAL);
    expect(typeof bridge).toBe('object');
    expect(Object.keys(bridge as object).sort()).toEqual(Object.keys(IPC_CHANNELS).sort());
    for (const value of Object.values(bridge as object)) {
      expect(typeof value).toBe('function');
    }
    // Nothing that would let page script reach IPC directly.
    expect(bridge).not.toHaveProperty('invoke');
    expect(bridge).not.toHaveProperty('ipcRenderer');
    expect(bridge).not.toHaveProperty('send');
  });

  it('sends each method on its own channel, with no arguments the contract does not define', async () => {
    const electron = fakeElectron({ name: 'Peerbook', version: '0.1.0' });
    exposeBridge(electron.contextBridge, electron.ipcRenderer);
    const bridge = createBridge((channel, ...args) => electron.ipcRenderer.invoke(channel, ...args));

    await expect(bridge.getAppInfo()).resolves.toEqual({ name: 'Peerbook', version: '0.1.0' });

    expect(electron.invocations).toEqual([{ channel: IPC_CHANNELS.getAppInfo, args: [] }]);
  });

  it('invokes the matching channel for every method of the exposed bridge', async () => {
    const electron = fakeElectron({ name: 'Peerbook', version: '0.1.0' });
    exposeBridge(electron.contextBridge, electron.ipcRenderer);
    const bridge = electron.exposed.get(BRIDGE_GLOBAL) as Record<string, () => Promise<unknown>>;

    for (const [method, channel] of Object.entries(IPC_CHANNELS)) {
      electron.invocations.length = 0;
      await bridge[method]?.();
      expect(electron.invocations.map((call) => call.channel), method).toEqual([channel]);
    }
  });

  it('passes on no malformed answer from main', async () => {
    const electron = fakeElectron({ name: 'Peerbook', version: { major: 0 } });
    exposeBridge(electron.contextBridge, electron.ipcRenderer);
    const bridge = electron.exposed.get(BRIDGE_GLOBAL) as Record<string, () => Promise<unknown>>;

    await expect(bridge.getAppInfo?.()).rejects.toBeInstanceOf(InvalidIpcPayloadError);
  });
});
