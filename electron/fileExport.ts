import path from 'node:path';
import type { OpenDialogOptions, SaveDialogOptions } from 'electron';
import { journalExportFolderName } from '../shared/entry/exportFileNames';
import type { FolderExportOutcome, MarkdownFile, SaveFileOutcome } from '../shared/ipc/ipcContract';

/**
 * Saving files for the renderer, which cannot touch the disk: the user picks the place in the
 * OS's own dialog, and main writes only there. Names and text arrive validated
 * (shared/ipc/ipcContract.ts); the paths come from the dialog, never from the renderer.
 */

/** Electron's `dialog`, bound to the main window. */
export interface FileDialogs {
  showSaveDialog(options: SaveDialogOptions): Promise<{ canceled: boolean; filePath?: string }>;
  showOpenDialog(options: OpenDialogOptions): Promise<{ canceled: boolean; filePaths: string[] }>;
}

/** The part of `node:fs/promises` used. */
export interface ExportFileSystem {
  writeFile(filePath: string, text: string, options: { encoding: 'utf8'; flag: 'w' | 'wx' }): Promise<void>;
  mkdir(folderPath: string): Promise<unknown>;
}

export interface FileExportOptions {
  readonly dialogs: FileDialogs;
  readonly fs: ExportFileSystem;
  /** `app.getPath('documents')`, where the dialogs open. */
  readonly documentsPath: string;
  readonly now: () => Date;
  /** `path` on this OS; tests pass path.posix or path.win32. */
  readonly pathApi?: Pick<typeof path, 'join' | 'dirname'>;
}

export interface FileExport {
  saveTextFile(suggestedName: string, text: string): Promise<SaveFileOutcome>;
  saveMarkdownFolder(files: readonly MarkdownFile[]): Promise<FolderExportOutcome>;
  /**
   * Asks where to save a backup (written afterwards part by part, electron/backupFiles.ts): the
   * path the user picked, or null when the dialog was cancelled.
   */
  chooseBackupPath(suggestedName: string): Promise<string | null>;
}

/** peerbook-journal-2025-03-14, then -2, -3… if the user exports twice a day. */
const MAX_FOLDER_ATTEMPTS = 100;

function hasCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === code;
}

export function createFileExport(options: FileExportOptions): FileExport {
  const pathApi = options.pathApi ?? path;

  const createFreshFolder = async (parent: string): Promise<string> => {
    const name = journalExportFolderName(options.now());
    for (let attempt = 1; attempt <= MAX_FOLDER_ATTEMPTS; attempt += 1) {
      const folder = pathApi.join(parent, attempt === 1 ? name : `${name}-${attempt}`);
      try {
        await options.fs.mkdir(folder);
        return folder;
      } catch (error) {
        if (!hasCode(error, 'EEXIST')) throw error;
      }
    }
    throw new Error(`There are already ${MAX_FOLDER_ATTEMPTS} exports named ${name} in ${parent}.`);
  };

  return {
    async saveTextFile(suggestedName, text) {
      const choice = await options.dialogs.showSaveDialog({
        title: 'Export Markdown',
        defaultPath: pathApi.join(options.documentsPath, suggestedName),
        filters: [{ name: 'Markdown', extensions: ['md'] }],
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      });
      if (choice.canceled || !choice.filePath) {
        return 'cancelled';
      }
      // The dialog asked before replacing an existing file, so 'w' is what the user agreed to.
      await options.fs.writeFile(choice.filePath, text, { encoding: 'utf8', flag: 'w' });
      return 'saved';
    },

    async chooseBackupPath(suggestedName) {
      const choice = await options.dialogs.showSaveDialog({
        title: 'Back up journal',
        defaultPath: pathApi.join(options.documentsPath, suggestedName),
        filters: [{ name: 'Peerbook backup', extensions: ['json'] }],
        // The dialog asks before replacing an existing file; the backup replaces it only once whole.
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      });
      return choice.canceled || !choice.filePath ? null : choice.filePath;
    },

    async saveMarkdownFolder(files) {
      const choice = await options.dialogs.showOpenDialog({
        title: 'Export journal',
        message: 'Choose where to put the folder of Markdown files.',
        buttonLabel: 'Export here',
        defaultPath: options.documentsPath,
        properties: ['openDirectory', 'createDirectory'],
      });
      const parent = choice.filePaths[0];
      if (choice.canceled || parent === undefined) {
        return { status: 'cancelled' };
      }
      // A new folder, so nothing the user already has is ever overwritten, and 'wx' in it as well.
      const folder = await createFreshFolder(parent);
      for (const file of files) {
        const filePath = pathApi.join(folder, file.name);
        if (pathApi.dirname(filePath) !== folder) {
          throw new Error(`Refused to write ${file.name} outside the export folder.`);
        }
        await options.fs.writeFile(filePath, file.text, { encoding: 'utf8', flag: 'wx' });
      }
      return { status: 'saved', folder, files: files.length };
    },
  };
}
