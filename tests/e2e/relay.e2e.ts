import { rmSync } from 'node:fs';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { assertChromiumInstalled, CHROMIUM_ARGS, CHROMIUM_PATH, createProfileDir } from './support/chromium';
import { JournalPage } from './support/journalPage';

const appUrl = inject('appUrl');
const signalingUrl = inject('signalingUrl');
const relayUrl = inject('relayUrl');
const profiles: string[] = [];
afterAll(() => {
  for (const profile of profiles) rmSync(profile, { recursive: true, force: true });
});

/** A colleague's own browser on a profile folder of their own: closing it and coming back keeps everything. */
async function openProfile(profile: string): Promise<{ context: BrowserContext; journal: JournalPage }> {
  assertChromiumInstalled();
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true,
    viewport: { width: 1280, height: 860 },
  });
  return { context, journal: await JournalPage.open(context, appUrl) };
}

function newProfile(): string {
  const profile = createProfileDir();
  profiles.push(profile);
  return profile;
}

describe('colleagues who are never online together', () => {
  it('meet through the relay: a tick and a line written while the sharer was away reach the sharer', async () => {
    const sharerProfile = newProfile();
    const sharer = await openProfile(sharerProfile);
    await sharer.journal.page.getByRole('button', { name: 'Settings' }).click();
    const settings = sharer.journal.page.getByRole('dialog');
    await settings.getByRole('textbox', { name: 'Your name' }).fill('Ana');
    await settings.getByRole('textbox', { name: 'Signaling servers' }).fill(signalingUrl);
    await settings.getByRole('textbox', { name: 'Relay servers' }).fill(relayUrl);
    await settings.getByRole('button', { name: 'Save' }).click();
    await settings.waitFor({ state: 'hidden' });

    await sharer.journal.create('checklist', 'Night shift handover');
    const link = await sharer.journal.shareLink();
    expect(link).toContain(`&relay=${encodeURIComponent(relayUrl)}`);
    await expect.poll(() => sharer.journal.page.getByText('Relay: in step').count(), { timeout: 20_000 }).toBe(1);
    await sharer.journal.waitUntilSaved();
    await sharer.context.close();

    // The colleague has set up no relay: the link names it. The sharer is gone.
    const colleague = await openProfile(newProfile());
    await colleague.journal.useSignalingServer(signalingUrl, 'Ben');
    await colleague.journal.join(link);
    await expect.poll(() => colleague.journal.checkboxes.count(), { timeout: 20_000 }).toBe(3);
    expect(await colleague.journal.title.inputValue()).toBe('Night shift handover');
    await colleague.journal.tick(1);
    // A line at the end of the checklist: its fourth step.
    await colleague.journal.typeInBody('\nRotated the pager keys while you were away.');
    await colleague.journal.waitUntilSaved();
    await expect.poll(() => colleague.journal.page.getByText('Relay: in step').count(), { timeout: 20_000 }).toBe(1);
    await colleague.context.close();

    // The sharer comes back: the library shows the tick before the entry is opened.
    const back = await openProfile(sharerProfile);
    try {
      const item = back.journal.entryItem('Night shift handover');
      await expect.poll(() => item.innerText().catch(() => ''), { timeout: 20_000 }).toContain('1 of 4');
      await back.journal.openEntry('Night shift handover');
      await expect.poll(() => back.journal.body.innerText(), { timeout: 20_000 }).toContain('Rotated the pager keys while you were away.');
      const ticks = await back.journal.checkboxes.evaluateAll((boxes) => boxes.map((box) => box.getAttribute('aria-checked')));
      expect(ticks).toEqual(['false', 'true', 'false', 'false']);
    } finally {
      await back.context.close();
    }
  });
});
