import * as Y from 'yjs';
import { bench, describe } from 'vitest';
import { initEntryDoc, setEntryTitle } from '../shared/entry/entryDoc';
import { readBodyMarkdown } from '../renderer/editor/headlessBodyEditor';
import { writeEntryTemplate } from '../renderer/editor/entryTemplateWriter';

/**
 * The work behind "New debrief" and "Export Markdown", without the browser: writing a template
 * through a headless Lexical editor, and reading a body back as Markdown. The Chromium
 * benchmarks of the library at scale come with the search issue.
 */
function createDebrief(): Y.Doc {
  const doc = new Y.Doc();
  initEntryDoc(doc, { kind: 'debrief', createdAt: 0 });
  writeEntryTemplate(doc, 'debrief');
  setEntryTitle(doc, 'Payments migration');
  return doc;
}

const written = createDebrief();

describe('entry documents', () => {
  bench('create a debrief from its template', () => {
    createDebrief().destroy();
  });
  bench('export a debrief as Markdown', () => {
    readBodyMarkdown(written);
  });
});
