import type { Browser, BrowserContext, BrowserContextOptions } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect, inject } from 'vitest';
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
 * A fresh device for each test (empty storage, no entries), handed to `use`: for files where
 * every test is one person alone.
 */
export function useFreshDevice(use: (journal: JournalPage) => void): void {
  const devices = useDevices();
  beforeEach(async () => use(await devices.open()));
}

/**
 * Ana makes a new entry and shares it; Ben joins it by its invite link and has it open once its
 * title has reached him. Answers the link.
 */
export async function shareNewEntry(ana: JournalPage, ben: JournalPage, kind: 'lesson' | 'checklist' | 'debrief', title: string): Promise<string> {
  await ana.create(kind, title);
  const link = await ana.shareLink();
  await ben.join(link);
  await expect.poll(() => ben.title.inputValue(), { timeout: 20_000 }).toBe(title);
  return link;
}
