import { describe, expect, it } from 'vitest';
import { readJsonStateFile, writeJsonStateFile, type StateFileSystem } from '../../../electron/jsonStateFile';
import {
  captureWindowState,
  DEFAULT_WINDOW_SIZE,
  MIN_WINDOW_SIZE,
  parseWindowState,
  placeWindow,
  type Rectangle,
} from '../../../electron/windowState';

// Work areas as Electron's screen module reports them (the display minus taskbar and menu bar).
const laptop: Rectangle = { x: 0, y: 25, width: 1440, height: 875 };
const monitorOnTheLeft: Rectangle = { x: -2560, y: 0, width: 2560, height: 1400 };

function memoryFileSystem(files: Record<string, string> = {}): StateFileSystem & { files: Record<string, string> } {
  return {
    files,
    readFileSync(path) {
      const text = files[path];
      if (text === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
      return text;
    },
    writeFileSync(path, data) {
      files[path] = data;
    },
    renameSync(oldPath, newPath) {
      const text = files[oldPath];
      if (text === undefined) throw new Error(`ENOENT: ${oldPath}`);
      files[newPath] = text;
      delete files[oldPath];
    },
  };
}

describe('where the main window opens', () => {
  it('opens at the default size, centred, the first time', () => {
    expect(placeWindow(null, [laptop])).toEqual({ bounds: DEFAULT_WINDOW_SIZE, maximized: false });
  });

  it('reopens where the user left it, maximized if it was', () => {
    const saved = { bounds: { x: 100, y: 60, width: 1000, height: 700 }, maximized: true };
    expect(placeWindow(saved, [laptop])).toEqual(saved);
  });

  it('reopens on the second monitor when it is still connected', () => {
    const saved = { bounds: { x: -2000, y: 200, width: 1400, height: 900 }, maximized: false };
    expect(placeWindow(saved, [laptop, monitorOnTheLeft])).toEqual(saved);
  });

  it('comes back onto the laptop when the monitor it was on has been unplugged', () => {
    const saved = { bounds: { x: -2000, y: 200, width: 1400, height: 900 }, maximized: false };
    expect(placeWindow(saved, [laptop])).toEqual({ bounds: DEFAULT_WINDOW_SIZE, maximized: false });
  });

  it('is pulled fully onto the display showing most of it, and shrunk to fit a smaller screen', () => {
    const halfOff = { bounds: { x: 1200, y: 700, width: 1000, height: 700 }, maximized: false };
    expect(placeWindow(halfOff, [laptop]).bounds).toEqual({ x: 440, y: 200, width: 1000, height: 700 });

    const tooLarge = { bounds: { x: 0, y: 0, width: 2400, height: 1350 }, maximized: false };
    expect(placeWindow(tooLarge, [laptop]).bounds).toEqual({ x: 0, y: 25, width: 1440, height: 875 });
  });

  it('treats a sliver on screen as off screen: nobody can grab a few pixels of title bar', () => {
    const sliver = { bounds: { x: 1400, y: 100, width: 1000, height: 700 }, maximized: false };
    expect(placeWindow(sliver, [laptop]).bounds).toEqual(DEFAULT_WINDOW_SIZE);
  });

  it('never opens smaller than the window allows, unless the screen itself is smaller', () => {
    const tiny = { bounds: { x: 10, y: 40, width: 50, height: 20 }, maximized: false };
    // Too small to be on screen by the sliver rule, so it reopens at the default size.
    expect(placeWindow(tiny, [laptop]).bounds).toEqual(DEFAULT_WINDOW_SIZE);
    const small = { bounds: { x: 10, y: 40, width: 300, height: 200 }, maximized: false };
    expect(placeWindow(small, [laptop]).bounds).toMatchObject({ width: MIN_WINDOW_SIZE.width, height: MIN_WINDOW_SIZE.height });
    const netbook: Rectangle = { x: 0, y: 0, width: 640, height: 400 };
    expect(placeWindow({ bounds: { x: 0, y: 0, width: 1000, height: 700 }, maximized: false }, [netbook]).bounds).toEqual({
      x: 0,
      y: 0,
      width: 640,
      height: 400,
    });
    expect(placeWindow(null, [netbook]).bounds).toEqual({ width: 640, height: 400 });
  });

  it('ignores displays reported with nonsense sizes', () => {
    const saved = { bounds: { x: 100, y: 60, width: 1000, height: 700 }, maximized: false };
    expect(placeWindow(saved, [{ x: 0, y: 0, width: 0, height: 0 }, laptop])).toEqual(saved);
    expect(placeWindow(saved, [])).toEqual({ bounds: DEFAULT_WINDOW_SIZE, maximized: false });
  });
});

describe('the stored window state', () => {
  it('is read back only when it is what the app wrote', () => {
    const state = { bounds: { x: -2000, y: 10, width: 1300, height: 850 }, maximized: true };
    expect(parseWindowState(JSON.parse(JSON.stringify(state)))).toEqual(state);
    for (const value of [
      null,
      'maximized',
      [],
      {},
      { bounds: state.bounds },
      { bounds: state.bounds, maximized: 'yes' },
      { bounds: { ...state.bounds, width: 0 }, maximized: false },
      { bounds: { ...state.bounds, height: -5 }, maximized: false },
      { bounds: { ...state.bounds, x: 1e9 }, maximized: false },
      { bounds: { ...state.bounds, x: Number.NaN }, maximized: false },
      { bounds: { ...state.bounds, y: '10' }, maximized: false },
      { bounds: { ...state.bounds, width: 1300.5 }, maximized: false },
      { bounds: null, maximized: false },
    ]) {
      expect(parseWindowState(value), JSON.stringify(value)).toBeNull();
    }
  });

  it('records the normal bounds in whole pixels, as the window closes', () => {
    const window = {
      getNormalBounds: () => ({ x: 10.4, y: 20.6, width: 1000.5, height: 700 }),
      isMaximized: () => true,
    };
    expect(captureWindowState(window)).toEqual({ bounds: { x: 10, y: 21, width: 1001, height: 700 }, maximized: true });
  });

  it('survives a missing, damaged or enormous file, and is written whole through a temporary file', () => {
    const fs = memoryFileSystem({ '/damaged.json': '{"bounds": {"x": 1', '/huge.json': `"${'x'.repeat(70_000)}"` });
    expect(readJsonStateFile('/missing.json', fs)).toBeNull();
    expect(readJsonStateFile('/damaged.json', fs)).toBeNull();
    expect(readJsonStateFile('/huge.json', fs)).toBeNull();

    const state = { bounds: { x: 1, y: 2, width: 800, height: 600 }, maximized: false };
    expect(writeJsonStateFile('/user/window-state.json', state, fs)).toBe(true);
    expect(Object.keys(fs.files)).not.toContain('/user/window-state.json.tmp');
    expect(parseWindowState(readJsonStateFile('/user/window-state.json', fs))).toEqual(state);
  });

  it('reports a write that fails instead of throwing while the window closes', () => {
    const fs = memoryFileSystem();
    fs.writeFileSync = () => {
      throw Object.assign(new Error('EROFS'), { code: 'EROFS' });
    };
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      expect(writeJsonStateFile('/ro/window-state.json', {}, fs)).toBe(false);
    } finally {
      console.error = original;
    }
    expect(errors).toHaveLength(1);
  });
});
