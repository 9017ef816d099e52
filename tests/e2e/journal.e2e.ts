import { describe, expect, it } from 'vitest';
import { useFreshDevice } from './support/devices';
import type { JournalPage } from './support/journalPage';

let journal: JournalPage;
useFreshDevice((opened) => (journal = opened));

describe('the offline journal', () => {
  it('greets a new user with an empty library and ways to start', async () => {
    await expect.poll(() => journal.entries.getByRole('listitem').count()).toBe(0);
    await expect.poll(() => journal.page.getByRole('heading', { level: 1 }).innerText()).toBe('Your journal is ready');
  });

  it('creates each kind of entry from its template', async () => {
    await journal.create('lesson', 'Rollback before you debug');
    for (const heading of ['What happened', 'What I learned', 'How I’ll apply it']) {
      await journal.body.getByRole('heading', { name: heading }).waitFor();
    }

    // A new checklist has no made-up steps: its template prompts for them, and counts nothing.
    await journal.create('checklist', 'On-call handover', []);
    await expect.poll(() => journal.checkboxes.count()).toBe(1);
    await expect.poll(() => journal.checkboxes.first().getAttribute('data-prompt')).toBe('First step; Enter adds the next');
    expect(await journal.body.locator('p[data-prompt]').getAttribute('data-prompt')).toBe('What this checklist is for, and when to use it.');
    expect(await journal.body.innerText()).not.toContain('First step');
    expect(await journal.entryItem('On-call handover').innerText()).not.toMatch(/\d of \d/);
    await journal.writeSteps(['Hand over the pager', 'Read the open incidents', 'Say what is running']);
    expect(await journal.checkboxes.first().getAttribute('data-prompt')).toBeNull();
    await expect.poll(() => journal.entryItem('On-call handover').innerText()).toContain('0 of 3');

    await journal.create('debrief', 'Payments migration');
    for (const heading of ['What went well', 'What didn’t', 'Lessons', 'Knowledge exchanges that made a difference', 'Actions']) {
      await journal.body.getByRole('heading', { name: heading }).waitFor();
    }
    // The template is written once: each heading appears exactly once.
    await expect.poll(() => journal.body.getByRole('heading', { name: 'Actions' }).count()).toBe(1);

    // New entries appear at the top of the library, newest first.
    const titles = await journal.entries.getByRole('listitem').allInnerTexts();
    expect(titles.map((text) => text.split('\n')[0])).toEqual(['Payments migration', 'On-call handover', 'Rollback before you debug']);
  });

  it('leaves nothing behind when a new entry is left untouched', async () => {
    await journal.create('lesson', 'Kept lesson');
    await journal.newButton('lesson').click();
    await expect.poll(() => journal.title.inputValue()).toBe('');
    await expect.poll(() => journal.entries.getByRole('listitem').count()).toBe(2);
    await journal.openEntry('Kept lesson');
    await expect.poll(() => journal.entries.getByRole('listitem').allInnerTexts()).toEqual([expect.stringContaining('Kept lesson')]);
    await journal.waitUntilSaved();
    await journal.page.reload();
    await journal.entryItem('Kept lesson').waitFor();
    expect(await journal.entries.getByRole('listitem').count()).toBe(1);
  });

  it('keeps title, body and ticked items across a reload, and the library shows the progress', async () => {
    await journal.create('checklist', 'Release day');
    await journal.typeInBody('\nTag the release');
    await expect.poll(() => journal.checkboxes.count()).toBe(4);
    await journal.tick(0);
    await journal.tick(1);
    await expect.poll(() => journal.entryItem('Release day').innerText()).toContain('2 of 4');
    await expect.poll(() => journal.page.getByText('2 of 4 done').count()).toBe(1);
    await journal.waitUntilSaved();

    await journal.page.reload();
    await journal.entryItem('Release day').waitFor();
    expect(await journal.entryItem('Release day').innerText()).toContain('2 of 4');
    await journal.openEntry('Release day');
    await expect.poll(() => journal.body.innerText()).toContain('Tag the release');
    const checked = await journal.checkboxes.evaluateAll((items) => items.map((item) => item.getAttribute('aria-checked')));
    expect(checked).toEqual(['true', 'true', 'false', 'false']);
  });

  it('shows an entry’s content once however often it is opened', async () => {
    // Regression: mounting the body while a load was pending wrote the whole body back as new.
    await journal.create('checklist', 'Opened often');
    await journal.tick(0);
    for (let round = 0; round < 3; round++) {
      await journal.create('lesson', `Lesson ${round}`);
      await journal.typeInBody('A few words so the editor has focus and history.');
      await journal.openEntry('Opened often');
      await expect.poll(() => journal.checkboxes.count()).toBe(3);
    }
    await journal.waitUntilSaved();
    await journal.page.reload();
    await journal.openEntry('Opened often');
    await expect.poll(() => journal.checkboxes.count()).toBe(3);
    await journal.page.waitForTimeout(300);
    expect(await journal.checkboxes.count()).toBe(3);
    expect(await journal.body.getByText('First step', { exact: true }).count()).toBe(1);
  });

  it('records who ticked an item', async () => {
    await journal.create('checklist', 'Onboarding week');
    await journal.tick(2);
    await expect.poll(() => journal.checkboxes.nth(2).getAttribute('title')).toMatch(/^Ticked by \S+ \S+, /);
  });

  it('turns Markdown shortcuts into formatting as you type', async () => {
    await journal.create('lesson', 'Shortcuts');
    await journal.typeInBody('\n## Next time\n- first\nsecond\n\n1. one\n\n> quoted\n\n- [ ] a step');
    await journal.body.getByRole('heading', { name: 'Next time' }).waitFor();
    await expect.poll(() => journal.body.locator('ul > li', { hasText: 'second' }).count()).toBe(1);
    await expect.poll(() => journal.body.locator('ol > li', { hasText: 'one' }).count()).toBe(1);
    await expect.poll(() => journal.body.locator('blockquote', { hasText: 'quoted' }).count()).toBe(1);
    await expect.poll(() => journal.body.getByRole('checkbox').filter({ hasText: 'a step' }).count()).toBe(1);
  });

  it('undoes and redoes typing in the body', async () => {
    await journal.create('lesson', 'Undo');
    await journal.typeInBody('remember this');
    await expect.poll(() => journal.body.innerText()).toContain('remember this');
    await journal.page.keyboard.press('Control+z');
    await expect.poll(() => journal.body.innerText()).not.toContain('remember this');
    await journal.page.keyboard.press('Control+Shift+z');
    await expect.poll(() => journal.body.innerText()).toContain('remember this');
  });

  it('moves a deleted entry to the trash, restores it, and deletes it forever', async () => {
    await journal.create('lesson', 'Keep me');
    await journal.create('lesson', 'Throw me away');
    await journal.waitUntilSaved();
    await journal.menuAction('Delete entry');
    await expect.poll(() => journal.entryItem('Throw me away').count()).toBe(0);

    await journal.page.getByRole('button', { name: 'Trash' }).click();
    const deleted = journal.page.getByRole('listitem').filter({ hasText: 'Throw me away' });
    await deleted.waitFor();
    await deleted.getByRole('button', { name: 'Restore' }).click();
    await journal.entryItem('Throw me away').waitFor();

    await journal.openEntry('Throw me away');
    await journal.menuAction('Delete entry');
    await journal.page.getByRole('button', { name: 'Trash' }).click();
    await deleted.getByRole('button', { name: 'Delete forever' }).click();
    await expect.poll(() => deleted.count()).toBe(0);
    await journal.waitUntilSaved();

    await journal.page.reload();
    await journal.entryItem('Keep me').waitFor();
    expect(await journal.entryItem('Throw me away').count()).toBe(0);
  });

  it('tags entries and filters the library by tag and kind', async () => {
    await journal.create('lesson', 'Tagged lesson');
    const addTag = journal.page.getByRole('textbox', { name: 'Add tag' });
    await addTag.fill('#On call');
    await addTag.press('Enter');
    await expect.poll(() => journal.entryItem('Tagged lesson').innerText()).toContain('#on-call');
    await journal.create('checklist', 'Untagged checklist');

    await journal.page.getByLabel('Tag', { exact: true }).selectOption('on-call');
    await expect.poll(() => journal.entries.getByRole('listitem').allInnerTexts()).toHaveLength(1);
    await journal.page.getByLabel('Tag', { exact: true }).selectOption('');
    await journal.page.getByLabel('Kind', { exact: true }).selectOption('checklist');
    const shown = await journal.entries.getByRole('listitem').allInnerTexts();
    expect(shown.map((text) => text.split('\n')[0])).toEqual(['Untagged checklist']);
  });

  it('sorts the library by title', async () => {
    await journal.create('lesson', 'Bravo');
    await journal.create('lesson', 'Alpha');
    await journal.create('lesson', 'Charlie');
    await journal.page.getByLabel('Sort', { exact: true }).selectOption('title');
    const shown = await journal.entries.getByRole('listitem').allInnerTexts();
    expect(shown.map((text) => text.split('\n')[0])).toEqual(['Alpha', 'Bravo', 'Charlie']);
  });

  it('exports the open entry as Markdown', async () => {
    await journal.create('checklist', 'Release checklist');
    await journal.tick(0);
    await journal.waitUntilSaved();
    const [download] = await Promise.all([
      journal.page.waitForEvent('download'),
      journal.menuAction('Export Markdown'),
    ]);
    expect(download.suggestedFilename()).toBe('release-checklist.md');
    const stream = await download.createReadStream();
    let markdown = '';
    for await (const chunk of stream) markdown += chunk.toString();
    expect(markdown).toContain('# Release checklist');
    expect(markdown).toContain('kind: checklist');
    expect(markdown).toContain('- [x] First step');
    expect(markdown).toContain('- [ ] Second step');
  });

  it('creates entries and moves between them from the keyboard', async () => {
    await journal.page.keyboard.press('Control+Shift+KeyL');
    await journal.title.fill('From the keyboard');
    await journal.page.keyboard.press('Control+Shift+KeyK');
    await journal.title.fill('Second from the keyboard');
    await journal.page.keyboard.press('Alt+ArrowDown');
    await expect.poll(() => journal.title.inputValue()).toBe('From the keyboard');
    await journal.page.keyboard.press('Alt+ArrowUp');
    await expect.poll(() => journal.title.inputValue()).toBe('Second from the keyboard');
  });
});
