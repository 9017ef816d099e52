import type { BrowserContext } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { browserForFile } from './support/chromium';
import { JournalPage } from './support/journalPage';

const appUrl = inject('appUrl');
const signalingUrl = inject('signalingUrl');
const browser = browserForFile();

const PARAGRAPHS = 3000;

/**
 * A page of the app in `context` whose journal holds one lesson of `paragraphs` paragraphs, made
 * by the app's own seeding (`?long=`).
 */
async function openWithLongEntry(context: BrowserContext, paragraphs: number, who: string): Promise<JournalPage> {
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`[${who} page error]`, error.message));
  await page.goto(`${appUrl}?long=${paragraphs}`);
  const journal = new JournalPage(page);
  await journal.newButton('lesson').waitFor({ timeout: 60_000 });
  return journal;
}

/**
 * Clicks paragraph `index` once it has settled in view: blocks off screen have a placeholder
 * height until drawn (content-visibility), so the first scroll moves them about.
 */
async function clickParagraph(journal: JournalPage, index: number): Promise<void> {
  const paragraph = journal.body.locator('p').nth(index);
  for (let pass = 0; pass < 3; pass++) {
    await paragraph.evaluate((element) => new Promise((resolve) => {
      element.scrollIntoView({ block: 'center' });
      requestAnimationFrame(() => requestAnimationFrame(resolve));
    }));
  }
  await paragraph.click();
}
const TITLE = `A long lesson of ${PARAGRAPHS} paragraphs`;

/**
 * A long entry is drawn a part at a time: its first blocks as it opens, the rest in the moments
 * after. Whatever works on the whole body must see all of it meanwhile.
 */
describe('a long entry', () => {
  it('opens with its first blocks and then all of them, and Select all then typing replaces all of it', async () => {
    const context = await browser().newContext({ viewport: { width: 1280, height: 800 } });
    try {
      const journal = await openWithLongEntry(context, PARAGRAPHS, 'Ana');
      const { page } = journal;
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

  it('reaches a colleague who joins it whole, and words typed far into it meet on both sides', async () => {
    const shared = 2000;
    const title = `A long lesson of ${shared} paragraphs`;
    const anaContext = await browser().newContext({ viewport: { width: 1280, height: 800 } });
    const benContext = await browser().newContext({ viewport: { width: 1280, height: 800 } });
    try {
      const ana = await openWithLongEntry(anaContext, shared, 'Ana');
      await ana.useSignalingServer(signalingUrl, 'Ana');
      await ana.openEntry(title);
      const link = await ana.shareLink();

      // Ben's editor is open on the entry before its body arrives; it is drawn whole once it has.
      const ben = await JournalPage.open(benContext, appUrl);
      await ben.useSignalingServer(signalingUrl, 'Ben');
      await ben.join(link);
      await expect.poll(() => ben.title.inputValue(), { timeout: 30_000 }).toBe(title);
      const blocks = (journal: JournalPage): Promise<number> => journal.body.evaluate((body) => body.childElementCount);
      await expect.poll(() => blocks(ben), { timeout: 60_000 }).toBe(shared);

      // Ben types at the end of the last paragraph while Ana is away; she comes back (the
      // reload reopens the entry, a part at a time) and Ben then types far down the middle.
      await ana.page.goto('about:blank');
      await ben.body.locator('p').first().click();
      await ben.page.keyboard.press('Control+End');
      await ben.page.keyboard.type(' Ben at the end.');
      await ana.page.goto(appUrl);
      await expect.poll(() => ana.title.inputValue(), { timeout: 30_000 }).toBe(title);
      await clickParagraph(ben, 1500);
      await ben.page.keyboard.press('End');
      await ben.page.keyboard.type(' Ben in the middle.');

      for (const journal of [ana, ben]) {
        await expect.poll(() => blocks(journal), { timeout: 60_000 }).toBe(shared);
        await expect.poll(() => journal.body.locator('p').last().textContent(), { timeout: 30_000 }).toMatch(/ Ben at the end\.$/);
        await expect.poll(() => journal.body.locator('p').nth(1500).textContent(), { timeout: 30_000 }).toMatch(/ Ben in the middle\.$/);
      }
      // Ana answers at the very end; both show one and the same body.
      await ana.body.locator('p').first().click();
      await ana.page.keyboard.press('Control+End');
      await ana.page.keyboard.type(' Ana too.');
      await expect.poll(() => ben.body.locator('p').last().textContent(), { timeout: 30_000 }).toMatch(/ Ben at the end\. Ana too\.$/);
      // textContent: blocks off screen are not rendered (content-visibility), so innerText skips them.
      await expect.poll(async () => (await ana.body.textContent()) === (await ben.body.textContent()), { timeout: 30_000 }).toBe(true);
    } finally {
      await Promise.all([anaContext.close(), benContext.close()]);
    }
  });
});
