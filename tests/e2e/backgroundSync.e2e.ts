import { describe, expect, it } from 'vitest';
import { shareNewEntry, useDevices } from './support/devices';
import { LearningPage } from './support/learningPage';

const devices = useDevices();

/** A colleague on their own device (a browser context: its own storage and identity). */
function colleague(name: string): Promise<LearningPage> {
  return devices.open({ name }, LearningPage);
}

describe('every shared entry stays in step, open or not', () => {
  it('a colleague’s tick, new title and tag reach the sharer’s library without the sharer opening the entry', async () => {
    const [ana, ben] = [await colleague('Ana'), await colleague('Ben')];
    await shareNewEntry(ana, ben, 'checklist', 'Deploy checklist');
    await expect.poll(() => ben.checkboxes.count(), { timeout: 20_000 }).toBe(3);

    // Ana moves on to another entry: the checklist is closed on her screen.
    await ana.create('lesson', 'Something else');
    expect(await ana.entryItem('Deploy checklist').innerText()).toContain('0 of 3');

    await ben.tick(1);
    await ben.title.fill('Deploy checklist, v2');
    await ben.page.getByRole('textbox', { name: 'Add tag' }).fill('release');
    await ben.page.keyboard.press('Enter');
    await ben.waitUntilSaved();

    // Within 15 s, in Ana's library, with the entry never opened.
    const item = ana.entryItem('Deploy checklist, v2');
    await expect.poll(() => item.innerText().catch(() => ''), { timeout: 15_000 }).toContain('1 of 3');
    expect(await item.innerText()).toContain('#release');
    await expect.poll(() => ana.page.getByRole('list', { name: 'Tags' }).innerText()).toContain('release');
    expect(await ana.title.inputValue()).toBe('Something else');

    // This week and Insights count the tick, still without Ana opening the checklist.
    await ana.navButton('This week').click();
    await expect.poll(() => ana.figure('This week in figures', 'check item done'), { timeout: 10_000 }).toBe('1');

    // Ben closes the app; Ana opens the checklist and finds his tick there.
    await ben.page.close();
    await ana.openEntry('Deploy checklist, v2');
    const ticks = await ana.checkboxes.evaluateAll((boxes) => boxes.map((box) => box.getAttribute('aria-checked')));
    expect(ticks).toEqual(['false', 'true', 'false']);
  });

  it('says who is here honestly: nobody while alone, and a colleague who closes the app is gone within 5 s', async () => {
    const ana = await colleague('Ana');
    await ana.create('debrief', 'Retro');
    const link = await ana.shareLink();
    const connection = ana.page.locator('.pb-connection');
    await expect.poll(() => connection.innerText(), { timeout: 10_000 }).toBe('No one else here');
    // It stays that way: nothing is being tried while the signaling server answers and nobody is here.
    await ana.page.waitForTimeout(3000);
    expect(await connection.innerText()).toBe('No one else here');

    const ben = await colleague('Ben');
    await ben.join(link);
    await expect.poll(() => ana.peopleHere.innerText(), { timeout: 20_000 }).toContain('Ben');
    await expect.poll(() => connection.innerText()).toMatch(/^Connected to 1 peer/);

    await ben.page.close();
    const closedAt = Date.now();
    await expect.poll(() => ana.peopleHere.innerText(), { timeout: 5_000, interval: 100 }).not.toContain('Ben');
    expect(Date.now() - closedAt).toBeLessThan(5_000);
  });
});
