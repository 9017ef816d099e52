import type { BrowserWindowConstructorOptions } from 'electron';
import { createSecureWebPreferences } from './secureWebPreferences';
import { DEFAULT_WINDOW_SIZE, MIN_WINDOW_SIZE, type WindowPlacement } from './windowState';

/**
 * Painted before the renderer's first frame, so it must match the renderer's page background in
 * each theme; otherwise the window flashes a different colour while it loads.
 */
export const WINDOW_BACKGROUND = { light: '#f7f6f3', dark: '#17191c' } as const;

export function chooseWindowBackground(prefersDarkColors: boolean): string {
  return prefersDarkColors ? WINDOW_BACKGROUND.dark : WINDOW_BACKGROUND.light;
}

export interface MainWindowSettings {
  readonly preloadPath: string;
  /** `nativeTheme.shouldUseDarkColors` when the window is created. */
  readonly prefersDarkColors: boolean;
  /** Where the window was last (windowState.ts); the default size, centred, without it. */
  readonly bounds?: WindowPlacement['bounds'];
}

export function createMainWindowOptions(settings: MainWindowSettings): BrowserWindowConstructorOptions {
  return {
    title: 'Peerbook',
    ...(settings.bounds ?? DEFAULT_WINDOW_SIZE),
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    // Shown on 'ready-to-show' so the user never sees an empty window being painted.
    show: false,
    backgroundColor: chooseWindowBackground(settings.prefersDarkColors),
    webPreferences: createSecureWebPreferences(settings.preloadPath),
  };
}
