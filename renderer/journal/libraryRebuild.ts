import { DOC_ORIGINS } from '../../shared/doc/docOrigins';
import { getEntryTags, getEntryTitle, readEntryMeta } from '../../shared/entry/entryDoc';
import { addEntryRow } from '../../shared/library/libraryDoc';
import type * as Y from 'yjs';
import type { EntryLifecycle } from '../collab/entryLifecycle';
import { isCorruptDocument, quarantineEntryStorage, storedEntryIds } from '../collab/entryStorage';
import { readBodyFacts } from '../editor/bodyFacts';

/**
 * Rows for every entry stored on this device, read from the entries' own documents (the library
 * could not be read and was set aside). An entry that cannot be read is set aside too. Answers
 * how many entries were found, could not be read, and hold parts no reader shows (their rows
 * leave those parts out of progress).
 */
export async function rebuildLibraryRows(
  libraryDoc: Y.Doc,
  entries: EntryLifecycle,
  now: number,
): Promise<{ found: number; unreadable: number; withHiddenParts: number }> {
  let found = 0;
  let unreadable = 0;
  let withHiddenParts = 0;
  for (const id of await storedEntryIds()) {
    try {
      await entries.use(id, ({ doc }) => {
        const meta = readEntryMeta(doc);
        const at = meta?.createdAt || now;
        const facts = meta ? readBodyFacts(doc) : null;
        if (facts && facts.hiddenParts > 0) withHiddenParts++;
        addEntryRow(
          libraryDoc,
          {
            id,
            kind: meta?.kind ?? 'lesson',
            title: getEntryTitle(doc),
            tags: getEntryTags(doc),
            createdAt: at,
            updatedAt: at,
            progress: meta?.kind === 'checklist' && facts ? facts.progress : null,
            trashedAt: null,
            share: null,
            awaitingPeer: meta === null,
          },
          DOC_ORIGINS.migration,
        );
      });
      found++;
    } catch (cause) {
      if (!isCorruptDocument(cause)) throw cause;
      unreadable++;
      await quarantineEntryStorage(id, now);
    }
  }
  return { found, unreadable, withHiddenParts };
}
