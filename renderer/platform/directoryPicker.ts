import { journalExportFolderName } from '../../shared/entry/exportFileNames';
import type { FolderExportOutcome, MarkdownFile } from '../../shared/ipc/ipcContract';

/**
 * The web build's journal export: the File System Access API's directory picker (Chromium-based
 * browsers). Like the desktop app, it creates a new `peerbook-journal-<date>` folder inside the
 * chosen one and never overwrites a file. Browsers without the API get no folder export; the UI
 * says so (see usePlatformCommands).
 * https://developer.mozilla.org/en-US/docs/Web/API/Window/showDirectoryPicker
 */

/** The API's parts used here; TypeScript's DOM library does not declare the picker. */
interface WritableDirectory {
  readonly name: string;
  getDirectoryHandle(name: string, options?: { create?: boolean }): Promise<WritableDirectory>;
  getFileHandle(name: string, options?: { create?: boolean }): Promise<{
    createWritable(): Promise<{ write(data: string): Promise<void>; close(): Promise<void> }>;
  }>;
}
type ShowDirectoryPicker = (options: { id?: string; mode: 'readwrite'; startIn?: string }) => Promise<WritableDirectory>;

function findDirectoryPicker(scope: object): ShowDirectoryPicker | null {
  const picker: unknown = Reflect.get(scope, 'showDirectoryPicker');
  return typeof picker === 'function' ? (picker.bind(scope) as ShowDirectoryPicker) : null;
}

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

function isNotFound(error: unknown): boolean {
  return error instanceof DOMException && (error.name === 'NotFoundError' || error.name === 'TypeMismatchError');
}

async function exists(parent: WritableDirectory, name: string): Promise<boolean> {
  try {
    await parent.getDirectoryHandle(name);
    return true;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
}

/** The browser's folder export, or null when the browser has no directory picker. */
export function createDirectoryPickerExport(
  scope: object = globalThis,
  now: () => Date = () => new Date(),
): ((makeFiles: () => Promise<readonly MarkdownFile[]>) => Promise<FolderExportOutcome>) | null {
  const showDirectoryPicker = findDirectoryPicker(scope);
  if (showDirectoryPicker === null) return null;
  return async (makeFiles) => {
    let parent: WritableDirectory;
    try {
      parent = await showDirectoryPicker({ id: 'peerbook-export', mode: 'readwrite', startIn: 'documents' });
    } catch (error) {
      if (isAbort(error)) return { status: 'cancelled' };
      throw error;
    }
    const files = await makeFiles();
    const baseName = journalExportFolderName(now());
    let folderName = baseName;
    for (let attempt = 2; await exists(parent, folderName); attempt += 1) {
      if (attempt > 100) throw new Error(`There are already 100 exports named ${baseName} in ${parent.name}.`);
      folderName = `${baseName}-${attempt}`;
    }
    const folder = await parent.getDirectoryHandle(folderName, { create: true });
    for (const file of files) {
      const writable = await (await folder.getFileHandle(file.name, { create: true })).createWritable();
      await writable.write(file.text);
      await writable.close();
    }
    return { status: 'saved', folder: `${parent.name}/${folderName}`, files: files.length };
  };
}
