import { describe, expect, inject, it } from 'vitest';
import { shareNewEntry, useDevices } from './support/devices';
import { JournalPage } from './support/journalPage';

const appUrl = inject('appUrl');
const signalingUrl = inject('signalingUrl');
const devices = useDevices();

interface Colleague extends JournalPage {
  /** Cuts this device off from the signaling server (and so from new peer connections). */
  setReachable(reachable: boolean): void;
}

/** A colleague: their own browser context is their own device (storage, identity). */
async function colleague(name: string): Promise<Colleague> {
  let reachable = true;
  const journal = await devices.open({
    name,
    before: (context) =>
      context.routeWebSocket(/:\d+\/?$/, (socket) => {
        if (reachable) socket.connectToServer();
        else socket.close();
      }),
  });
  return Object.assign(journal, { setReachable: (value: boolean) => void (reachable = value) });
}

/** Leaves the app (the tab goes elsewhere), as closing a laptop lid does to a peer. */
async function leave(journal: JournalPage): Promise<void> {
  await journal.page.goto('about:blank');
}

async function comeBack(journal: JournalPage, title: string): Promise<void> {
  await journal.page.goto(appUrl);
  await journal.openEntry(title);
}

describe('sharing an entry by invite link', () => {
  it('two colleagues co-edit a debrief, see each other, and the template appears once', async () => {
    const [ana, ben] = [await colleague('Ana'), await colleague('Ben')];
    const link = await shareNewEntry(ana, ben, 'debrief', 'Launch debrief');
    await expect.poll(() => ana.peopleHere.innerText(), { timeout: 20_000 }).toContain('Ben');
    expect(link).toMatch(/^peerbook:\/\/join\/[A-Za-z0-9_-]{22,}#key=[A-Za-z0-9_-]{22,}&verify=[A-Za-z0-9_-]{43}&write=[A-Za-z0-9_-]{43}&sig=ws%3A%2F%2F127\.0\.0\.1%3A\d+/);
    await expect.poll(() => ben.peopleHere.innerText()).toContain('Ana');

    await Promise.all([ana.typeInBody('\nAna was here'), ben.typeInBody('\nBen was here')]);
    for (const journal of [ana, ben]) {
      await expect.poll(() => journal.body.innerText(), { timeout: 20_000 }).toContain('Ana was here');
      await expect.poll(() => journal.body.innerText(), { timeout: 20_000 }).toContain('Ben was here');
      expect(await journal.body.getByRole('heading', { name: 'What went well' }).count()).toBe(1);
    }
    expect(await ana.body.innerText()).toBe(await ben.body.innerText());
    // Each sees where the other is writing: the colleague's cursor, with their name on it.
    await expect.poll(() => ana.page.locator('.pb-cursors').textContent(), { timeout: 20_000 }).toContain('Ben');
    await expect.poll(() => ben.page.locator('.pb-cursors').textContent(), { timeout: 20_000 }).toContain('Ana');
  });

  it('a peer that left catches up when it returns, and edits made apart converge', async () => {
    const [ana, ben] = [await colleague('Ana'), await colleague('Ben')];
    await shareNewEntry(ana, ben, 'checklist', 'Handover');
    await expect.poll(() => ben.checkboxes.count(), { timeout: 20_000 }).toBe(3);

    await leave(ben);
    await ana.typeInBody('\nWritten while Ben was away');
    await ana.waitUntilSaved();
    await comeBack(ben, 'Handover');
    await expect.poll(() => ben.body.innerText(), { timeout: 20_000 }).toContain('Written while Ben was away');

    // Apart: Ben cannot reach the signaling server, and neither can reach the other.
    await leave(ben);
    ben.setReachable(false);
    await comeBack(ben, 'Handover');
    await ben.typeInBody('\nBen, offline');
    await ben.tick(0);
    await ana.typeInBody('\nAna, meanwhile');
    await ana.tick(2);
    await ben.waitUntilSaved();
    await ana.waitUntilSaved();
    expect(await ben.body.innerText()).not.toContain('Ana, meanwhile');

    ben.setReachable(true);
    await leave(ben);
    await comeBack(ben, 'Handover');
    for (const journal of [ana, ben]) {
      await expect.poll(() => journal.body.innerText(), { timeout: 20_000 }).toContain('Ana, meanwhile');
      await expect.poll(() => journal.body.innerText(), { timeout: 20_000 }).toContain('Ben, offline');
    }
    await expect.poll(async () => (await ana.body.innerText()) === (await ben.body.innerText()), { timeout: 10_000 }).toBe(true);
    const ticks = (journal: JournalPage) => journal.checkboxes.evaluateAll((items) => items.map((item) => item.getAttribute('aria-checked')));
    await expect.poll(() => ticks(ana)).toEqual(await ticks(ben));
    expect((await ticks(ana)).filter((value) => value === 'true')).toHaveLength(2);
    // The steps Ana wrote arrived once, on both.
    expect(await ana.body.getByText('First step', { exact: true }).count()).toBe(1);
    expect(await ben.body.getByText('First step', { exact: true }).count()).toBe(1);
    await expect.poll(() => ana.entryItem('Handover').innerText()).toContain('2 of');
  });

  it('a third colleague who joins late converges with the others', async () => {
    const [ana, ben] = [await colleague('Ana'), await colleague('Ben')];
    const link = await shareNewEntry(ana, ben, 'debrief', 'Quarter debrief');
    await ben.typeInBody('\nBen’s lesson');
    await ana.typeInBody('\nAna’s lesson');

    const cy = await colleague('Cy');
    await cy.join(link);
    for (const journal of [ana, ben, cy]) {
      await expect.poll(() => journal.body.innerText(), { timeout: 20_000 }).toContain('Ben’s lesson');
      await expect.poll(() => journal.body.innerText(), { timeout: 20_000 }).toContain('Ana’s lesson');
    }
    await expect.poll(() => cy.peopleHere.innerText(), { timeout: 20_000 }).toMatch(/Ana[\s\S]*Ben|Ben[\s\S]*Ana/);
    const texts = await Promise.all([ana, ben, cy].map((journal) => journal.body.innerText()));
    expect(new Set(texts).size).toBe(1);
  });

  it('Reset link: the old link gets nothing new, the new one gets everything', async () => {
    const [ana, ben] = [await colleague('Ana'), await colleague('Ben')];
    const oldLink = await shareNewEntry(ana, ben, 'lesson', 'Rotating');

    await ana.page.getByRole('button', { name: 'Share', exact: true }).click();
    const dialog = ana.page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Reset link' }).click();
    // Reset link asks first.
    await ana.page.getByRole('dialog', { name: 'Reset the link?' }).getByRole('button', { name: 'Reset link' }).click();
    await expect.poll(() => dialog.getByRole('textbox', { name: 'Invite link' }).inputValue()).not.toBe(oldLink);
    const newLink = await dialog.getByRole('textbox', { name: 'Invite link' }).inputValue();
    await dialog.getByRole('button', { name: 'Done' }).click();

    await ana.typeInBody('\nAfter the reset');
    const cy = await colleague('Cy');
    await cy.join(newLink);
    await expect.poll(() => cy.body.innerText(), { timeout: 20_000 }).toContain('After the reset');
    await ben.page.waitForTimeout(1500);
    expect(await ben.body.innerText()).not.toContain('After the reset');
    // Ben, who holds the old link, is told, and keeps his copy.
    await expect.poll(() => ben.page.getByRole('note').allInnerTexts(), { timeout: 20_000 }).toContainEqual(expect.stringContaining('Ana reset this entry’s link'));
    expect(await ben.title.inputValue()).toBe('Rotating');
  });

  it('keeps a private copy of a shared checklist', async () => {
    const ana = await colleague('Ana');
    await ana.create('checklist', 'Release steps');
    await ana.tick(0);
    await ana.shareLink();
    await ana.page.getByRole('button', { name: 'Share', exact: true }).click();
    await ana.page.getByRole('dialog').getByRole('button', { name: 'Keep my own copy' }).click();
    await expect.poll(() => ana.title.inputValue()).toBe('Release steps (my copy)');
    await expect.poll(() => ana.checkboxes.count()).toBe(3);
    expect(await ana.entryItem('Release steps (my copy)').innerText()).toContain('1 of 3');
  });

  it('joining a link already held opens that entry instead of a second one', async () => {
    const ana = await colleague('Ana');
    await ana.create('lesson', 'Only once');
    const link = await ana.shareLink();
    await ana.create('lesson', 'Something else');
    await ana.join(link);
    await expect.poll(() => ana.title.inputValue()).toBe('Only once');
    expect(await ana.entryItem('Only once').count()).toBe(1);
  });

  it('remembers settings', async () => {
    const ana = await colleague('Ana Lima');
    await ana.page.reload();
    await ana.page.getByRole('button', { name: 'Settings' }).click();
    const dialog = ana.page.getByRole('dialog');
    expect(await dialog.getByRole('textbox', { name: 'Your name' }).inputValue()).toBe('Ana Lima');
    expect(await dialog.getByRole('textbox', { name: 'Signaling servers' }).inputValue()).toBe(signalingUrl);
    await dialog.getByRole('textbox', { name: 'Signaling servers' }).fill('http://not-a-websocket');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => dialog.getByRole('alert').innerText()).toContain('not a signaling server');
  });

  it('a malformed link shows what is wrong and creates nothing', async () => {
    const cy = await colleague('Cy');
    await cy.join('https://example.com/not-a-peerbook-link');
    await expect.poll(() => cy.page.getByRole('alert').innerText()).toContain('peerbook://join/');
    await cy.page.getByRole('dialog').getByRole('textbox', { name: 'Invite link' }).fill('peerbook://join/abcdefghijklmnopqrstuvwxyz');
    await cy.page.getByRole('dialog').getByRole('button', { name: 'Join', exact: true }).click();
    await expect.poll(() => cy.page.getByRole('alert').innerText()).toContain('no key');
    expect(await cy.entries.getByRole('listitem').count()).toBe(0);
  });
});

describe('two windows of one journal', () => {
  it('stay in step on a shared entry with no network between them', async () => {
    const ana = await devices.open({
      name: 'Ana',
      // No signaling server answers: the windows can reach each other only inside the browser.
      before: (context) => context.routeWebSocket(/:\d+\/?$/, (socket) => socket.close()),
    });
    await ana.create('lesson', 'Two windows');
    await ana.shareLink();
    await ana.typeInBody('First line from window one');
    await ana.waitUntilSaved();
    const other = await JournalPage.open(ana.page.context(), appUrl);
    await other.openEntry('Two windows');
    await expect.poll(() => other.body.innerText()).toContain('First line from window one');
    // Written while both windows show the entry: it can only arrive live.
    await ana.typeInBody('\nWritten in window one while both are open');
    await expect.poll(() => other.body.innerText(), { timeout: 20_000 }).toContain('Written in window one while both are open');
    await other.typeInBody('\nAnd an answer from window two');
    await expect.poll(() => ana.body.innerText(), { timeout: 20_000 }).toContain('And an answer from window two');
  });
});
