import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, inject, it } from 'vitest';
import * as Y from 'yjs';
import { parseInviteLink } from '../../shared/invite/inviteLink';
import { joinRoomAsGoodPeer, type RawRoomPeer } from '../attack/support/rawRoomPeer';
import { shareNewEntry, useDevices } from './support/devices';
import type { JournalPage } from './support/journalPage';

/**
 * Co-editing never loses a word, even beside a link holder who means harm. Ana and Ben are two
 * browser contexts (two devices) meeting through the project's signaling server; Eve is a stock
 * Yjs client in Node that speaks y-webrtc's wire protocol (tests/attack/support/rawRoomPeer.ts)
 * and holds the same invite link.
 */

const signalingUrl = inject('signalingUrl');
const devices = useDevices({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
const peers: RawRoomPeer[] = [];

interface Colleague extends JournalPage {
  /** Errors the page threw, if any. */
  readonly pageErrors: string[];
}

async function colleague(name: string): Promise<Colleague> {
  const journal = await devices.open();
  const pageErrors: string[] = [];
  journal.page.on('pageerror', (error) => pageErrors.push(error.message));
  await journal.useSignalingServer(signalingUrl, name);
  return Object.assign(journal, { pageErrors });
}

async function eventually(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Puts the caret into the empty paragraph under the lesson's first heading. */
async function intoFirstSection(journal: JournalPage): Promise<void> {
  await journal.body.locator('p').first().click();
}

/** Ana, with a new lesson titled `title` whose first section says `text`. */
async function anaWithLesson(title: string, text: string): Promise<Colleague> {
  const ana = await colleague('Ana');
  await ana.create('lesson', title);
  await intoFirstSection(ana);
  await ana.page.keyboard.type(text);
  return ana;
}

// Runs before the devices close (after-hooks run last registered first).
afterEach(async () => {
  await Promise.all(peers.splice(0).map((peer) => peer.close()));
});

describe('undo beside a colleague', () => {
  it('Ana undoes her first word of a paragraph; Ben’s words right after it stay on both screens', async () => {
    const [ana, ben] = [await colleague('Ana'), await colleague('Ben')];
    await shareNewEntry(ana, ben, 'lesson', 'Undo beside Ben');

    await intoFirstSection(ana);
    await ana.page.keyboard.type('Alpha');
    await expect.poll(() => ben.body.innerText(), { timeout: 20_000 }).toContain('Alpha');
    await ben.body.getByText('Alpha').click();
    await ben.page.keyboard.press('End');
    await ben.page.keyboard.type(' Bravo');
    await expect.poll(() => ana.body.innerText(), { timeout: 20_000 }).toContain('Alpha Bravo');

    await ana.page.keyboard.press('Control+z');
    // Ana's word goes (the undo did something), on both screens; Ben's stays, on both.
    for (const journal of [ana, ben]) {
      await expect.poll(() => journal.body.innerText(), { timeout: 20_000 }).not.toContain('Alpha');
      expect(await journal.body.innerText()).toContain('Bravo');
    }
    expect(await ana.body.innerText()).toBe(await ben.body.innerText());
  });
});

describe('a stock Yjs client holding the link', () => {
  it('claims a newer format and adds an unknown block: the entry opens read-only with its text, exports it, and a wipe is undone from History', async () => {
    const ana = await anaWithLesson('Incident review', 'The rollback took forty minutes because nobody had the runbook.');
    const link = await ana.shareLink();
    const ben = await colleague('Ben');
    await ben.join(link);
    await expect.poll(() => ben.body.innerText(), { timeout: 20_000 }).toContain('nobody had the runbook');

    // Eve joins with the link, as any Yjs + y-webrtc client can.
    const { room, key } = parseInviteLink(link);
    const eve = new Y.Doc();
    const eveRoom = await joinRoomAsGoodPeer({ signalingUrl, room, key }, eve);
    peers.push(eveRoom);
    await eveRoom.announce(20_000);
    await eventually(() => eve.getText('title').toString() === 'Incident review', 'Eve has the entry');
    const root = eve.get('root', Y.XmlText);
    eve.transact(() => {
      eve.getMap('meta').set('schemaVersion', 99);
      const widget = new Y.XmlText();
      widget.setAttribute('__type', 'evil-widget');
      root.insertEmbed(root.length, widget);
    });

    // On Ben's screen, at once: read-only, with its text and both notices.
    const readOnlyNote = ben.page.getByRole('note').filter({ hasText: 'written by a newer Peerbook' });
    await readOnlyNote.waitFor({ timeout: 20_000 });
    expect(await readOnlyNote.innerText()).toContain('read-only');
    await expect.poll(() => ben.body.getByText('Part of this entry was written by another app and is not shown').count()).toBe(1);
    expect(await ben.body.innerText()).toContain('nobody had the runbook');
    expect(await ben.title.isEditable()).toBe(false);
    expect(await ben.body.getAttribute('aria-readonly')).toBe('true');

    // And after a restart: it still opens, from this device's storage, read-only.
    await ben.page.reload();
    await ben.openEntry('Incident review');
    await readOnlyNote.waitFor();
    expect(await ben.body.innerText()).toContain('nobody had the runbook');
    expect(await ben.page.getByRole('button', { name: 'Share', exact: true }).isEnabled()).toBe(true);

    // Export Markdown writes its text, and says a part was left out.
    const [download] = await Promise.all([ben.page.waitForEvent('download'), ben.menuAction('Export Markdown')]);
    const markdown = await readFile(await download.path(), 'utf8');
    expect(markdown).toContain('# Incident review');
    expect(markdown).toContain('The rollback took forty minutes because nobody had the runbook.');
    expect(markdown).toContain('<!-- Part of this entry was written by another app and is not shown -->');
    await expect.poll(() => ben.page.getByText('1 part written by another app is not shown').count()).toBe(1);

    // Eve wipes the body and the title.
    eve.transact(() => {
      root.delete(0, root.length);
      eve.getText('title').delete(0, eve.getText('title').length);
    });
    await expect.poll(() => ben.body.innerText(), { timeout: 20_000 }).not.toContain('nobody had the runbook');
    await expect.poll(() => ben.title.inputValue()).toBe('');

    // History took a version just before the wipe; restoring it (a new entry: this one cannot
    // be written here) brings the text back.
    await ben.page.getByRole('button', { name: 'History', exact: true }).click();
    const versions = ben.page.getByRole('list', { name: 'Versions' });
    await versions.getByRole('button', { name: /Before a colleague’s large deletion/ }).click();
    const view = ben.page.getByRole('region', { name: 'Selected version' });
    await expect.poll(() => view.getByRole('document', { name: 'Version text' }).innerText()).toContain('nobody had the runbook');
    await view.getByRole('button', { name: 'Restore as a new entry' }).click();
    await expect.poll(() => ben.title.inputValue()).toBe('Incident review (restored)');
    await expect.poll(() => ben.body.innerText()).toContain('The rollback took forty minutes because nobody had the runbook.');
    expect(await ben.title.isEditable()).toBe(true);

    // The app stayed on screen throughout, and threw nothing.
    expect(await ben.entries.isVisible()).toBe(true);
    expect(ben.pageErrors).toEqual([]);
  });
});

describe('a view that cannot be drawn', () => {
  it('a damaged saved version: History says so and closes; the entry and the app stay', async () => {
    const ana = await anaWithLesson('Damaged history', 'Still here.');
    await ana.waitUntilSaved();
    await ana.page.getByRole('button', { name: 'History', exact: true }).click();
    await ana.saveVersion('Will be damaged');
    const versions = ana.page.getByRole('list', { name: 'Versions' });
    await expect.poll(() => versions.innerText()).toContain('Will be damaged');
    await ana.page.getByRole('button', { name: 'Close history' }).click();

    // A bad disk damages the version as it lies in this device's storage.
    await ana.page.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const opening = indexedDB.open('peerbook-history');
          opening.onerror = () => reject(opening.error);
          opening.onsuccess = () => {
            const store = opening.result.transaction('versions', 'readwrite').objectStore('versions');
            const all = store.getAll();
            all.onsuccess = () => {
              for (const version of all.result as Array<{ state: Uint8Array }>) store.put({ ...version, state: new Uint8Array([1, 255, 255, 255, 255, 255, 7, 7, 7]) });
              store.transaction.oncomplete = () => resolve();
            };
          };
        }),
    );

    await ana.page.getByRole('button', { name: 'History', exact: true }).click();
    await versions.getByRole('button', { name: /Will be damaged/ }).click();
    const alert = ana.page.getByRole('alert').filter({ hasText: 'History could not be shown' });
    await alert.waitFor();
    expect(await alert.innerText()).toContain('Nothing in your journal was changed');
    await alert.getByRole('button', { name: 'Close history' }).click();
    await alert.waitFor({ state: 'detached' });
    expect(await ana.body.innerText()).toContain('Still here.');
    await ana.typeInBody(' And editable.');
    await expect.poll(() => ana.body.innerText()).toContain('And editable.');
    expect(await ana.entries.isVisible()).toBe(true);
  });
});
