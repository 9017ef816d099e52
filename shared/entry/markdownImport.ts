/**
 * A Markdown file read as a lesson note: the title from front matter, else the first `# `
 * heading, else the file name; tags from front matter; the rest is the body. Reads the files
 * Peerbook exports and plain notes from other tools alike.
 */
export interface ImportedNote {
  readonly title: string;
  readonly tags: readonly string[];
  readonly body: string;
}

export const MAX_IMPORT_FILE_CHARS = 5 * 1024 * 1024;

export class MarkdownImportError extends Error {
  constructor(readonly fileName: string, reason: string) {
    super(`${fileName}: ${reason}`);
    this.name = 'MarkdownImportError';
  }
}

function unquote(value: string): string {
  const trimmed = value.trim();
  if (trimmed.startsWith('"')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (typeof parsed === 'string') return parsed;
    } catch {
      // Not JSON: keep the text as written.
    }
  }
  return trimmed.replace(/^['"]|['"]$/g, '');
}

function parseTags(value: string): string[] {
  const inner = value.trim().replace(/^\[|\]$/g, '');
  return inner
    .split(',')
    .map(unquote)
    .filter((tag) => tag.length > 0);
}

export function parseMarkdownNote(fileName: string, text: string): ImportedNote {
  if (text.length > MAX_IMPORT_FILE_CHARS) throw new MarkdownImportError(fileName, 'the file is larger than 5 MB');
  if (text.includes('\u0000')) throw new MarkdownImportError(fileName, 'this is not a text file');
  let rest = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  let title: string | null = null;
  let tags: string[] = [];
  const frontMatter = /^---\n([\s\S]*?)\n---\n?/.exec(rest);
  if (frontMatter) {
    for (const line of (frontMatter[1] ?? '').split('\n')) {
      const match = /^(\w+):\s*(.*)$/.exec(line);
      if (!match) continue;
      if (match[1] === 'title') title = unquote(match[2] ?? '') || null;
      if (match[1] === 'tags') tags = parseTags(match[2] ?? '');
    }
    rest = rest.slice(frontMatter[0].length);
  }
  const heading = /^\s*#\s+(.+)\n?/.exec(rest);
  if (heading) {
    title ??= (heading[1] ?? '').trim();
    if ((heading[1] ?? '').trim() === title) rest = rest.slice(heading[0].length);
  }
  title ??= fileName.replace(/\.(md|markdown|txt)$/i, '').replace(/[-_]+/g, ' ').trim() || 'Imported note';
  return { title: title.slice(0, 300), tags, body: rest.trim() };
}
