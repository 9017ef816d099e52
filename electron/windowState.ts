/**
 * Where the main window opens: where the user left it, if that is still on a screen. Stored as
 * JSON in userData (see jsonStateFile.ts) and validated on read, since the file can be damaged
 * or edited, and clamped to the displays connected now: a window saved on a monitor that has
 * since been unplugged must not open where nobody can see it.
 */

export interface Rectangle {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface WindowState {
  /** The window's normal (not maximized) bounds. */
  readonly bounds: Rectangle;
  readonly maximized: boolean;
}

/** Where and how large to open the window; no x/y lets the OS centre it. */
export interface WindowPlacement {
  readonly bounds: { readonly x?: number; readonly y?: number; readonly width: number; readonly height: number };
  readonly maximized: boolean;
}

export const WINDOW_STATE_FILE_NAME = 'window-state.json';
export const DEFAULT_WINDOW_SIZE = { width: 1200, height: 800 } as const;
/** Narrow enough for half a laptop screen, wide enough for the library beside an entry. */
export const MIN_WINDOW_SIZE = { width: 720, height: 480 } as const;

/** How much of the window must be on a display to be reachable: enough to grab and drag. */
const MIN_VISIBLE = { width: 120, height: 60 } as const;
/** Far beyond any display; a larger number is a damaged file. */
const MAX_COORDINATE = 100_000;

function isCoordinate(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && Math.abs(value) <= MAX_COORDINATE;
}

function isLength(value: unknown): value is number {
  return isCoordinate(value) && value > 0;
}

function parseRectangle(value: unknown): Rectangle | null {
  if (typeof value !== 'object' || value === null) return null;
  const { x, y, width, height } = value as Record<string, unknown>;
  if (!isCoordinate(x) || !isCoordinate(y) || !isLength(width) || !isLength(height)) return null;
  return { x, y, width, height };
}

/** The stored state, or null when the file held anything else. */
export function parseWindowState(value: unknown): WindowState | null {
  if (typeof value !== 'object' || value === null) return null;
  const { bounds, maximized } = value as Record<string, unknown>;
  const rectangle = parseRectangle(bounds);
  if (rectangle === null || typeof maximized !== 'boolean') return null;
  return { bounds: rectangle, maximized };
}

function overlap(a: Rectangle, b: Rectangle): { width: number; height: number } {
  return {
    width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)),
    height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)),
  };
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}

function defaultPlacement(primary: Rectangle | undefined, maximized: boolean): WindowPlacement {
  return {
    bounds: {
      width: primary ? Math.min(DEFAULT_WINDOW_SIZE.width, primary.width) : DEFAULT_WINDOW_SIZE.width,
      height: primary ? Math.min(DEFAULT_WINDOW_SIZE.height, primary.height) : DEFAULT_WINDOW_SIZE.height,
    },
    maximized,
  };
}

/**
 * Places the window from the saved state on the displays' work areas (primary display first).
 * The display showing most of the saved window keeps it, moved and shrunk as needed to fit
 * inside; a window no display shows enough of opens at the default size, centred.
 */
export function placeWindow(saved: WindowState | null, workAreas: readonly Rectangle[]): WindowPlacement {
  const areas = workAreas.map(parseRectangle).filter((area): area is Rectangle => area !== null);
  if (saved === null) {
    return defaultPlacement(areas[0], false);
  }
  let best: { area: Rectangle; visible: number } | null = null;
  for (const area of areas) {
    const { width, height } = overlap(saved.bounds, area);
    if (width >= MIN_VISIBLE.width && height >= MIN_VISIBLE.height && (best === null || width * height > best.visible)) {
      best = { area, visible: width * height };
    }
  }
  if (best === null) {
    return defaultPlacement(areas[0], saved.maximized);
  }
  const { area } = best;
  const width = clamp(saved.bounds.width, Math.min(MIN_WINDOW_SIZE.width, area.width), area.width);
  const height = clamp(saved.bounds.height, Math.min(MIN_WINDOW_SIZE.height, area.height), area.height);
  return {
    bounds: {
      x: clamp(saved.bounds.x, area.x, area.x + area.width - width),
      y: clamp(saved.bounds.y, area.y, area.y + area.height - height),
      width,
      height,
    },
    maximized: saved.maximized,
  };
}

/** The part of a BrowserWindow read when it closes. */
export interface PlacedWindow {
  getNormalBounds(): Rectangle;
  isMaximized(): boolean;
}

export function captureWindowState(window: PlacedWindow): WindowState {
  const { x, y, width, height } = window.getNormalBounds();
  // Scaled displays can report fractions of a pixel; the stored state holds whole ones.
  return {
    bounds: { x: Math.round(x), y: Math.round(y), width: Math.round(width), height: Math.round(height) },
    maximized: window.isMaximized(),
  };
}
