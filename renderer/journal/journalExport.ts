import { getEntryTags, getEntryTitle, readEntryMeta } from '../../shared/entry/entryDoc';
import { composeEntryMarkdown, markdownFileName } from '../../shared/entry/entryMarkdownFile';
import { uniqueFileNames } from '../../shared/entry/exportFileNames';
import type { MarkdownFile } from '../../shared/ipc/ipcContract';
import { displayTitle, type EntryRow } from '../../shared/library/entryRow';
import type { EntryLifecycle } from '../collab/entryLifecycle';
import { readBodyMarkdownReport } from '../editor/headlessBodyEditor';

export interface JournalMarkdown {
  /** One file per live entry, in the order the entries were created, with unique safe names. */
  readonly files: MarkdownFile[];
  /** Joined entries that have not arrived from a peer yet: there is nothing to write for them. */
  readonly notArrived: number;
  /** Parts of bodies no reader shows (written by another app): a comment marks each in its file. */
  readonly hiddenParts: number;
}

/**
 * The whole journal as Markdown files, the same file Export Markdown makes for each entry (front
 * matter with kind, tags and dates; the title; the body). Trashed entries are left out. Each
 * entry is opened one at a time (the open one as it is on screen) and let go again, so the export
 * never holds the whole journal in memory as documents.
 */
export async function composeJournalMarkdown(rows: readonly EntryRow[], entries: EntryLifecycle): Promise<JournalMarkdown> {
  const live = rows.filter((row) => row.trashedAt === null).sort((a, b) => a.createdAt - b.createdAt);
  const names: string[] = [];
  const texts: string[] = [];
  let notArrived = 0;
  let hiddenParts = 0;
  for (const row of live) {
    await entries.use(row.id, ({ doc }) => {
      const meta = readEntryMeta(doc);
      if (meta === null) {
        notArrived += 1;
        return;
      }
      const title = displayTitle({ title: getEntryTitle(doc), kind: meta.kind });
      const body = readBodyMarkdownReport(doc);
      hiddenParts += body.skippedParts;
      names.push(markdownFileName(title));
      texts.push(
        composeEntryMarkdown({ title, kind: meta.kind, tags: getEntryTags(doc), createdAt: meta.createdAt, updatedAt: row.updatedAt }, body.value),
      );
    });
  }
  const unique = uniqueFileNames(names);
  return { files: unique.map((name, index) => ({ name, text: texts[index] ?? '' })), notArrived, hiddenParts };
}
