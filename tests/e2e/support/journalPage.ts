import type { BrowserContext, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

const THREE_STEPS = ['First step', 'Second step', 'Third step'];

/**
 * What a person does in Peerbook, in the words of its interface: every locator here goes
 * through an accessible name from the UI contract, so the tests drive the app the way keyboard
 * and screen-reader users do.
 */
export class JournalPage {
  constructor(readonly page: Page) {}

  static async open(context: BrowserContext, appUrl: string): Promise<JournalPage> {
    const page = await context.newPage();
    const journal = new JournalPage(page);
    page.on('pageerror', (error) => console.error('[page error]', error.message));
    await page.goto(appUrl);
    await journal.newButton('lesson').waitFor();
    return journal;
  }

  newButton(kind: 'lesson' | 'checklist' | 'debrief'): Locator {
    return this.page.getByRole('button', { name: `New ${kind}`, exact: true });
  }

  get entries(): Locator {
    return this.page.getByRole('list', { name: 'Entries' });
  }

  entryItem(title: string): Locator {
    return this.entries.getByRole('listitem').filter({ hasText: title });
  }

  get title(): Locator {
    return this.page.getByRole('textbox', { name: 'Title', exact: true });
  }

  get body(): Locator {
    return this.page.getByRole('textbox', { name: 'Body', exact: true });
  }

  get status(): Locator {
    // The save status; notices (backup done, import done) are statuses of their own.
    return this.page.getByRole('status').filter({ hasText: /^(Saved|Saving…|Not saved)$/ });
  }

  get checkboxes(): Locator {
    return this.body.getByRole('checkbox');
  }

  /**
   * Makes an entry and names it. A new checklist has no steps (its template only prompts for
   * them), so one made here gets `steps` typed in, as its author would: three by default.
   */
  async create(kind: 'lesson' | 'checklist' | 'debrief', title: string, steps: readonly string[] = kind === 'checklist' ? THREE_STEPS : []): Promise<void> {
    await this.newButton(kind).click();
    await this.title.fill(title);
    await this.body.waitFor();
    if (steps.length > 0) await this.writeSteps(steps);
  }

  /** Types steps into a new checklist's empty first item, one item each (Enter adds the next). */
  async writeSteps(steps: readonly string[]): Promise<void> {
    await this.checkboxes.first().click({ position: { x: 60, y: 12 } });
    for (const [index, step] of steps.entries()) {
      if (index > 0) await this.page.keyboard.press('Enter');
      await this.page.keyboard.type(step);
    }
    await expect.poll(() => this.checkboxes.allInnerTexts()).toEqual([...steps]);
  }

  /**
   * Presses an action kept in a menu: the open entry's More actions (Export Markdown, Delete
   * entry) or the sidebar's Journal files (Export journal…, Back up journal, Restore backup,
   * Import Markdown).
   */
  async menuAction(name: 'Export Markdown' | 'Delete entry' | 'Export journal…' | 'Back up journal' | 'Restore backup' | 'Import Markdown'): Promise<void> {
    const menu = name === 'Export Markdown' || name === 'Delete entry' ? 'More actions' : 'Journal files';
    // Where the window has room the items are drawn in place; otherwise they are in the menu.
    const toggle = this.page.getByRole('button', { name: menu, exact: true });
    if (await toggle.isVisible()) await toggle.click();
    await this.page.getByRole('button', { name, exact: true }).click();
  }

  /** Puts the caret at the very end of the body and types, key by key. */
  async typeInBody(text: string): Promise<void> {
    await this.body.click();
    await this.body.evaluate((body) => {
      const selection = body.ownerDocument.getSelection();
      selection?.selectAllChildren(body);
      selection?.collapseToEnd();
      // Lexical reads the caret from the 'selectionchange' event, which fires in a later task.
      return new Promise((resolve) => setTimeout(resolve, 20));
    });
    await this.page.keyboard.type(text);
  }

  /** Lexical ticks an item when the click lands on the box drawn at the item's left edge. */
  async tick(index: number): Promise<void> {
    const box = this.checkboxes.nth(index);
    await box.click({ position: { x: 10, y: 12 } });
    await expect.poll(() => box.getAttribute('aria-checked')).toBe('true');
  }

  async waitUntilSaved(): Promise<void> {
    await expect.poll(() => this.status.innerText(), { timeout: 10_000 }).toBe('Saved');
  }

  /** Saves a version of the open entry under `name`, from the open History panel. */
  async saveVersion(name: string): Promise<void> {
    // Save version asks for an optional name first.
    await this.page.getByRole('button', { name: 'Save version' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Save version' });
    await dialog.getByRole('textbox', { name: 'Version name' }).fill(name);
    await this.page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden' });
  }

  /** Points this device at the test's signaling server, through the Settings dialog. */
  async useSignalingServer(url: string, name?: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Settings' }).click();
    const dialog = this.page.getByRole('dialog');
    if (name) await dialog.getByRole('textbox', { name: 'Your name' }).fill(name);
    await dialog.getByRole('textbox', { name: 'Signaling servers' }).fill(url);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden' });
  }

  /**
   * Shares the open entry (pressing Start sharing the first time, and confirming the name if
   * asked) and returns one of its links, read from the Share dialog.
   */
  async shareLink(which: 'Invite link' | 'Read-only link' = 'Invite link'): Promise<string> {
    await this.page.getByRole('button', { name: 'Share', exact: true }).click();
    const dialog = this.page.getByRole('dialog');
    const start = dialog.getByRole('button', { name: 'Start sharing' });
    const link = dialog.getByRole('textbox', { name: which, exact: true });
    await start.or(link).first().waitFor();
    if (await start.isVisible()) await start.click();
    const value = await link.inputValue();
    await dialog.getByRole('button', { name: 'Done' }).click();
    return value;
  }

  async join(link: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Join by link' }).click();
    const dialog = this.page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Invite link' }).fill(link);
    await dialog.getByRole('button', { name: 'Join', exact: true }).click();
  }

  get peopleHere(): Locator {
    return this.page.getByRole('list', { name: 'People here' });
  }

  async openEntry(title: string): Promise<void> {
    await this.entryItem(title).getByRole('button').click();
    await expect.poll(() => this.title.inputValue()).toBe(title);
  }
}
