import type { Browser, BrowserContext, BrowserContextOptions } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, inject } from 'vitest';
import { launchBrowser } from './chromium';
import { JournalPage } from './journalPage';

/** A page class of the UI contract (JournalPage, LearningPage): how a person's device opens Peerbook. */
interface PageKind<P extends JournalPage> {
  open(context: BrowserContext, appUrl: string): Promise<P>;
}

export interface DeviceOptions extends BrowserContextOptions {
  /** Joins the test's signaling server under this name (Settings), as a colleague does. */
  readonly name?: string;
  /** Called with the device's browser context before Peerbook opens in it (routes, a clock). */
  readonly before?: (context: BrowserContext) => Promise<void>;
}

export interface Devices {
  /** A new device (a browser context: its own storage and identity) with Peerbook open. */
  open<P extends JournalPage = JournalPage>(options?: DeviceOptions, kind?: PageKind<P>): Promise<P>;
}

/**
 * The devices of one test file: one Chromium for the file, a browser context per device, every
 * device closed after each test. Call at the top level of the file.
 */
export function useDevices(defaults: BrowserContextOptions = {}): Devices {
  const appUrl = inject('appUrl');
  const signalingUrl = inject('signalingUrl');
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });
  afterAll(async () => {
    await browser.close();
  });
  return {
    async open<P extends JournalPage>(options: DeviceOptions = {}, kind?: PageKind<P>): Promise<P> {
      const { name, before, ...contextOptions } = options;
      const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, ...defaults, ...contextOptions });
      contexts.push(context);
      await before?.(context);
      const journal = (await (kind ?? JournalPage).open(context, appUrl)) as P;
      if (name !== undefined) await journal.useSignalingServer(signalingUrl, name);
      return journal;
    },
  };
}

/**
 * Ana makes a new entry and shares it; Ben (named `benName` in his Settings) joins it by its
 * invite link: both end with the entry open and in step, Ana seeing Ben here. Answers the link.
 */
export async function shareNewEntry<P extends JournalPage>(ana: P, ben: P, kind: 'lesson' | 'checklist' | 'debrief', title: string, benName = 'Ben'): Promise<string> {
  await ana.create(kind, title);
  const link = await ana.shareLink();
  await ben.join(link);
  await expect.poll(() => ben.title.inputValue(), { timeout: 20_000 }).toBe(title);
  await expect.poll(() => ana.peopleHere.innerText(), { timeout: 20_000 }).toContain(benName);
  return link;
}
