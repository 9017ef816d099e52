import { describe, expect, inject, it } from 'vitest';
import { browserForFile } from './support/chromium';
import { JournalPage } from './support/journalPage';

const appUrl = inject('appUrl');
const browser = browserForFile();

describe('the layout at 1024 × 640', () => {
  it('fits entry actions on one row, scrolls Insights in its pane, and shows notices over the main pane', async () => {
    const context = await browser().newContext({ viewport: { width: 1024, height: 640 }, acceptDownloads: true });
    try {
      const journal = await JournalPage.open(context, appUrl);
      const { page } = journal;
      for (const title of ['Release steps', 'Launch checks']) {
        await journal.create('checklist', title);
        await page.getByRole('textbox', { name: 'Add tag' }).fill('release');
        await page.keyboard.press('Enter');
      }
      await journal.tick(0);
      await journal.waitUntilSaved();

      // One row of entry actions; the rest is under More actions.
      const actions = ['Share', 'History', 'Save version', 'More actions'];
      const tops = await Promise.all(actions.map(async (name) => (await page.getByRole('button', { name, exact: true }).boundingBox())?.y));
      expect(new Set(tops).size, JSON.stringify(tops)).toBe(1);
      await page.getByRole('button', { name: 'More actions' }).click();
      const menu = page.getByRole('group', { name: 'More actions' });
      expect(await menu.getByRole('button').allInnerTexts()).toEqual(['Export Markdown', 'Delete entry']);
      const box = await menu.boundingBox();
      expect((box?.x ?? -1) + (box?.width ?? 0)).toBeLessThanOrEqual(1024);
      await page.keyboard.press('Escape');
      await menu.waitFor({ state: 'hidden' });

      // Save version asks for a name first; Escape saves nothing.
      await page.getByRole('button', { name: 'Save version' }).click();
      const dialog = page.getByRole('dialog', { name: 'Save version' });
      await expect.poll(() => page.evaluate(() => document.activeElement?.id ?? '')).toMatch(/-name$/);
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
      expect(await page.getByRole('list', { name: 'Versions' }).count()).toBe(0);

      // A notice is announced and shown over the main pane, not in the sidebar.
      const [download] = await Promise.all([page.waitForEvent('download'), journal.menuAction('Back up journal')]);
      expect(download.suggestedFilename()).toMatch(/^peerbook-backup-/);
      const notice = page.getByRole('status').filter({ hasText: 'Backed up' });
      await expect.poll(() => notice.innerText()).toBe('Backed up 2 entries.');
      expect((await notice.boundingBox())?.x).toBeGreaterThan(300);

      // Insights scrolls in its pane: the window itself does not scroll.
      await page.getByRole('navigation', { name: 'Journal' }).getByRole('button', { name: 'Insights', exact: true }).click();
      await page.getByRole('table', { name: 'Checklist completion' }).waitFor({ state: 'attached' });
      const scroll = await page.evaluate(() => ({ page: document.scrollingElement?.scrollHeight ?? 0, window: window.innerHeight, pane: document.querySelector('main')?.scrollHeight ?? 0 }));
      expect(scroll.page).toBeLessThanOrEqual(scroll.window);
      expect(scroll.pane).toBeGreaterThan(scroll.window);
    } finally {
      await context.close();
    }
  });
});

describe('the layout at 1280 × 800', () => {
  it('draws every entry action in place, on one row, with no menu to open', async () => {
    const context = await browser().newContext({ viewport: { width: 1280, height: 800 } });
    try {
      const journal = await JournalPage.open(context, appUrl);
      const { page } = journal;
      await journal.create('checklist', 'Release steps');
      await page.getByRole('textbox', { name: 'Add tag' }).fill('release');
      await page.keyboard.press('Enter');
      await journal.tick(0);
      await journal.waitUntilSaved();

      const actions = ['Share', 'History', 'Save version', 'Export Markdown', 'Delete entry'];
      const tops = await Promise.all(actions.map(async (name) => (await page.getByRole('button', { name, exact: true }).boundingBox())?.y));
      expect(new Set(tops).size, JSON.stringify(tops)).toBe(1);
      expect(await page.getByRole('button', { name: 'More actions' }).isVisible()).toBe(false);
      // Nothing in the sidebar is cut off: its last button, Trash, is inside the window.
      const trash = await page.getByRole('button', { name: /^Trash/ }).boundingBox();
      expect((trash?.y ?? Infinity) + (trash?.height ?? 0)).toBeLessThanOrEqual(800);
    } finally {
      await context.close();
    }
  });
});
