import { JSON_SCHEMA, load, YAMLException } from 'js-yaml';
import { isEntryKind, type EntryKind } from './entryKind';

/**
 * A Markdown file read as an entry: its front matter read as YAML (js-yaml), so the files
 * Peerbook exports (entryMarkdownFile.ts) and notes from other tools alike come in as written.
 * The kind is the front matter's `kind` when it names one of Peerbook's, else a lesson note; the
 * title is the front matter's `title`, else the first `# ` heading, else the file name; tags are a
 * YAML list (`[a, "b, c"]` or one `- tag` a line) or a comma-separated string; the rest is the body.
 */
export interface ImportedNote {
  readonly kind: EntryKind;
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

const FRONT_MATTER = /^---[ \t]*\n(?:([\s\S]*?)\n)?---[ \t]*(?:\n|$)/;

function scalar(value: unknown): string | null {
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

function readTags(value: unknown): string[] {
  const items = Array.isArray(value) ? value.map(scalar) : (scalar(value)?.split(',') ?? []);
  return items.flatMap((tag) => {
    const trimmed = tag?.trim().replace(/^#/, '') ?? '';
    return trimmed ? [trimmed] : [];
  });
}

/**
 * The front matter as a map of its keys. The JSON schema keeps dates and odd scalars as the
 * strings they are written as; anything but a map (a list, a lone string) holds no fields.
 */
function readFrontMatter(fileName: string, yaml: string): Readonly<Record<string, unknown>> {
  let parsed: unknown;
  try {
    parsed = load(yaml, { schema: JSON_SCHEMA, filename: fileName });
  } catch (cause) {
    const where = cause instanceof YAMLException ? ` (line ${cause.mark.line + 1})` : '';
    throw new MarkdownImportError(fileName, `its front matter is not valid YAML${where}`);
  }
  return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
}

export function parseMarkdownNote(fileName: string, text: string): ImportedNote {
  if (text.length > MAX_IMPORT_FILE_CHARS) throw new MarkdownImportError(fileName, 'the file is larger than 5 MB');
  if (text.includes('\u0000')) throw new MarkdownImportError(fileName, 'this is not a text file');
  let rest = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  let fields: Readonly<Record<string, unknown>> = {};
  const frontMatter = FRONT_MATTER.exec(rest);
  if (frontMatter) {
    fields = readFrontMatter(fileName, frontMatter[1] ?? '');
    rest = rest.slice(frontMatter[0].length);
  }
  // The title line the export writes (`# Title`, or `# ` for an untitled entry) is not body.
  const given = scalar(fields.title);
  const heading = /^\s*#(?:[ \t]+(.*?))?[ \t]*(?:\n|$)/.exec(rest);
  const headingText = heading ? (heading[1] ?? '').trim() : null;
  const title = given ?? (headingText || fileName.replace(/\.(md|markdown|txt)$/i, '').replace(/[-_]+/g, ' ').trim() || 'Imported note');
  if (heading && headingText === title) rest = rest.slice(heading[0].length);
  const kind = isEntryKind(fields.kind) ? fields.kind : 'lesson';
  return { kind, title: title.slice(0, 300), tags: readTags(fields.tags), body: rest.replace(/^(?:[ \t]*\n)+/, '').replace(/(?:\n[ \t]*)+$/, '') };
}
