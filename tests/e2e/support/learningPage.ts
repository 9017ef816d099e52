import type { BrowserContext, Locator } from 'playwright-core';
import { expect } from 'vitest';
import { JournalPage } from './journalPage';

/**
 * The peer-learning side of Peerbook (This week, Review, Insights, mentions, lessons from a
 * debrief), in the words of its interface: accessible names from the UI contract.
 */
export class LearningPage extends JournalPage {
  static override async open(context: BrowserContext, appUrl: string): Promise<LearningPage> {
    const journal = await JournalPage.open(context, appUrl);
    return new LearningPage(journal.page);
  }

  navButton(name: 'This week' | 'Review' | 'Insights'): Locator {
    return this.page.getByRole('navigation', { name: 'Journal' }).getByRole('button', { name, exact: true });
  }

  /** What the sidebar says about today's reviews, e.g. "1 lesson due today". */
  async dueToday(): Promise<string> {
    return (await this.page.getByRole('navigation', { name: 'Journal' }).getByText(/due today$/).innerText()).trim();
  }

  /** One figure from a list of figures ("This week in figures", "Insights in figures"), by its label. */
  async figure(list: string, label: string): Promise<string> {
    const item = this.page
      .getByRole('list', { name: list })
      .getByRole('listitem')
      .filter({ has: this.page.getByText(label, { exact: true }) });
    return (await item.locator('.pb-stat-value').innerText()).trim();
  }

  /** The rows of a chart's table of figures, each as its cells' text. */
  async chartTable(title: string): Promise<string[][]> {
    return this.page.getByRole('table', { name: title }).locator('tbody tr').evaluateAll((rows) =>
      rows.map((row) => [...row.children].map((cell) => (cell.textContent ?? '').trim())),
    );
  }

  /** Selects the first occurrence of `text` in the body, as a mouse drag would. */
  async selectInBody(text: string): Promise<void> {
    await this.body.click();
    await this.body.evaluate((body, wanted) => {
      const walker = body.ownerDocument.createTreeWalker(body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent?.indexOf(wanted) ?? -1;
        if (at < 0) continue;
        const range = body.ownerDocument.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + wanted.length);
        const selection = body.ownerDocument.getSelection();
        selection?.removeAllRanges();
        selection?.addRange(range);
        return new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`"${wanted}" is not in the body`);
    }, text);
  }

  /** Puts the caret at the end of the block right under a heading of the body, as a click there does. */
  async caretUnder(heading: string): Promise<void> {
    const block = this.body.getByRole('heading', { name: heading, exact: true }).locator('xpath=following-sibling::*[1]');
    await block.click();
    await this.page.keyboard.press('End');
    // Lexical reads the caret from 'selectionchange', which fires in a later task: a key pressed
    // at once could still act where the caret was before the click.
    await this.page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 50)));
  }

  listText(name: string): Promise<string> {
    return this.page.getByRole('list', { name, exact: true }).innerText();
  }

  /** Types `@` and the start of a name, and picks the person once the menu has them highlighted. */
  async mention(start: string, name: string): Promise<void> {
    await this.page.keyboard.type(`@${start}`);
    const menu = this.page.getByRole('listbox', { name: 'Mention a person' });
    await menu.getByRole('option', { name: new RegExp(name), selected: true }).waitFor();
    await this.page.keyboard.press('Enter');
    await this.body.locator('.pb-mention', { hasText: `@${name}` }).first().waitFor();
  }

  async answerReview(answer: 'Again' | 'Hard' | 'Got it' | 'Easy'): Promise<void> {
    await this.page.getByRole('button', { name: answer, exact: true }).click();
  }

  /** In how many days Review's "Coming up" says a lesson comes back (1 for "tomorrow"). */
  async comesBackInDays(title: string): Promise<number> {
    const item = this.page.getByRole('list', { name: 'Coming up', exact: true }).getByRole('listitem').filter({ hasText: title });
    const when = (await item.locator('.pb-entry-meta').innerText()).trim();
    if (when === 'tomorrow') return 1;
    const days = /^in (\d+) days$/.exec(when)?.[1];
    if (!days) throw new Error(`"${title}" comes back "${when}", not in a number of days`);
    return Number(days);
  }

  /** An item of This week's "Your open actions", by the action's text: a checkbox. */
  ownAction(text: string): Locator {
    return this.page.getByRole('list', { name: 'Your open actions', exact: true }).getByRole('checkbox', { name: text, exact: true });
  }

  /** A check item of the open entry's body, by its text. */
  bodyCheckItem(text: string): Locator {
    return this.checkboxes.filter({ hasText: text });
  }

  /** What the open debrief's header says of its actions, e.g. "2 open actions". */
  async openActionsInHeader(): Promise<string> {
    return (await this.page.getByRole('article').getByText(/^\d+ open actions?$/).innerText()).trim();
  }

  async expectFigure(list: string, label: string, value: string): Promise<void> {
    await expect.poll(() => this.figure(list, label), { timeout: 10_000 }).toBe(value);
  }
}
