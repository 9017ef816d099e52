import { rmSync } from 'node:fs';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createProfileDir, launchKillableBrowser } from './support/chromium';
import { JournalPage } from './support/journalPage';

const appUrl = inject('appUrl');
const profileDir = createProfileDir();
afterAll(() => rmSync(profileDir, { recursive: true, force: true }));

describe('what is shown as Saved survives a crash', () => {
  it('keeps text shown as Saved after the browser process is killed with SIGKILL', async () => {
    const first = await launchKillableBrowser(profileDir);
    const before = await JournalPage.open(first.context, appUrl);
    await before.create('lesson', 'Written before the crash');
    await before.typeInBody('Every word shown as saved must come back.');
    await before.create('checklist', 'Ticked before the crash');
    await before.tick(1);
    await before.waitUntilSaved();
    await first.kill();

    const second = await launchKillableBrowser(profileDir);
    try {
      const after = await JournalPage.open(second.context, appUrl);
      await after.entryItem('Ticked before the crash').waitFor();
      expect(await after.entryItem('Ticked before the crash').innerText()).toContain('1 of 3');
      await after.openEntry('Written before the crash');
      await expect.poll(() => after.body.innerText()).toContain('Every word shown as saved must come back.');
    } finally {
      await second.kill();
    }
  });
});
