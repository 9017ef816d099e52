import type { BrowserContext, Locator } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { browserForFile } from './support/chromium';
import { JournalPage } from './support/journalPage';
import { LearningPage } from './support/learningPage';

const appUrl = inject('appUrl');
const browser = browserForFile();
let context: BrowserContext;
let journal: JournalPage;

beforeEach(async () => {
  context = await browser().newContext({ viewport: { width: 1280, height: 800 } });
  journal = await JournalPage.open(context, appUrl);
});
afterEach(async () => {
  await context.close();
});

/** Waits until `locator` is where typing goes. */
async function expectFocused(locator: Locator): Promise<void> {
  await expect.poll(() => locator.evaluate((element) => element === element.ownerDocument.activeElement)).toBe(true);
}

/** Waits until focus is inside `locator`. */
async function expectFocusWithin(locator: Locator): Promise<void> {
  await expect.poll(() => locator.evaluate((element) => element.contains(element.ownerDocument.activeElement))).toBe(true);
}

/**
 * Lexical reads the caret from 'selectionchange', which fires in a later task: a key typed at
 * once after moving the caret could still land where it was (as the page helpers wait too).
 */
async function caretSettled(): Promise<void> {
  await journal.page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 50)));
}

describe('the app from the keyboard alone', () => {
  it('writes, tags, finds, goes to and ticks entries, opens every dialog and returns, runs commands from the palette, and reopens after a reload', async () => {
    const { page } = journal;
    const keys = page.keyboard;

    // A new lesson: its title takes the typing straight away, then Tab reaches its tags.
    await keys.press('Control+Shift+KeyL');
    await expectFocused(journal.title);
    await keys.type('Pairing with support');
    await keys.press('Tab');
    const addTag = page.getByRole('textbox', { name: 'Add tag' });
    await expectFocused(addTag);
    await keys.type('support');
    await keys.press('Enter');
    await expect.poll(() => page.getByRole('group', { name: 'Tags' }).innerText()).toContain('#support');
    await expect.poll(() => page.title()).toBe('Pairing with support — Peerbook');

    // A checklist written and ticked without the mouse: Enter in the title goes to the body.
    await keys.press('Control+Shift+KeyK');
    await expectFocused(journal.title);
    await keys.type('Release steps');
    await keys.press('Enter');
    await expectFocused(journal.body);
    await caretSettled();
    // Past whatever the template holds: a second Enter leaves a list the first one continued.
    await keys.press('Control+End');
    await caretSettled();
    await keys.press('Enter');
    await keys.press('Enter');
    await caretSettled();
    await keys.type('- [ ] Tag the release');
    await keys.press('Enter');
    await keys.type('Write the notes');
    await caretSettled();
    await keys.press('Control+Enter');
    await keys.press('ArrowUp');
    await caretSettled();
    await keys.press('Control+Enter');
    const ticked = journal.body.locator('[role="checkbox"][aria-checked="true"]');
    await expect.poll(() => ticked.allInnerTexts()).toEqual(['Tag the release', 'Write the notes']);
    await journal.waitUntilSaved();

    // Ctrl+K finds the lesson; Enter opens it with typing in its body.
    await keys.press('Control+k');
    await expectFocused(page.getByRole('searchbox', { name: 'Search' }));
    await keys.type('pairing');
    await expect.poll(() => journal.entries.getByRole('listitem').allInnerTexts()).toHaveLength(1);
    await keys.press('Enter');
    await expect.poll(() => journal.title.inputValue()).toBe('Pairing with support');
    await expectFocused(journal.body);

    // Ctrl+P puts typing in Go to entry: part of a title and Enter open the entry.
    await keys.press('Control+p');
    const goTo = page.getByRole('combobox', { name: 'Go to entry' });
    await expectFocused(goTo);
    await keys.type('release');
    await keys.press('Enter');
    await expect.poll(() => journal.title.inputValue()).toBe('Release steps');
    await expectFocused(journal.body);
    await expect.poll(() => page.title()).toBe('Release steps — Peerbook');

    // Each dialog opens with typing in its first field, and Escape gives focus back to its opener.
    const dialogs: Array<{ opener: Locator; first: Locator }> = [
      { opener: page.getByRole('button', { name: 'Join by link' }), first: page.getByRole('textbox', { name: 'Invite link' }) },
      { opener: page.getByRole('button', { name: 'Settings' }), first: page.getByRole('textbox', { name: 'Your name' }) },
      { opener: page.getByRole('button', { name: 'Share', exact: true }), first: page.getByRole('textbox', { name: 'Your name' }) },
    ];
    for (const { opener, first } of dialogs) {
      await opener.focus();
      await keys.press('Enter');
      await expectFocused(first);
      await keys.press('Escape');
      await page.getByRole('dialog').waitFor({ state: 'detached' });
      await expectFocused(opener);
    }
    // Opened by their keys from the body, Go to entry and the palette give focus back to the body.
    await journal.body.focus();
    for (const shortcut of ['Control+p', 'Control+Shift+KeyP']) {
      await keys.press(shortcut);
      await expectFocusWithin(page.getByRole('dialog'));
      await keys.press('Escape');
      await page.getByRole('dialog').waitFor({ state: 'detached' });
      await expectFocused(journal.body);
    }
    // History is a panel: it takes focus, and Escape closes it.
    const historyButton = page.getByRole('button', { name: 'History', exact: true });
    await historyButton.focus();
    await keys.press('Enter');
    const history = page.getByRole('complementary', { name: 'History' });
    await expectFocusWithin(history);
    await keys.press('Escape');
    await history.waitFor({ state: 'detached' });
    await expectFocused(historyButton);

    // The command palette: every command by name, typing narrows, arrows choose, Enter runs.
    await keys.press('Control+Shift+KeyP');
    const palette = page.getByRole('dialog', { name: 'Command palette' });
    const command = palette.getByRole('textbox');
    await expectFocused(command);
    for (const name of ['New lesson', 'Search', 'Go to entry', 'Join by link', 'Share', 'History', 'Save version', 'Export Markdown', 'Back up journal', 'Restore backup', 'Import Markdown', 'Settings', 'Trash', 'Delete entry']) {
      expect(await palette.getByRole('option', { name, exact: true }).count(), name).toBe(1);
    }
    await page.screenshot({ path: '/tmp/peerbook-command-palette.png' });
    await keys.type('insig');
    await expect.poll(() => palette.getByRole('option').allInnerTexts()).toEqual(['Insights']);
    await keys.press('Enter');
    await palette.waitFor({ state: 'detached' });
    await expect.poll(() => page.getByRole('button', { name: 'Insights', exact: true }).getAttribute('aria-pressed')).toBe('true');

    // The third command, chosen with the arrows: New debrief, with its title taking the typing.
    await keys.press('Control+Shift+KeyP');
    await expectFocused(command);
    await keys.press('ArrowDown');
    await keys.press('ArrowDown');
    await expect.poll(() => palette.getByRole('option', { name: 'New debrief' }).getAttribute('aria-selected')).toBe('true');
    await keys.press('Enter');
    await expectFocused(journal.title);
    await keys.type('Launch review');

    // A command that opens a dialog opens it in the palette's place.
    await keys.press('Control+Shift+KeyP');
    await keys.type('settings');
    await keys.press('Enter');
    await expectFocused(page.getByRole('dialog', { name: 'Settings' }).getByRole('textbox', { name: 'Your name' }));
    await keys.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await journal.waitUntilSaved();
    await expect.poll(() => page.title()).toBe('Launch review — Peerbook');

    // A reload reopens the entry that was open, and the window is named after it.
    await page.reload();
    await expect.poll(() => journal.title.inputValue()).toBe('Launch review');
    await expect.poll(() => page.title()).toBe('Launch review — Peerbook');
  });

  it('a link followed and a lesson note made put typing in the body of the entry they open', async () => {
    const learning = new LearningPage(journal.page);
    const keys = learning.page.keyboard;
    await learning.create('lesson', 'Feature flags');
    await learning.create('debrief', 'Checkout launch');
    await learning.typeInBody('\nWe relied on [[Feature');
    await learning.page.getByRole('option', { name: /Feature flags/ }).waitFor();
    await keys.press('Enter');
    const link = learning.body.getByRole('link', { name: 'Feature flags' });
    await link.waitFor();
    await learning.waitUntilSaved();
    await link.click();
    await expect.poll(() => learning.title.inputValue()).toBe('Feature flags');
    await expectFocused(learning.body);

    await keys.press('Control+p');
    await keys.type('checkout');
    await keys.press('Enter');
    await expect.poll(() => learning.title.inputValue()).toBe('Checkout launch');
    await learning.typeInBody('\nRoll back first.');
    await learning.selectInBody('Roll back first.');
    // New lesson's key, with text selected in a debrief, makes that text a lesson note.
    await keys.press('Control+Shift+KeyL');
    await expect.poll(() => learning.title.inputValue()).toBe('Roll back first.');
    await expectFocused(learning.body);
  });

  it('the toolbar is one tab stop, with the arrow keys between its buttons', async () => {
    await journal.create('lesson', 'Toolbar');
    const toolbar = journal.page.getByRole('toolbar', { name: 'Formatting' });
    expect(await toolbar.locator('button[tabindex="0"]').count()).toBe(1);
    await journal.title.focus();
    await journal.page.keyboard.press('Tab'); // the tags
    await journal.page.keyboard.press('Tab');
    await expectFocused(toolbar.getByRole('button', { name: 'Undo' }));
    await journal.page.keyboard.press('ArrowRight');
    await expectFocused(toolbar.getByRole('button', { name: 'Redo' }));
    await journal.page.keyboard.press('End');
    await expectFocused(toolbar.getByRole('button', { name: 'Check list' }));
    await journal.page.keyboard.press('Tab');
    await expectFocused(journal.body);
    // The body shows where typing goes: a focus ring.
    expect(await journal.body.evaluate((body) => getComputedStyle(body).outlineStyle)).toBe('solid');
  });

  it('reopens nothing when the last entry has gone to the Trash', async () => {
    await journal.create('lesson', 'Short-lived');
    await journal.waitUntilSaved();
    await journal.menuAction('Delete entry');
    await journal.page.reload();
    await journal.page.getByRole('heading', { level: 1, name: /^(Your journal is ready|Pick an entry, or start a new one)$/ }).waitFor();
    expect(await journal.title.count()).toBe(0);
    expect(await journal.page.title()).toBe('Peerbook');
  });
});
