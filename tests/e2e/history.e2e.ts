import { describe, expect, it } from 'vitest';
import { useDevices } from './support/devices';
import type { JournalPage } from './support/journalPage';

const devices = useDevices({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });

function device(name: string): Promise<JournalPage> {
  return devices.open({ name });
}

describe('history', () => {
  it('saves, lists, shows and restores versions, and the restore reaches a peer', async () => {
    const ana = await device('Ana');
    await ana.create('lesson', 'Versioned lesson');
    await ana.typeInBody('\nThe first wording.');
    await ana.waitUntilSaved();
    await ana.page.getByRole('button', { name: 'History' }).click();
    await ana.saveVersion('First draft');
    const versions = ana.page.getByRole('list', { name: 'Versions' });
    await expect.poll(() => versions.innerText()).toContain('First draft');
    expect(await versions.innerText()).toContain('Ana');

    const link = await ana.shareLink();
    const ben = await device('Ben');
    await ben.join(link);
    await expect.poll(() => ben.body.innerText(), { timeout: 20_000 }).toContain('The first wording.');

    // Ana rewrites the body; then looks at the saved version beside it and restores it.
    await ana.body.getByText('The first wording.').click();
    await ana.page.keyboard.press('End');
    await ana.page.keyboard.type(' Then a worse second wording.');
    await expect.poll(() => ben.body.innerText(), { timeout: 20_000 }).toContain('worse second wording');

    await versions.getByRole('button', { name: /First draft/ }).click();
    const view = ana.page.getByRole('region', { name: 'Selected version' });
    await expect.poll(() => view.getByRole('document', { name: 'Version text' }).innerText()).toContain('The first wording.');
    expect(await view.innerText()).not.toContain('worse second wording');
    await view.getByRole('button', { name: 'Restore this version' }).click();

    await expect.poll(() => ana.body.innerText()).not.toContain('worse second wording');
    expect(await ana.body.innerText()).toContain('The first wording.');
    // Both in one look: a fresh-clone CI run once read Ben's body empty between the rewrite leaving
    // and the restored text arriving, passing a wait for the first and failing the check after it.
    await expect
      .poll(async () => {
        const text = await ben.body.innerText();
        return { restored: text.includes('The first wording.'), rewriteGone: !text.includes('worse second wording') };
      }, { timeout: 20_000 })
      .toEqual({ restored: true, rewriteGone: true });
    // The template's sections came back once, not twice.
    expect(await ben.body.getByRole('heading', { name: 'What I learned' }).count()).toBe(1);
    // What was replaced is kept as a version too.
    await expect.poll(() => versions.innerText()).toContain('Before restoring');
  });
});

describe('backups', () => {
  it('a backup made in one profile restores every entry in a fresh profile, and again without duplicates', async () => {
    const ana = await device('Ana');
    await ana.create('lesson', 'Backed-up lesson');
    await ana.typeInBody('\nRemember the restore drill.');
    await ana.create('checklist', 'Backed-up checklist');
    await ana.tick(0);
    await ana.create('debrief', 'Backed-up debrief');
    await ana.waitUntilSaved();
    const [download] = await Promise.all([
      ana.page.waitForEvent('download'),
      ana.menuAction('Back up journal'),
    ]);
    const path = await download.path();
    expect(download.suggestedFilename()).toMatch(/^peerbook-backup-\d{4}-\d{2}-\d{2}\.json$/);

    const fresh = await device('Ana again');
    for (let round = 0; round < 2; round++) {
      const [chooser] = await Promise.all([
        fresh.page.waitForEvent('filechooser'),
        fresh.menuAction('Restore backup'),
      ]);
      await chooser.setFiles(path);
      await expect.poll(() => fresh.entries.getByRole('listitem').count(), { timeout: 20_000 }).toBe(3);
    }
    await fresh.page.waitForTimeout(500);
    expect(await fresh.entries.getByRole('listitem').count()).toBe(3);
    expect(await fresh.entryItem('Backed-up checklist').innerText()).toContain('1 of 3');
    await fresh.openEntry('Backed-up lesson');
    await expect.poll(() => fresh.body.innerText()).toContain('Remember the restore drill.');
    expect(await fresh.body.getByRole('heading', { name: 'What happened' }).count()).toBe(1);
  });

  it('a backup restored where no name was chosen yet brings back the person who made it; a chosen name stays', async () => {
    const ana = await device('Ana Lima');
    await ana.create('lesson', 'Kept with my name');
    await ana.waitUntilSaved();
    const [download] = await Promise.all([ana.page.waitForEvent('download'), ana.menuAction('Back up journal')]);
    const path = await download.path();
    const nameIn = async (journal: JournalPage): Promise<string> => {
      await journal.page.getByRole('button', { name: 'Settings' }).click();
      const dialog = journal.page.getByRole('dialog');
      const name = await dialog.getByRole('textbox', { name: 'Your name' }).inputValue();
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      return name;
    };
    const restoreInto = async (journal: JournalPage): Promise<void> => {
      const [chooser] = await Promise.all([journal.page.waitForEvent('filechooser'), journal.menuAction('Restore backup')]);
      await chooser.setFiles(path);
      await expect.poll(() => journal.entryItem('Kept with my name').count(), { timeout: 20_000 }).toBe(1);
    };

    // A new profile, where nobody has chosen a name: it gets a made-up one until the restore.
    const fresh = await devices.open({ acceptDownloads: false });
    expect(await nameIn(fresh)).not.toBe('Ana Lima');
    await restoreInto(fresh);
    await expect.poll(() => nameIn(fresh)).toBe('Ana Lima');
    await fresh.page.reload();
    await fresh.newButton('lesson').waitFor();
    expect(await nameIn(fresh)).toBe('Ana Lima');

    // Ben chose his name: restoring Ana's backup leaves it.
    const ben = await device('Ben Okafor');
    await restoreInto(ben);
    expect(await nameIn(ben)).toBe('Ben Okafor');
  });

  it('restoring a backup offers to bring back text deleted since, and does so as a new change', async () => {
    const ana = await device('Ana');
    await ana.create('lesson', 'Worth keeping');
    await ana.typeInBody('\nThe restore drill runs every quarter.');
    await ana.waitUntilSaved();
    const [download] = await Promise.all([ana.page.waitForEvent('download'), ana.menuAction('Back up journal')]);
    const path = await download.path();

    // The text is deleted after the backup was made.
    await ana.body.click();
    await ana.page.keyboard.press('Control+a');
    await ana.page.keyboard.press('Backspace');
    await expect.poll(() => ana.body.innerText()).not.toContain('restore drill');
    await ana.waitUntilSaved();

    const [chooser] = await Promise.all([ana.page.waitForEvent('filechooser'), ana.menuAction('Restore backup')]);
    await chooser.setFiles(path);
    const dialog = ana.page.getByRole('dialog', { name: 'Bring back deleted text?' });
    await dialog.waitFor({ timeout: 20_000 });
    // A merge alone keeps the deletion: the text is still gone while the question is asked.
    expect(await ana.body.innerText()).not.toContain('restore drill');
    expect(await dialog.getByRole('list', { name: 'Entries with deleted text' }).innerText()).toContain('Worth keeping');
    await dialog.getByRole('button', { name: 'Bring back text' }).click();
    await expect.poll(() => ana.body.innerText()).toContain('The restore drill runs every quarter.');
    expect(await ana.body.getByRole('heading', { name: 'What happened' }).count()).toBe(1);
    await expect.poll(() => ana.page.getByText(/Brought back the backup’s text in 1 entry/).count()).toBe(1);
  });

  it('a corrupt backup shows an alert and imports nothing', async () => {
    const ana = await device('Ana');
    await ana.create('lesson', 'Already here');
    const [chooser] = await Promise.all([
      ana.page.waitForEvent('filechooser'),
      ana.menuAction('Restore backup'),
    ]);
    await chooser.setFiles({
      name: 'peerbook-backup-2026-01-01.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"format":"peerbook-backup","version":1,"createdAt":1,"library":"AAA=","entries":[{"id":"e-000000000000'),
    });
    await expect.poll(() => ana.page.getByRole('alert').innerText()).toContain('not a Peerbook backup');
    expect(await ana.entries.getByRole('listitem').count()).toBe(1);
  });

  it('imports Markdown files as lesson notes', async () => {
    const ana = await device('Ana');
    const [chooser] = await Promise.all([
      ana.page.waitForEvent('filechooser'),
      ana.menuAction('Import Markdown'),
    ]);
    await chooser.setFiles([
      { name: 'pairing.md', mimeType: 'text/markdown', buffer: Buffer.from('# Pairing on the migration\n\nWe caught the *currency* bug together.\n\n- [ ] write it down\n') },
      {
        name: 'notes-from-elsewhere.md',
        mimeType: 'text/markdown',
        buffer: Buffer.from('---\ntitle: "Retro notes"\ntags:\n  - process\n  - "team, platform"\n---\n\nShorter standups.\n'),
      },
    ]);
    await ana.entryItem('Pairing on the migration').waitFor();
    // Tags written as a YAML list, a quoted one with its comma kept in one tag.
    expect(await ana.entryItem('Retro notes').innerText()).toContain('#process');
    expect(await ana.entryItem('Retro notes').innerText()).toContain('#team-platform');
    await ana.openEntry('Pairing on the migration');
    await expect.poll(() => ana.body.innerText()).toContain('We caught the currency bug together.');
    expect(await ana.body.getByRole('checkbox').count()).toBe(1);
    expect(await ana.entryItem('Pairing on the migration').innerText()).toContain('LESSON');
  });

  it('exports each kind as Markdown, and importing the files gives back the same kind, title, tags and text', async () => {
    const ana = await device('Ana');
    const written = [
      { kind: 'lesson', title: 'Canary first', tag: 'deploys', line: 'Ship to one region before all.', badge: 'LESSON' },
      { kind: 'checklist', title: 'Release steps', tag: 'release', line: 'Second step', badge: 'CHECKLIST' },
      { kind: 'debrief', title: 'Launch retro', tag: 'q3', line: 'The pager was quiet.', badge: 'DEBRIEF' },
    ] as const;
    const files: Array<{ name: string; mimeType: string; buffer: Buffer }> = [];
    for (const entry of written) {
      await ana.create(entry.kind, entry.title);
      await ana.page.getByRole('textbox', { name: 'Add tag' }).fill(entry.tag);
      await ana.page.keyboard.press('Enter');
      if (entry.kind !== 'checklist') await ana.typeInBody(`\n${entry.line}`);
      await ana.waitUntilSaved();
      const [download] = await Promise.all([ana.page.waitForEvent('download'), ana.menuAction('Export Markdown')]);
      let text = '';
      for await (const chunk of await download.createReadStream()) text += chunk.toString();
      files.push({ name: download.suggestedFilename(), mimeType: 'text/markdown', buffer: Buffer.from(text) });
    }

    const ben = await device('Ben');
    const [chooser] = await Promise.all([ben.page.waitForEvent('filechooser'), ben.menuAction('Import Markdown')]);
    await chooser.setFiles(files);
    // The notice is announced (role status), over the main pane.
    await expect.poll(() => ben.page.getByRole('status').filter({ hasText: 'Imported' }).innerText()).toBe('Imported 3 entries.');
    const notice = await ben.page.getByRole('status').filter({ hasText: 'Imported' }).boundingBox();
    expect(notice?.x).toBeGreaterThan(300);
    for (const entry of written) {
      const item = ben.entryItem(entry.title);
      await item.waitFor();
      expect(await item.innerText()).toContain(entry.badge);
      expect(await item.innerText()).toContain(`#${entry.tag}`);
      await ben.openEntry(entry.title);
      await expect.poll(() => ben.body.innerText()).toContain(entry.line);
      // The same file again, but for its dates.
      const [download] = await Promise.all([ben.page.waitForEvent('download'), ben.menuAction('Export Markdown')]);
      let text = '';
      for await (const chunk of await download.createReadStream()) text += chunk.toString();
      const withoutDates = (markdown: string) => markdown.replace(/^(created|updated): .*\n/gm, '');
      const original = files.find((file) => file.name === download.suggestedFilename());
      expect(withoutDates(text)).toBe(withoutDates(original?.buffer.toString() ?? ''));
    }
  });
});
