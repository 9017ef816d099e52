import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { launchBenchBrowser } from './support/benchBrowser';
import { JournalPage } from '../tests/e2e/support/journalPage';
import { percentile, recordFigures, roundFigures, ROUNDS } from './support/benchResults';
import { recordProfiles, startCpuProfile } from './support/cpuProfile';

/**
 * Edit to peer: one keystroke in one peer's editor until it is in the other peer's page, in
 * Peerbook and, as the floor, in a page that does nothing but plain Yjs + y-webrtc. Both pairs run
 * in the same Chromium, in the same run, through the same signaling server. Times are taken in the
 * pages (keydown in one, the DOM mutation in the other) on the machine's one clock. A last pass
 * profiles all four pages while each pair types, and writes where each page's time went per
 * keystroke, by origin (npm package or project folder), to bench/results/profiles.json.
 */
const KEYSTROKES = 60;
const PROFILED_KEYSTROKES = 40;
let browser: Browser;

beforeAll(async () => {
  browser = await launchBenchBrowser();
});
afterAll(async () => {
  await browser.close();
});

async function watchOutput(page: Page, selector: string): Promise<void> {
  await page.evaluate((outputSelector) => {
    const target = document.querySelector(outputSelector);
    if (!target) throw new Error(`No ${outputSelector}`);
    const seen: Array<[number, number]> = [];
    Object.assign(window, { __seen: seen });
    new MutationObserver(() => {
      seen.push([(target.textContent ?? '').length, performance.timeOrigin + performance.now()]);
    }).observe(target, { childList: true, subtree: true, characterData: true });
  }, selector);
}

async function watchKeys(page: Page): Promise<void> {
  await page.evaluate(() => {
    const sent: number[] = [];
    Object.assign(window, { __sent: sent });
    document.addEventListener('keydown', () => sent.push(performance.timeOrigin + performance.now()), true);
  });
}

/** Types KEYSTROKES characters one at a time, each after the previous one reached the peer. */
async function measure(sender: Page, receiver: Page, outputSelector: string, keystrokes = KEYSTROKES): Promise<number[]> {
  await watchKeys(sender);
  await watchOutput(receiver, outputSelector);
  const lengthOf = (page: Page) => page.evaluate((s) => (document.querySelector(s)?.textContent ?? '').length, outputSelector);
  const latencies: number[] = [];
  for (let i = 0; i < keystrokes; i++) {
    const before = await lengthOf(receiver);
    await sender.keyboard.press(String.fromCharCode(97 + (i % 26)));
    await expect.poll(() => lengthOf(receiver), { timeout: 10_000, interval: 5 }).toBeGreaterThan(before);
    const sentAt = await sender.evaluate(() => (window as unknown as { __sent: number[] }).__sent.at(-1) as number);
    const arrivedAt = await receiver.evaluate(
      (length) => (window as unknown as { __seen: Array<[number, number]> }).__seen.find(([seen]) => seen > length)?.[1] ?? NaN,
      before,
    );
    latencies.push(arrivedAt - sentAt);
  }
  expect(latencies.every(Number.isFinite)).toBe(true);
  return latencies;
}

async function peerbookPair(): Promise<[Page, Page]> {
  const [a, b] = await Promise.all([0, 1].map(() => browser.newContext()));
  const ana = await JournalPage.open(a!, inject('appUrl'));
  await ana.useSignalingServer(inject('signalingUrl'), 'Ana');
  await ana.create('lesson', 'Latency');
  const link = await ana.shareLink();
  const ben = await JournalPage.open(b!, inject('appUrl'));
  await ben.useSignalingServer(inject('signalingUrl'), 'Ben');
  await ben.join(link);
  await expect.poll(() => ben.title.inputValue(), { timeout: 20_000 }).toBe('Latency');
  await expect.poll(() => ana.peopleHere.innerText(), { timeout: 20_000 }).toContain('Ben');
  await ana.typeInBody('\n');
  return [ana.page, ben.page];
}

async function floorPair(): Promise<[Page, Page]> {
  const room = `floor-${Date.now()}`;
  const url = `${inject('floorUrl')}#room=${room}&key=floor-password&sig=${encodeURIComponent(inject('signalingUrl'))}`;
  const pages = await Promise.all([0, 1].map(async () => (await browser.newContext()).newPage()));
  for (const page of pages) await page.goto(url);
  for (const page of pages) {
    await expect.poll(() => page.evaluate(() => (window as unknown as { floorPeers: () => number }).floorPeers()), { timeout: 20_000 }).toBeGreaterThan(0);
  }
  await pages[0]!.getByRole('textbox', { name: 'Floor input' }).focus();
  return [pages[0]!, pages[1]!];
}

it('measures edit-to-peer latency in Peerbook beside the plain Yjs + y-webrtc floor', async () => {
  const [floorSender, floorReceiver] = await floorPair();
  const [appSender, appReceiver] = await peerbookPair();
  // ROUNDS rounds, each the floor's keystrokes then the app's, so each round's ratio compares
  // the two under the same load.
  const floors: number[][] = [];
  const apps: number[][] = [];
  for (let round = 0; round < ROUNDS; round++) {
    floors.push(await measure(floorSender, floorReceiver, '#out'));
    apps.push(await measure(appSender, appReceiver, '[aria-label="Body"]'));
  }
  const p = (runs: number[][], at: number): number[] => runs.map((times) => percentile(times, at));
  const edit = roundFigures('edit_to_peer_p95_ms', p(apps, 95), p(floors, 95));
  recordFigures({
    ...edit,
    ...roundFigures('edit_to_peer_p50_ms', p(apps, 50), p(floors, 50)),
    // The names the README has always shown for the floor.
    edit_to_peer_floor_p95_ms: edit.edit_to_peer_p95_ms_floor as number,
    edit_to_peer_floor_p50_ms: percentile(p(floors, 50), 50),
    edit_to_peer_keystrokes: apps.flat().length,
  });

  // Where each page's time goes, per keystroke, in one more pass (not counted in the figures):
  // both pages of a pair are profiled while it types, so the sending and the receiving page of
  // Peerbook can be set beside the floor's.
  const profileWhileTyping = async (sender: Page, receiver: Page, selector: string, mapsDir: string) => {
    const options = { byOrigin: true, mapsDir, per: PROFILED_KEYSTROKES, top: 12 };
    const profiles = await Promise.all([sender, receiver].map(async (page) => startCpuProfile(await page.context().newCDPSession(page), options)));
    await measure(sender, receiver, selector, PROFILED_KEYSTROKES);
    return Promise.all(profiles.map((profile) => profile.stop()));
  };
  const [floorSent, floorReceived] = await profileWhileTyping(floorSender, floorReceiver, '#out', inject('floorAssetsDir'));
  const [appSent, appReceived] = await profileWhileTyping(appSender, appReceiver, '[aria-label="Body"]', inject('appAssetsDir'));
  recordProfiles({
    edit_to_peer_sending_page: appSent!,
    edit_to_peer_receiving_page: appReceived!,
    edit_to_peer_floor_sending_page: floorSent!,
    edit_to_peer_floor_receiving_page: floorReceived!,
  });
});
