/**
 * Names of the files and the folder a journal export writes. The renderer makes them (from
 * `markdownFileName`), and main checks them again before it writes anything: a name that arrives
 * over IPC is untrusted, and must not be able to leave the folder the user chose or hide what it is.
 */

/** Longer names are refused: far above what `markdownFileName` makes, far below every OS limit. */
export const MAX_EXPORT_FILE_NAME_LENGTH = 120;

/** Windows refuses these as a file's name before its first dot, whatever follows (`con.md` too). */
const RESERVED_BASE_NAMES = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;

/**
 * Separators, characters Windows forbids, and control or format characters (a right-to-left
 * override can make `evil‮dm.exe` display as `evilexe.md`).
 */
const FORBIDDEN_CHARACTERS = /[<>:"/\\|?*\p{Cc}\p{Cf}]/u;

/** True for a plain file name that is safe to create on Linux, macOS and Windows. */
export function isSafeFileName(name: string): boolean {
  if (name.length === 0 || name.length > MAX_EXPORT_FILE_NAME_LENGTH) return false;
  if (FORBIDDEN_CHARACTERS.test(name)) return false;
  // A leading dot hides a file (and `.`, `..` are not names); Windows drops trailing dots and spaces.
  if (name.startsWith('.') || /[. ]$/.test(name) || name.trim() !== name) return false;
  const base = name.split('.')[0] ?? '';
  return !RESERVED_BASE_NAMES.test(base);
}

/** A safe file name that ends in `.md`, as every file of an export does. */
export function isSafeMarkdownFileName(name: string): boolean {
  return name.toLowerCase().endsWith('.md') && name.length > 3 && isSafeFileName(name);
}

/** A journal backup's file name: a plain name ending in `.json` (Back up journal). */
export function isSafeBackupFileName(name: string): boolean {
  return name.toLowerCase().endsWith('.json') && name.length > 5 && isSafeFileName(name);
}

/**
 * How file systems that ignore case and Unicode normalisation (macOS, Windows) compare names:
 * two names with the same key are the same file there.
 */
export function fileNameKey(name: string): string {
  return name.normalize('NFC').toLowerCase();
}

/**
 * Makes every name unique the way the OS compares them (see fileNameKey), by adding `-2`, `-3`…
 * before the extension: `retro.md`, `retro-2.md`. Order is kept.
 */
export function uniqueFileNames(names: readonly string[]): string[] {
  const taken = new Set<string>();
  return names.map((name) => {
    const dot = name.lastIndexOf('.');
    const base = dot > 0 ? name.slice(0, dot) : name;
    const extension = dot > 0 ? name.slice(dot) : '';
    let candidate = name;
    for (let counter = 2; taken.has(fileNameKey(candidate)); counter += 1) {
      candidate = `${base}-${counter}${extension}`;
    }
    taken.add(fileNameKey(candidate));
    return candidate;
  });
}

/** The folder an export creates inside the folder the user chose: `peerbook-journal-2025-03-14`. */
export function journalExportFolderName(date: Date): string {
  const pad = (value: number): string => String(value).padStart(2, '0');
  return `peerbook-journal-${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
