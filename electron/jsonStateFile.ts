/**
 * Small JSON files main keeps in `app.getPath('userData')` (window placement, the local-network
 * port). Synchronous on purpose: they are a few bytes, read once at start and written when a
 * window closes, when an asynchronous write could still be pending as the app quits.
 */

/** The part of `node:fs` used; tests pass a map in memory. */
export interface StateFileSystem {
  readFileSync(path: string, encoding: 'utf8'): string;
  writeFileSync(path: string, data: string): void;
  renameSync(oldPath: string, newPath: string): void;
}

/** Anything larger is not a file this app wrote. */
const MAX_STATE_FILE_LENGTH = 64 * 1024;

/** The parsed JSON, or null when the file is missing, unreadable, too large or not JSON. */
export function readJsonStateFile(path: string, fs: StateFileSystem): unknown {
  try {
    const text = fs.readFileSync(path, 'utf8');
    return text.length > MAX_STATE_FILE_LENGTH ? null : (JSON.parse(text) as unknown);
  } catch {
    return null;
  }
}

/**
 * Writes through a temporary file and a rename, so a crash mid-write leaves the old file, never
 * half a new one. Failing to remember is not worth an error dialog: it is reported and dropped.
 */
export function writeJsonStateFile(path: string, value: unknown, fs: StateFileSystem): boolean {
  const temporaryPath = `${path}.tmp`;
  try {
    fs.writeFileSync(temporaryPath, `${JSON.stringify(value)}\n`);
    fs.renameSync(temporaryPath, path);
    return true;
  } catch (error) {
    console.error(`[peerbook] could not write ${path}`, error);
    return false;
  }
}
