import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { inject, it } from 'vitest';
import { launchBrowser } from './support/chromium';
import { JournalPage } from './support/journalPage';

/** Writes the README's screenshots (docs/screenshots) from a journal a person might keep. */
const outDir = join(__dirname, '../../docs/screenshots');

it('takes the README screenshots in light and dark', async () => {
  mkdirSync(outDir, { recursive: true });
  const browser = await launchBrowser();
  try {
    for (const scheme of ['light', 'dark'] as const) {
      const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 1280, height: 800 } });
      const journal = await JournalPage.open(context, inject('appUrl'));
      const { page } = journal;
      const shot = async (name: string): Promise<void> => {
        await journal.waitUntilSaved();
        await page.mouse.move(0, 0);
        await page.screenshot({ path: join(outDir, `${name}-${scheme}.png`) });
      };
      await shot('empty');

      await journal.create('debrief', 'Payments migration debrief');
      await journal.body.getByRole('heading', { name: 'What went well' }).click();
      await page.keyboard.press('End');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.type('Cut-over finished an hour early; the dry run caught the currency bug.');
      await journal.body.getByRole('heading', { name: 'Actions' }).click();
      await page.keyboard.press('End');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.type('Write the rollback runbook @Priya');

      await journal.create('checklist', 'On-call handover');
      const addTag = page.getByRole('textbox', { name: 'Add tag' });
      await addTag.fill('on-call');
      await addTag.press('Enter');
      await journal.tick(0);
      await journal.tick(1);

      await journal.create('lesson', 'Roll back before you debug');
      await addTag.fill('incidents');
      await addTag.press('Enter');
      await addTag.fill('deploys');
      await addTag.press('Enter');
      const sections = [
        ['What happened', 'A deploy broke checkout. We spent 40 minutes debugging in production before rolling back.'],
        ['What I learned', 'Rolling back first restores service in minutes; the cause can be found afterwards, calmly.'],
        ['How I’ll apply it', 'Next incident: roll back within 5 minutes if the cause is not obvious, then debug.'],
      ] as const;
      for (const [heading, text] of sections) {
        await journal.body.getByRole('heading', { name: heading }).click();
        await page.keyboard.press('End');
        await page.keyboard.press('ArrowDown');
        await page.keyboard.type(text);
      }
      await shot('lesson');
      await journal.openEntry('On-call handover');
      await shot('checklist');
      await journal.openEntry('Payments migration debrief');
      await shot('debrief');
      await context.close();
    }

    // Two colleagues in one shared debrief: presence, cursors, and the Share dialog.
    for (const scheme of ['light', 'dark'] as const) {
      const open = async (name: string): Promise<JournalPage> => {
        const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 1280, height: 800 } });
        const journal = await JournalPage.open(context, inject('appUrl'));
        await journal.useSignalingServer(inject('signalingUrl'), name);
        return journal;
      };
      const ana = await open('Ana Lima');
      await ana.create('debrief', 'Checkout redesign debrief');
      await ana.body.getByRole('heading', { name: 'What went well' }).click();
      await ana.page.keyboard.press('End');
      await ana.page.keyboard.press('ArrowDown');
      await ana.page.keyboard.type('Design and support reviewed every screen together.');
      // Nothing is shared until Start sharing is pressed.
      await ana.page.getByRole('button', { name: 'Share', exact: true }).click();
      await ana.page.getByRole('dialog').getByRole('button', { name: 'Start sharing' }).waitFor();
      await ana.page.screenshot({ path: join(outDir, `share-consent-${scheme}.png`) });
      await ana.page.keyboard.press('Escape');
      const link = await ana.shareLink();
      const ben = await open('Ben Okafor');
      await ben.join(link);
      await ben.body.getByRole('heading', { name: 'What didn’t' }).waitFor({ timeout: 20_000 });
      await ben.body.getByRole('heading', { name: 'What didn’t' }).click();
      await ben.page.keyboard.press('End');
      await ben.page.keyboard.press('ArrowDown');
      await ben.page.keyboard.type('We found the tax bug late, in the last week.');
      await ana.peopleHere.getByText('Ben Okafor').waitFor({ timeout: 20_000 });
      await ana.body.getByText('tax bug').waitFor({ timeout: 20_000 });
      await ana.waitUntilSaved();
      await ana.page.mouse.move(0, 0);
      await ana.page.screenshot({ path: join(outDir, `shared-${scheme}.png`) });
      await ana.page.getByRole('button', { name: 'Share', exact: true }).click();
      await ana.page.getByRole('dialog').waitFor();
      await ana.page.screenshot({ path: join(outDir, `share-dialog-${scheme}.png`) });
      const readOnlyLink = await ana.page.getByRole('dialog').getByRole('textbox', { name: 'Read-only link' }).inputValue();
      await ana.page.getByRole('dialog').getByRole('button', { name: 'Done' }).click();
      // A colleague who joined by the read-only link: the entry, live, and a notice.
      const cleo = await open('Cleo Park');
      await cleo.join(readOnlyLink);
      await cleo.body.getByText('tax bug').waitFor({ timeout: 20_000 });
      await cleo.page.getByRole('note').filter({ hasText: 'read-only link' }).waitFor();
      await cleo.page.mouse.move(0, 0);
      await cleo.page.screenshot({ path: join(outDir, `read-only-${scheme}.png`) });
      await ana.page.context().close();
      await ben.page.context().close();
      await cleo.page.context().close();
    }
  } finally {
    await browser.close();
  }
});
