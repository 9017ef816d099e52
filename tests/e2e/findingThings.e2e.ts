import { describe, expect, it } from 'vitest';
import { useFreshDevice } from './support/devices';
import type { JournalPage } from './support/journalPage';

let journal: JournalPage;
useFreshDevice((opened) => (journal = opened));

describe('finding things again', () => {
  it('search finds an entry by a word in its body while typing, highlights it, and opens it', async () => {
    await journal.create('lesson', 'Database outage');
    await journal.typeInBody('\nThe connection pool was exhausted by a retry storm.');
    await journal.create('lesson', 'Friday deploys');
    await journal.typeInBody('\nNever deploy on a Friday afternoon.');
    await journal.waitUntilSaved();

    const search = journal.page.getByRole('searchbox', { name: 'Search' });
    await search.click();
    await journal.page.keyboard.type('exhaus', { delay: 30 });
    await expect.poll(() => journal.entries.getByRole('listitem').allInnerTexts()).toHaveLength(1);
    const hit = journal.entryItem('Database outage');
    await expect.poll(() => hit.locator('mark').first().innerText()).toBe('exhausted');
    await hit.getByRole('button').click();
    await expect.poll(() => journal.title.inputValue()).toBe('Database outage');
  });

  it('forgives a typo, matches prefixes, and filters results by kind', async () => {
    await journal.create('lesson', 'Kubernetes upgrade');
    await journal.create('checklist', 'Kubernetes node rotation');
    const search = journal.page.getByRole('searchbox', { name: 'Search' });
    await search.fill('kubernetse');
    await expect.poll(() => journal.entries.getByRole('listitem').count()).toBe(2);
    await search.fill('kube');
    await expect.poll(() => journal.entries.getByRole('listitem').count()).toBe(2);
    await journal.page.getByLabel('Kind', { exact: true }).selectOption('checklist');
    await expect.poll(() => journal.entries.getByRole('listitem').allInnerTexts()).toHaveLength(1);
    expect(await journal.entries.getByRole('listitem').innerText()).toContain('Kubernetes node rotation');
  });

  it('Ctrl+K focuses search and Ctrl+P jumps to an entry by title', async () => {
    await journal.create('lesson', 'Pairing with support');
    await journal.create('lesson', 'Something else');
    await journal.page.keyboard.press('Control+k');
    await expect.poll(() => journal.page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Search');
    await journal.page.keyboard.press('Control+p');
    await journal.page.getByRole('combobox', { name: 'Go to entry' }).fill('pairing');
    await journal.page.keyboard.press('Enter');
    await expect.poll(() => journal.title.inputValue()).toBe('Pairing with support');
  });

  it('a [[ link is created and followed, and the target lists its source under Linked from', async () => {
    await journal.create('lesson', 'Feature flags');
    await journal.create('debrief', 'Checkout launch');
    await journal.typeInBody('\nWe relied on [[Feature');
    const option = journal.page.getByRole('option', { name: /Feature flags/ });
    await option.waitFor();
    // The menu is the one listbox a screen reader meets, not one inside Lexical's container.
    expect(await journal.page.getByRole('listbox').evaluateAll((boxes) => boxes.map((box) => box.getAttribute('aria-label')))).toEqual(['Link to entry']);
    await journal.page.keyboard.press('Enter');
    const link = journal.body.getByRole('link', { name: 'Feature flags' });
    await link.waitFor();
    await journal.waitUntilSaved();
    await link.click();
    await expect.poll(() => journal.title.inputValue()).toBe('Feature flags');
    const linkedFrom = journal.page.getByRole('list', { name: 'Linked from' });
    await expect.poll(() => linkedFrom.innerText(), { timeout: 10_000 }).toContain('Checkout launch');
    await linkedFrom.getByRole('button', { name: 'Checkout launch' }).click();
    await expect.poll(() => journal.title.inputValue()).toBe('Checkout launch');
  });

  it('renaming a tag renames it on every tagged entry', async () => {
    const tag = async (name: string): Promise<void> => {
      const addTag = journal.page.getByRole('textbox', { name: 'Add tag' });
      await addTag.fill(name);
      await addTag.press('Enter');
    };
    await journal.create('lesson', 'First incident');
    await tag('incidnet');
    await journal.create('checklist', 'Incident checklist');
    await tag('incidnet');
    await journal.create('lesson', 'Untouched');
    await tag('other');
    await journal.waitUntilSaved();

    const tags = journal.page.getByRole('list', { name: 'Tags' });
    await expect.poll(() => tags.innerText()).toContain('#incidnet 2');
    await tags.getByRole('button', { name: 'Rename tag incidnet' }).click();
    const rename = journal.page.getByRole('textbox', { name: 'New name for tag incidnet' });
    await rename.fill('incident');
    await rename.press('Enter');
    await expect.poll(() => tags.innerText()).toContain('#incident 2');
    expect(await tags.innerText()).not.toContain('incidnet');
    for (const title of ['First incident', 'Incident checklist']) {
      await expect.poll(() => journal.entryItem(title).innerText()).toContain('#incident');
    }
    await journal.openEntry('First incident');
    await expect.poll(() => journal.page.getByRole('group', { name: 'Tags' }).innerText()).toContain('#incident');
    await journal.page.reload();
    await journal.openEntry('Incident checklist');
    await expect.poll(() => journal.page.getByRole('group', { name: 'Tags' }).innerText()).toContain('#incident');
    expect(await journal.entryItem('Untouched').innerText()).toContain('#other');
  });
});
