import { describe, expect, inject, it } from 'vitest';
import { browserForFile } from './support/chromium';
import { JournalPage } from './support/journalPage';

const appUrl = inject('appUrl');
const browser = browserForFile();

const PARAGRAPHS = 3000;
const TITLE = `A long lesson of ${PARAGRAPHS} paragraphs`;

/**
 * A long entry is drawn a part at a time: its first blocks as it opens, the rest in the moments
 * after. Whatever works on the whole body must see all of it meanwhile.
 */
describe('a long entry', () => {
  it('opens with its first blocks and then all of them, and Select all then typing replaces all of it', async () => {
    const context = await browser().newContext({ viewport: { width: 1280, height: 800 } });
    try {
      const page = await context.newPage();
      page.on('pageerror', (error) => console.error('[page error]', error.message));
      // The app's own seeding (npm run seed) makes one lesson of 3,000 paragraphs.
      await page.goto(`${appUrl}?long=${PARAGRAPHS}`);
      const journal = new JournalPage(page);
      await journal.newButton('lesson').waitFor({ timeout: 60_000 });
      const blocks = (): Promise<number> => journal.body.evaluate((body) => body.childElementCount);

      await journal.openEntry(TITLE);
      await expect.poll(blocks, { timeout: 30_000 }).toBe(PARAGRAPHS);
      const firstParagraph = await journal.body.locator('p').first().innerText();
      expect(firstParagraph.length).toBeGreaterThan(20);

      // Away and back: it opens again a part at a time; the keys come at once.
      await journal.create('lesson', 'Something else');
      await journal.openEntry(TITLE);
      await journal.body.locator('p').first().click();
      const drawnWhenSelected = await blocks();
      await page.keyboard.press('Control+A');
      await page.keyboard.type('Only this');
      await expect.poll(() => journal.body.innerText(), { timeout: 30_000 }).toBe('Only this');
      await journal.waitUntilSaved();
      console.log(`long entry: Select all pressed with ${drawnWhenSelected} of ${PARAGRAPHS} blocks drawn`);

      // The whole body was replaced: a reload (which reopens the entry) reads only the new words.
      await page.reload();
      await expect.poll(() => journal.title.inputValue(), { timeout: 30_000 }).toBe(TITLE);
      await expect.poll(() => journal.body.innerText(), { timeout: 30_000 }).toBe('Only this');
      expect(await blocks()).toBe(1);
    } finally {
      await context.close();
    }
  });
});
