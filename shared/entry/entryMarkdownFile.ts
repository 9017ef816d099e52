import type { EntryKind } from './entryKind';

export interface EntryMarkdownHeader {
  readonly title: string;
  readonly kind: EntryKind;
  readonly tags: readonly string[];
  readonly createdAt: number;
  readonly updatedAt: number;
}

/**
 * A whole entry as a Markdown file: YAML front matter (kind, tags, dates), the title as a
 * level-one heading, then the body as Lexical's Markdown transformers wrote it. JSON strings are
 * valid YAML scalars, so titles and tags need no escaping rules of their own.
 */
export function composeEntryMarkdown(header: EntryMarkdownHeader, bodyMarkdown: string): string {
  const lines = [
    '---',
    `title: ${JSON.stringify(header.title)}`,
    `kind: ${header.kind}`,
    `tags: [${header.tags.map((tag) => JSON.stringify(tag)).join(', ')}]`,
    `created: ${new Date(header.createdAt).toISOString()}`,
    `updated: ${new Date(header.updatedAt).toISOString()}`,
    '---',
    '',
    `# ${header.title}`,
  ];
  // Only blank lines are trimmed: the spaces that end the last line can be meaningful (an empty
  // check item is `- [ ] `, and `- [ ]` without its space reads back as a bullet with text "[ ]").
  const body = bodyMarkdown.trim().length > 0 ? bodyMarkdown.replace(/^(?:[ \t]*\n)+/, '').replace(/(?:\n[ \t]*)+$/, '') : '';
  // A blank line between the title and the body, as a person writing Markdown would leave.
  return lines.join('\n') + (body.length > 0 ? `\n\n${body}\n` : '\n');
}

/** Names Windows refuses for a file, whatever the extension (superscript digits included). */
const RESERVED_FILE_NAMES = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;

/** A file name a person recognises: the title in any script, safe on every OS, ending in .md. */
export function markdownFileName(title: string): string {
  const base = title
    .normalize('NFC')
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase()
    .slice(0, 80)
    .replace(/-+$/, '');
  if (!base) return 'entry.md';
  return `${RESERVED_FILE_NAMES.test(base) ? `${base}-entry` : base}.md`;
}
