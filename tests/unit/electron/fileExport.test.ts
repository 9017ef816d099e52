import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileExport, type FileDialogs } from '../../../electron/fileExport';

// Main's side of Export Markdown and Export journal, writing to a real temporary folder; the OS
// dialogs are replaced by answers the test gives, and record what they were asked to show.

let home: string;
beforeEach(async () => {
  home = await mkdtemp(path.join(tmpdir(), 'peerbook-export-'));
});
afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

function dialogsAnswering(answer: { savePath?: string; folder?: string }) {
  const asked: { kind: string; options: unknown }[] = [];
  const dialogs: FileDialogs = {
    showSaveDialog: (options) => {
      asked.push({ kind: 'save', options });
      return Promise.resolve(answer.savePath ? { canceled: false, filePath: answer.savePath } : { canceled: true, filePath: '' });
    },
    showOpenDialog: (options) => {
      asked.push({ kind: 'open', options });
      return Promise.resolve(answer.folder ? { canceled: false, filePaths: [answer.folder] } : { canceled: true, filePaths: [] });
    },
  };
  return { dialogs, asked };
}

function fileExport(dialogs: FileDialogs) {
  return createFileExport({
    dialogs,
    fs: { writeFile: (filePath, text, options) => writeFile(filePath, text, options), mkdir: (folder) => mkdir(folder) },
    documentsPath: path.join(home, 'Documents'),
    now: () => new Date(2025, 2, 14, 16, 30),
  });
}

describe('Export Markdown on desktop', () => {
  it('offers the entry name in Documents, as Markdown, and writes where the user chose', async () => {
    const target = path.join(home, 'release-checklist.md');
    const { dialogs, asked } = dialogsAnswering({ savePath: target });
    await expect(fileExport(dialogs).saveTextFile('release-checklist.md', '# Release checklist\n')).resolves.toBe('saved');

    expect(asked).toEqual([
      {
        kind: 'save',
        options: expect.objectContaining({
          defaultPath: path.join(home, 'Documents', 'release-checklist.md'),
          filters: [{ name: 'Markdown', extensions: ['md'] }],
          properties: expect.arrayContaining(['showOverwriteConfirmation']),
        }),
      },
    ]);
    expect(await readFile(target, 'utf8')).toBe('# Release checklist\n');
  });

  it('writes nothing when the user cancels', async () => {
    const { dialogs } = dialogsAnswering({});
    await expect(fileExport(dialogs).saveTextFile('entry.md', 'x')).resolves.toBe('cancelled');
    expect(await readdir(home)).toEqual([]);
  });
});

describe('Export journal on desktop', () => {
  const files = [
    { name: 'release-checklist.md', text: '---\nkind: checklist\n---\n\n# Release checklist\n' },
    { name: 'what-i-learned.md', text: '---\nkind: lesson\n---\n\n# What I learned\n' },
  ];

  it('creates a new dated folder inside the chosen one and writes one file per entry', async () => {
    const { dialogs, asked } = dialogsAnswering({ folder: home });
    const outcome = await fileExport(dialogs).saveMarkdownFolder(files);

    const folder = path.join(home, 'peerbook-journal-2025-03-14');
    expect(outcome).toEqual({ status: 'saved', folder, files: 2 });
    expect((await readdir(folder)).sort()).toEqual(['release-checklist.md', 'what-i-learned.md']);
    expect(await readFile(path.join(folder, 'what-i-learned.md'), 'utf8')).toBe(files[1]?.text);
    expect(asked[0]?.options).toMatchObject({ properties: ['openDirectory', 'createDirectory'] });
  });

  it('never overwrites an earlier export or anything else in the chosen folder', async () => {
    await mkdir(path.join(home, 'peerbook-journal-2025-03-14'));
    await writeFile(path.join(home, 'peerbook-journal-2025-03-14', 'release-checklist.md'), 'my edits');
    const { dialogs } = dialogsAnswering({ folder: home });

    const outcome = await fileExport(dialogs).saveMarkdownFolder(files);
    expect(outcome).toMatchObject({ folder: path.join(home, 'peerbook-journal-2025-03-14-2') });
    expect(await readFile(path.join(home, 'peerbook-journal-2025-03-14', 'release-checklist.md'), 'utf8')).toBe('my edits');
  });

  it('writes nothing when the user cancels', async () => {
    const { dialogs } = dialogsAnswering({});
    await expect(fileExport(dialogs).saveMarkdownFolder(files)).resolves.toEqual({ status: 'cancelled' });
    expect(await readdir(home)).toEqual([]);
  });

  it('refuses a name that would leave the export folder, even if one got past the IPC check', async () => {
    const { dialogs } = dialogsAnswering({ folder: home });
    await expect(fileExport(dialogs).saveMarkdownFolder([{ name: '../escape.md', text: 'x' }])).rejects.toThrow(/outside/);
    expect(await readdir(home)).toEqual(['peerbook-journal-2025-03-14']);
    expect(await readdir(path.join(home, 'peerbook-journal-2025-03-14'))).toEqual([]);
  });
});
