import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { buildDeviceScript, startDevice, type Device } from '../tests/integration/support/deviceHarness';
import type { SharedLink } from '../tests/integration/support/deviceProcess';
import { stopWorkers, type WorkerScript } from '../tests/integration/support/workerParent';
import { launchBenchBrowser } from './support/benchBrowser';
import { JournalPage } from '../tests/e2e/support/journalPage';
import { formatInviteLink } from '../shared/invite/inviteLink';
import { percentile, recordFigures, roundFigures, ROUNDS } from './support/benchResults';
import { measureSearch } from './support/searchLatency';
import { measureTyping } from './support/typingLatency';
import { slowestSplit, traceKeystrokes, type KeystrokeSplit } from './support/keystrokeTrace';
import { busiestMainThreadWait, cpuShares, cpuSnapshot, descendsFrom, type CpuShares } from './support/cpuByProcess';

/**
 * 100 shared checklists, each held by three devices: two whole journals in Node processes (the
 * app's Journal and background sync on @roamhq/wrtc) and the web app in Chromium, which has a
 * 5,000-paragraph entry open. Nobody has the shared entries on screen. Measured: how long a
 * change to any of them takes to reach the two other devices, the most WebRTC connections a
 * device holds at once, the page's heap with all of it running, and typing in the long entry and
 * searching the web app's journal while the shared entries keep changing behind them, beside the
 * same while they are quiet, with where the machine's CPU time went meanwhile; then, traced, what
 * the slowest keystrokes waited for.
 */
const SHARED = Number(process.env.BENCH_SHARED ?? 100);
const CHANGES = 30;
/**
 * Keystrokes per typing pass. Against a 10 % goal, 60 (the journal benchmark's) are too few: their
 * p95 is the third-slowest key, and two passes with the entries quiet differed by up to 15 %.
 */
const TYPING_KEYS = 180;
let script: WorkerScript;
let browser: Browser;
let page: Page;
let ana: Device;
let ben: Device;
let links: SharedLink[] = [];

beforeAll(async () => {
  script = await buildDeviceScript();
  [ana, ben] = await Promise.all([startDevice('Ana', script), startDevice('Ben', script)]);
  browser = await launchBenchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await stopWorkers();
  await script?.remove();
});

async function titlesOnPage(): Promise<Map<string, string>> {
  const rows = await page.evaluate(() =>
    [...document.querySelectorAll('[data-entry-id]')].map((button) => button.querySelector('.pb-entry-title')?.textContent ?? ''),
  );
  return new Map(rows.map((title) => [title, title]));
}

/** The slowest 5 % of a traced pass's keystrokes, split by what the page's main thread did. */
function splitFigures(label: string, splits: readonly KeystrokeSplit[]): Record<string, number> {
  const slowest = slowestSplit(splits);
  return {
    [`typing_slowest_${label}_total_ms`]: slowest.total,
    [`typing_slowest_${label}_key_cpu_ms`]: slowest.keyCpu,
    [`typing_slowest_${label}_other_cpu_ms`]: slowest.otherCpu,
    [`typing_slowest_${label}_off_cpu_ms`]: slowest.offCpu,
    [`typing_slowest_${label}_idle_ms`]: slowest.idle,
  };
}

/** Mean CPU share of each group of processes over the rounds (cores; this machine's count is `os.availableParallelism()`). */
function coreFigures(label: string, rounds: readonly CpuShares[]): Record<string, number> {
  const groups = new Set(rounds.flatMap((shares) => Object.keys(shares)));
  return Object.fromEntries(
    [...groups].map((group) => [`typing_cores_${label}_${group}`, Math.round((rounds.reduce((sum, shares) => sum + (shares[group] ?? 0), 0) / rounds.length) * 100) / 100]),
  );
}

it('keeps 100 shared entries in step behind an open entry', async () => {
  const signaling = [inject('signalingUrl')];
  const started = Date.now();
  links = await ana.createShared(SHARED, signaling);
  // Routine visits are paced at one every 3 s; here at one every 1.5 s, so that setting up 100
  // entries on a device that joins them all at once takes minutes, not five.
  await ana.startSync({ visitStepMs: 1500 });

  // The web app: a 5,000-paragraph entry of its own, and every shared entry joined by its link,
  // one after another as a person would (each arrives while it is on screen).
  await page.goto(`${inject('appUrl')}?long=5000`);
  const journal = new JournalPage(page);
  await journal.newButton('lesson').waitFor({ timeout: 300_000 });
  await journal.useSignalingServer(signaling[0] ?? '', 'Cleo');
  for (const link of links) {
    await journal.join(formatInviteLink({ room: link.room, key: link.key, signaling, title: link.title }));
    // Arrived: the colleague's checklist is on screen under its title (its body comes in the same
    // update; a new checklist is one empty step now, so its steps say nothing about arrival).
    await expect.poll(() => journal.title.inputValue(), { timeout: 60_000 }).toBe(link.title);
  }
  // Ben joins them all at once and receives them in the background.
  await ben.join(links, signaling);
  await ben.startSync({ visitStepMs: 1500 });
  await expect
    .poll(async () => (await ben.sharedRows()).filter((row) => !row.awaitingPeer).length, { timeout: 600_000, interval: 1000 })
    .toBe(SHARED);
  console.log(`${SHARED} shared entries on three devices in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  // A change to any entry, by either Node device, until the two other devices show it.
  const arrivals: number[] = [];
  for (let change = 0; change < CHANGES; change++) {
    const author = change % 2 === 0 ? ana : ben;
    const other = author === ana ? ben : ana;
    const link = links[(change * 37) % links.length] as SharedLink;
    const title = `Changed ${change} by ${author.name}`;
    const at = Date.now();
    await author.retitle(link.room, title);
    await expect.poll(async () => (await other.sharedRows()).some((row) => row.title === title), { timeout: 120_000, interval: 20 }).toBe(true);
    await expect.poll(async () => (await titlesOnPage()).has(title), { timeout: 120_000, interval: 20 }).toBe(true);
    arrivals.push(Date.now() - at);
  }

  // Typing in the long entry and searching the journal while the shared entries keep changing
  // behind them, each beside the same taken while they are quiet (background sync still on),
  // in ROUNDS rounds.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  await page.getByRole('searchbox', { name: 'Search' }).fill('5000 paragraphs');
  await page.getByRole('list', { name: 'Entries' }).getByRole('listitem').filter({ hasText: '5000 paragraphs' }).getByRole('button').click();
  await page.waitForFunction(() => (document.querySelector('[aria-label="Body"]')?.childElementCount ?? 0) >= 5000, undefined, { timeout: 60_000 });
  await page.getByRole('searchbox', { name: 'Search' }).fill('');
  const quiet = { typing: [] as number[][], search: [] as number[][], cores: [] as CpuShares[], waits: [] as number[] };
  const quietAgain: number[][] = [];
  const changing = { typing: [] as number[][], search: [] as number[][], cores: [] as CpuShares[], waits: [] as number[] };
  let typing: number[] = [];
  /** The two Node devices retitle a shared entry every 250 ms until the returned function is called. */
  const changeBehind = (label: string): (() => Promise<void>) => {
    let busy = true;
    const behind = (async () => {
      for (let change = 0; busy; change++) {
        const link = links[(change * 13) % links.length] as SharedLink;
        await (change % 2 === 0 ? ana : ben).retitle(link.room, `Behind ${label}.${change}`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    })();
    return async () => {
      busy = false;
      await behind;
    };
  };
  // The machine's CPU time by group while the page types: the page's Chromium renderers, the rest
  // of Chromium, the two other devices (colleagues' computers, on the same two cores here), the
  // benchmark's driver and servers, anything else, and the cores left idle.
  const groupOf: Parameters<typeof cpuShares>[2] = (running, all) => {
    if (running.command.includes('chromium')) return running.command.includes('--type=renderer') ? 'page' : 'browser';
    if (descendsFrom(running.pid, ana.pid, all) || descendsFrom(running.pid, ben.pid, all)) return 'other_devices';
    if (running.pid === process.pid || running.pid === process.ppid) return 'bench';
    return null;
  };
  // And how long the page's main thread waited for a core, ready to run, per keystroke.
  const typeCounted = async (into: { cores: CpuShares[]; waits: number[] }): Promise<number[]> => {
    const before = cpuSnapshot();
    const times = await measureTyping(page, 2500, TYPING_KEYS);
    const after = cpuSnapshot();
    into.cores.push(cpuShares(before, after, groupOf));
    into.waits.push((busiestMainThreadWait(before, after, (running) => groupOf(running, after.processes) === 'page') ?? Number.NaN) / TYPING_KEYS);
    return times;
  };
  for (let round = 0; round < ROUNDS; round++) {
    quiet.typing.push(await typeCounted(quiet));
    // The same again, still quiet: how far two passes differ with nothing changing.
    quietAgain.push(await measureTyping(page, 2500, TYPING_KEYS));
    quiet.search.push(await measureSearch(page));
    const stop = changeBehind(String(round));
    typing = await typeCounted(changing);
    changing.typing.push(typing);
    changing.search.push(await measureSearch(page));
    await stop();
  }
  // Where the slowest keystrokes' time goes, quiet and while the entries change: one more pass
  // each way, traced (not counted above). The first keydown of each is the End key that
  // measureTyping presses before it measures.
  const quietSplits = (await traceKeystrokes(browser, page, () => measureTyping(page, 2500, TYPING_KEYS))).slice(1);
  const stopTraced = changeBehind('traced');
  const changingSplits = (await traceKeystrokes(browser, page, () => measureTyping(page, 2500, TYPING_KEYS))).slice(1);
  await stopTraced();
  const p = (runs: number[][], at: number): number[] => runs.map((times) => percentile(times, at));

  const stats = await Promise.all([ana.stats(), ben.stats()]);
  recordFigures({
    background_sync_entries: SHARED,
    background_sync_100_max_ms: Math.max(...arrivals),
    background_sync_100_p50_ms: percentile(arrivals, 50),
    background_connections_peak: Math.max(...stats.map((device) => device.peakConnections)),
    background_rooms_awake_peak: Math.max(...stats.map((device) => device.peakAwake)),
    background_heap_mb: Math.round((heap.usedSize / 1024 / 1024) * 10) / 10,
    background_device_heap_mb: Math.round(Math.max(...stats.map((device) => device.heapMb)) * 10) / 10,
    // `<key>_floor` here is the same figure while the shared entries are quiet.
    ...roundFigures('typing_p95_5k_paragraphs_with_sync_ms', p(changing.typing, 95), p(quiet.typing, 95)),
    ...roundFigures('typing_p50_5k_paragraphs_with_sync_ms', p(changing.typing, 50), p(quiet.typing, 50)),
    // Two quiet passes against each other: the ratio that noise alone gives.
    ...roundFigures('typing_p95_5k_paragraphs_quiet_again_ms', p(quietAgain, 95), p(quiet.typing, 95)),
    ...roundFigures('search_p95_10k_with_sync_ms', p(changing.search, 95), p(quiet.search, 95)),
    ...roundFigures('search_p50_10k_with_sync_ms', p(changing.search, 50), p(quiet.search, 50)),
    ...coreFigures('quiet', quiet.cores),
    ...coreFigures('with_sync', changing.cores),
    // The page's main thread, ready to run but waiting for a core, per keystroke (from schedstat).
    ...roundFigures('typing_main_thread_waited_per_key_ms', changing.waits, quiet.waits),
    ...splitFigures('quiet', quietSplits),
    ...splitFigures('with_sync', changingSplits),
  });
  expect([...arrivals, ...typing, ...quietAgain.flat(), ...quiet.waits, ...changing.waits, ...[quiet, changing].flatMap((runs) => [...runs.typing, ...runs.search].flat())].every(Number.isFinite)).toBe(true);
  // Every keystroke of the traced passes was found in its trace.
  expect([quietSplits.length, changingSplits.length]).toEqual([TYPING_KEYS, TYPING_KEYS]);
}, 1_800_000);
