import { describe, expect, it } from 'vitest';
import { BRIDGE_GLOBAL, InvalidIpcPayloadError } from '../../../../shared/ipc/ipcContract';
import { createBrowserPlatform } from '../../../../renderer/platform/browserPlatform';
import { createElectronPlatform, readPreloadBridge } from '../../../../renderer/platform/electronPlatform';

// The renderer's side of the bridge: renderer/platform is the only code that reads the preload
// global, and it trusts neither the global's shape nor its answers.
describe('the renderer reaching the desktop app', () => {
  it('finds the bridge the preload exposed', async () => {
    const window = { [BRIDGE_GLOBAL]: { getAppInfo: () => Promise.resolve({ name: 'Peerbook', version: '0.1.0' }) } };
    const bridge = readPreloadBridge(window);

    expect(bridge).not.toBeNull();
    if (bridge === null) return;
    const platform = createElectronPlatform(bridge);
    expect(platform.kind).toBe('desktop');
    await expect(platform.getAppInfo()).resolves.toEqual({ name: 'Peerbook', version: '0.1.0' });
  });

  it('treats a page without the bridge, or with something else under its name, as the web', () => {
    expect(readPreloadBridge({})).toBeNull();
    expect(readPreloadBridge({ [BRIDGE_GLOBAL]: 'peerbook' })).toBeNull();
    expect(readPreloadBridge({ [BRIDGE_GLOBAL]: { getAppInfo: 'not a function' } })).toBeNull();
    expect(readPreloadBridge({ [BRIDGE_GLOBAL]: null })).toBeNull();
  });

  it('rejects a hostile answer instead of showing it', async () => {
    const platform = createElectronPlatform({
      getAppInfo: () => Promise.resolve({ name: '<img src=x onerror=alert(1)>', version: 'not-semver' }),
    });
    await expect(platform.getAppInfo()).rejects.toBeInstanceOf(InvalidIpcPayloadError);
  });

  it('in a browser, reports the version the build was made from', async () => {
    const platform = createBrowserPlatform('0.1.0');
    expect(platform.kind).toBe('web');
    await expect(platform.getAppInfo()).resolves.toEqual({ name: 'Peerbook', version: '0.1.0' });
  });
});
