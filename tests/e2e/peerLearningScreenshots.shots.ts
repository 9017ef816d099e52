import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { expect, inject, it } from 'vitest';
import { launchBrowser } from './support/chromium';
import { LearningPage } from './support/learningPage';

/**
 * The README's screenshots of the peer-learning features (docs/screenshots): a journal kept for
 * six weeks, a debrief two colleagues wrote together, This week, Review and Insights.
 */
const outDir = join(__dirname, '../../docs/screenshots');
const DAY_MS = 24 * 60 * 60 * 1000;

const WEEKS: ReadonlyArray<ReadonlyArray<readonly [title: string, tag: string]>> = [
  [['Small PRs get reviewed the same day', 'reviews']],
  [['Write the rollback step before the deploy', 'deploys'], ['Page the owner, not the channel', 'on-call']],
  [['Feature flags beat long-lived branches', 'deploys']],
  [['Ask for the runbook before the shift', 'on-call'], ['Name the decision in the meeting notes', 'meetings'], ['Timebox the first hour of an incident', 'incidents']],
  [['Pair on the scary migration', 'deploys'], ['A checklist is only as good as its last step', 'on-call']],
];

it('takes the peer-learning screenshots in light and dark', async () => {
  mkdirSync(outDir, { recursive: true });
  const browser = await launchBrowser();
  const contexts: BrowserContext[] = [];
  try {
    for (const scheme of ['light', 'dark'] as const) {
      const open = async (name: string, at: number): Promise<LearningPage> => {
        const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 1280, height: 800 }, timezoneId: 'UTC', locale: 'en-GB' });
        contexts.push(context);
        await context.clock.install({ time: at });
        const journal = await LearningPage.open(context, inject('appUrl'));
        await journal.useSignalingServer(inject('signalingUrl'), name);
        return journal;
      };
      const ana = await open('Ana Lima', Date.UTC(2026, 0, 27, 9)); // a Tuesday, six weeks back
      const { page } = ana;
      const shot = async (journal: LearningPage, name: string): Promise<void> => {
        await journal.waitUntilSaved();
        await journal.page.mouse.move(0, 0);
        await journal.page.screenshot({ path: join(outDir, `${name}-${scheme}.png`) });
      };
      const addTag = async (tag: string): Promise<void> => {
        await page.getByRole('textbox', { name: 'Add tag' }).fill(tag);
        await page.keyboard.press('Enter');
      };

      for (const week of WEEKS) {
        for (const [title, tag] of week) {
          await ana.create('lesson', title);
          await addTag(tag);
          await ana.caretUnder('What I learned');
          await page.keyboard.type(`${title}.`);
        }
        await ana.waitUntilSaved();
        await page.clock.fastForward(7 * DAY_MS);
      }

      // This week (Tuesday 3 March): a checklist under way and a debrief written with Ben.
      await ana.create('checklist', 'On-call handover');
      await addTag('on-call');
      await ana.tick(0);
      await ana.tick(1);
      await ana.create('lesson', 'Roll back before you debug');
      await addTag('incidents');
      await ana.caretUnder('What I learned');
      await page.keyboard.type('Rolling back first restores service in minutes; the cause can be found afterwards, calmly.');

      await ana.create('debrief', 'Payments migration debrief');
      await addTag('deploys');
      await ana.caretUnder('What went well');
      await page.keyboard.type('Cut-over finished an hour early; the dry run caught the currency bug.');
      const link = await ana.shareLink();
      const ben = await open('Ben Okafor', await page.evaluate(() => Date.now()));
      await ben.join(link);
      await expect.poll(() => ben.title.inputValue(), { timeout: 20_000 }).toBe('Payments migration debrief');
      await ana.peopleHere.getByText('Ben Okafor').waitFor({ timeout: 20_000 });
      await ben.caretUnder('Knowledge exchanges that made a difference');
      await ben.mention('An', 'Ana Lima');
      await ben.page.keyboard.type('walked me through the feature-flag rollout.');
      // Ana writes once Ben's words are on her screen (a click into a block that a peer's update
      // is redrawing can lose the caret).
      await expect.poll(() => ana.body.innerText(), { timeout: 20_000 }).toContain('feature-flag rollout.');
      await ana.caretUnder('Lessons');
      await page.keyboard.type('Dry runs with production data find the bugs that matter.');
      await ana.caretUnder('Knowledge exchanges that made a difference');
      await page.keyboard.press('Enter');
      await ana.mention('Be', 'Ben Okafor');
      await page.keyboard.type('paired on the reconciliation script.');
      await ana.page.getByRole('list', { name: 'Thanks' }).getByText('Ben Okafor').waitFor({ timeout: 20_000 });
      await ana.page.getByRole('list', { name: 'Thanks' }).getByText('Ana Lima').waitFor({ timeout: 20_000 });
      await shot(ana, 'thanks');

      await ana.selectInBody('Dry runs with production data find the bugs that matter.');
      await page.getByRole('button', { name: 'Make lesson note' }).waitFor();
      await shot(ana, 'make-lesson');
      await page.getByRole('button', { name: 'Make lesson note' }).click();
      await expect.poll(() => ana.title.inputValue()).toMatch(/^Dry runs/);

      await ana.navButton('This week').click();
      await page.getByRole('list', { name: 'This week in figures' }).waitFor();
      await shot(ana, 'this-week');

      await ana.navButton('Review').click();
      await page.getByRole('article').waitFor();
      await shot(ana, 'review');

      await page.setViewportSize({ width: 1280, height: 1240 });
      await ana.navButton('Insights').click();
      await page.locator('.pb-chart svg').first().waitFor();
      await page.waitForTimeout(300);
      await shot(ana, 'insights');
      await Promise.all(contexts.splice(0).map((context) => context.close()));
    }
  } finally {
    await Promise.all(contexts.map((context) => context.close()));
    await browser.close();
  }
});
