import { describe, expect, it } from 'vitest';
import {
  chooseWindowBackground,
  createMainWindowOptions,
  WINDOW_BACKGROUND,
} from '../../../electron/mainWindowOptions';
import { createSecureWebPreferences } from '../../../electron/secureWebPreferences';

describe('the main window', () => {
  it('runs the renderer isolated and sandboxed, without Node', () => {
    const preferences = createSecureWebPreferences('/app/dist/electron/preload.cjs');

    expect(preferences).toMatchObject({
      preload: '/app/dist/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    });
    // Settings that would weaken the window are not set at all.
    expect(preferences).not.toHaveProperty('enableBlinkFeatures');
    expect(preferences).not.toHaveProperty('additionalArguments');
  });

  it('opens as a hidden, titled Peerbook window with the hardened preferences', () => {
    const options = createMainWindowOptions({ preloadPath: '/p.cjs', prefersDarkColors: false });

    expect(options).toMatchObject({ title: 'Peerbook', width: 1200, height: 800, show: false });
    expect(options.minWidth).toBeGreaterThan(0);
    expect(options.minWidth).toBeLessThanOrEqual(options.width ?? 0);
    expect(options.webPreferences).toEqual(createSecureWebPreferences('/p.cjs'));
  });

  it('paints the background of the theme the system uses, so loading does not flash', () => {
    expect(createMainWindowOptions({ preloadPath: '/p.cjs', prefersDarkColors: true }).backgroundColor).toBe(
      WINDOW_BACKGROUND.dark,
    );
    expect(createMainWindowOptions({ preloadPath: '/p.cjs', prefersDarkColors: false }).backgroundColor).toBe(
      WINDOW_BACKGROUND.light,
    );
    expect(chooseWindowBackground(true)).not.toBe(chooseWindowBackground(false));
  });
});
