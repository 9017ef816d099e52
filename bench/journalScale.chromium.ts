import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { launchBenchBrowser } from './support/benchBrowser';
import { percentile, recordFigures, roundFigures, ROUNDS } from './support/benchResults';
import { profileCpu, recordProfiles, type SelfTime } from './support/cpuProfile';
import { measureSearch, SEARCH_WORDS, type SearchSteps } from './support/searchLatency';
import { measureTyping } from './support/typingLatency';
import { workerHeapMb } from './support/workerHeap';

/**
 * A 10,000-entry journal in Chromium on the web build: start-up, search while typing, memory,
 * opening and typing in an entry of 5,000 paragraphs, and IndexedDB bytes over content. The
 * journal is filled by the app's own seeding (`?seed=10000&long=5000`), the same as `npm run seed`.
 *
 * Every figure is taken in ROUNDS rounds (at least three) and written as the median with min and
 * max, each beside its floor taken in the same round: search beside MiniSearch alone answering
 * the same queries on the same data (bench/floor/journalFloor.ts, no worker, no React), opening
 * beside Yjs alone decoding the same stored state, typing beside the same keystrokes in a new
 * entry. A last pass profiles each figure (CDP Profiler) and writes where its time went.
 */
const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 10_000);
const LONG_TITLE = '5000 paragraphs';
const SHORT_TITLE = 'Typing floor';
let browser: Browser;
let context: BrowserContext;
let page: Page;
let floor: Page;
let cdp: CDPSession;

beforeAll(async () => {
  browser = await launchBenchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  const started = Date.now();
  await page.goto(`${inject('appUrl')}?seed=${ENTRIES}&long=5000`);
  await page.getByRole('button', { name: 'New lesson' }).waitFor({ timeout: 900_000 });
  console.log(`seeded ${ENTRIES} entries and one of 5,000 paragraphs in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  // BENCH_SEARCH=page measures search with its engine in the page's thread instead of a worker.
  if (process.env.BENCH_SEARCH === 'page') {
    await page.goto(`${inject('appUrl')}?search=page`);
    await page.getByRole('button', { name: 'New lesson' }).waitFor({ timeout: 120_000 });
  }
  // The typing floor's entry: a new lesson note (its template, a few blocks), made through the app.
  await page.getByRole('button', { name: 'New lesson' }).click();
  await page.getByRole('textbox', { name: 'Title' }).fill(SHORT_TITLE);
  await page.locator('[aria-label="Body"] > p').first().waitFor();
  floor = await context.newPage();
  await floor.goto(`${inject('floorUrl')}journal.html`);
  await floor.waitForFunction(() => (window as unknown as { journalFloor?: { ready: boolean } }).journalFloor?.ready === true);
  cdp = await context.newCDPSession(page);
  await page.bringToFront();
}, 960_000);

afterAll(async () => {
  await browser.close();
});

const search = () => page.getByRole('searchbox', { name: 'Search' });
const entryButton = (title: string) => page.getByRole('list', { name: 'Entries' }).getByRole('listitem').filter({ hasText: title }).getByRole('button');

async function waitForIndex(): Promise<void> {
  await search().fill('zzzz');
  await expect.poll(() => page.locator('.pb-search-note').innerText(), { timeout: 120_000 }).not.toContain('Indexing');
  await search().fill('');
}

/** When the first paint and the start of background work (search, sync) came, per reload. */
const startupOrder: Array<{ firstPaint: number; backgroundWork: number }> = [];

/** Navigation until the library is drawn (the app's user-timing mark), median of 5 reloads. */
async function measureStartup(): Promise<number> {
  const startups: number[] = [];
  for (let run = 0; run < 5; run++) {
    // A reload reopens the entry left open; this figure is the library's own start, as before.
    await page.evaluate(() => localStorage.removeItem('peerbook:last-open-entry'));
    await page.reload();
    await page.getByRole('list', { name: 'Entries' }).getByRole('listitem').first().waitFor();
    startups.push(await page.evaluate(() => performance.getEntriesByName('peerbook:library-interactive')[0]?.startTime ?? NaN));
    // Search indexing and background sync are to start after the first paint: say when they did.
    const order = await page.evaluate(async () => {
      const when = (name: string): number => performance.getEntriesByName(name)[0]?.startTime ?? NaN;
      for (let wait = 0; wait < 100 && Number.isNaN(when('peerbook:background-work-started')); wait++) await new Promise((resolve) => setTimeout(resolve, 20));
      return { firstPaint: when('first-contentful-paint'), backgroundWork: when('peerbook:background-work-started') };
    });
    startupOrder.push(order);
  }
  return percentile(startups, 50);
}

/**
 * Runs `work` in the floor page, then brings the app's page back to the front: Chromium slows the
 * frames and timers of a page that is not in front to one a second.
 */
async function inFloor<T>(work: (floorPage: Page) => Promise<T>): Promise<T> {
  await floor.bringToFront();
  try {
    return await work(floor);
  } finally {
    await page.bringToFront();
  }
}

async function searchFloor(words: readonly string[]): Promise<number[]> {
  const queries = words.flatMap((word) => [...word].map((_, end) => word.slice(0, end + 1)));
  const times = await inFloor((floor) => floor.evaluate(
    (asked) => (window as unknown as { journalFloor: { searchTimes(queries: string[]): Promise<number[]> } }).journalFloor.searchTimes(asked.filter((query) => query.length >= 2)),
    queries,
  ));
  return [...queries.filter((query) => query.length < 2).map(() => 0), ...times];
}

/**
 * Click until the long entry's body is editable with its first screen drawn (`ms`: its blocks
 * reach the bottom of the window), and until all 5,000 paragraphs are drawn (`wholeMs`): the
 * editor draws a long body's first blocks first and the rest in the tasks after.
 */
async function measureOpen(): Promise<{ ms: number; wholeMs: number; id: string }> {
  await search().fill(LONG_TITLE);
  await entryButton(LONG_TITLE).waitFor();
  const id = (await entryButton(LONG_TITLE).getAttribute('data-entry-id')) ?? '';
  const clickedAt = await page.evaluate(() => performance.now());
  await entryButton(LONG_TITLE).click();
  const opened = await page.waitForFunction(
    () => {
      const body = document.querySelector('[aria-label="Body"]');
      const editor = body?.closest('.pb-editor');
      if (!body || !editor || editor.hasAttribute('hidden') || body.getAttribute('contenteditable') !== 'true') return false;
      // Only the long entry has 100 blocks (the first part drawn has more).
      const last = body.lastElementChild;
      const screenFull = body.childElementCount >= 100 && last !== null && last.getBoundingClientRect().bottom >= window.innerHeight;
      return screenFull ? performance.now() : false;
    },
    undefined,
    { polling: 'raf', timeout: 60_000 },
  );
  const openMs = ((await opened.jsonValue()) as number) - clickedAt;
  const whole = await page.waitForFunction(
    () => ((document.querySelector('[aria-label="Body"]')?.childElementCount ?? 0) >= 5000 ? performance.now() : false),
    undefined,
    { polling: 'raf', timeout: 60_000 },
  );
  const wholeMs = ((await whole.jsonValue()) as number) - clickedAt;
  await search().fill('');
  return { ms: openMs, wholeMs, id };
}

async function openFloor(id: string): Promise<number> {
  const times = await inFloor((floor) =>
    floor.evaluate(
      (entry) => (window as unknown as { journalFloor: { decodeTimes(id: string, runs: number): Promise<number[]> } }).journalFloor.decodeTimes(entry, 3),
      id,
    ),
  );
  return percentile(times, 50);
}

async function openShortEntry(): Promise<void> {
  await search().fill(SHORT_TITLE);
  await entryButton(SHORT_TITLE).click();
  await page.locator('[aria-label="Body"] > p').first().waitFor();
  await search().fill('');
}

interface Round {
  startup: number;
  heap: number;
  searchWorkerHeap: number;
  search: number[];
  searchFloor: number[];
  open: number;
  openWhole: number;
  openFloor: number;
  typing: number[];
  typingFloor: number[];
}

async function measureRound(): Promise<Round> {
  const startup = await measureStartup();
  const reloads = startupOrder.splice(0);
  console.log(
    `start-up: first paint at ${percentile(reloads.map((reload) => reload.firstPaint), 50)} ms, search indexing and background sync started at ` +
      `${percentile(reloads.map((reload) => reload.backgroundWork), 50)} ms (medians of ${reloads.length} reloads)`,
  );
  await waitForIndex();
  // Memory: the JS heap after a garbage collection, with the library and the search index loaded.
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = ((await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }).usedSize / 1024 / 1024;
  // The search index and the texts it was built from live in the search worker's heap.
  const searchWorkerHeap = await workerHeapMb(cdp, 'searchWorker');
  const searchTimes = await measureSearch(page, SEARCH_WORDS, (steps) => {
    // Keystrokes of two letters or more: one letter asks nothing.
    const asked = steps.filter((step) => Number.isFinite(step.asked));
    const median = (pick: (step: SearchSteps) => number): number => percentile(asked.map(pick), 50);
    console.log(
      `search, median of ${asked.length} keystrokes that asked: keydown to query sent ${median((step) => step.asked)} ms, ` +
        `worker answer ${median((step) => step.answered)} ms (the engine's own ${median((step) => step.engine)} ms), ` +
        `answer to results in the page ${median((step) => step.drawn)} ms`,
    );
    const steps1 = (value: number): string => (Number.isFinite(value) ? value.toFixed(1) : '-');
    const slowest = [...steps].sort((a, b) => b.total - a.total).slice(0, 4);
    console.log(
      `search, slowest keystrokes (typed: total = to query sent + answer (engine) + drawing): ` +
        slowest.map((step) => `"${step.typed}" ${steps1(step.total)} = ${steps1(step.asked)} + ${steps1(step.answered)} (${steps1(step.engine)}) + ${steps1(step.drawn)}`).join('; '),
    );
  });
  const searchFloorTimes = await searchFloor(SEARCH_WORDS);
  const { ms: open, wholeMs: openWhole, id } = await measureOpen();
  const decode = await openFloor(id);
  const typing = await measureTyping(page, 2500);
  await openShortEntry();
  const typingFloor = await measureTyping(page, 0);
  return { startup, heap, searchWorkerHeap, search: searchTimes, searchFloor: searchFloorTimes, open, openWhole, openFloor: decode, typing, typingFloor };
}

it('measures a 10,000-entry journal', async () => {
  const rounds: Round[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    rounds.push(await measureRound());
    const last = rounds.at(-1) as Round;
    const p95 = (times: number[]): number => percentile(times, 95);
    console.log(
      `round ${round + 1} of ${ROUNDS}: ${JSON.stringify({ startup: last.startup, heap: last.heap, search_worker_heap: last.searchWorkerHeap, search_p95: p95(last.search), search_floor_p95: p95(last.searchFloor), open: last.open, open_whole: last.openWhole, open_floor: last.openFloor, typing_p95: p95(last.typing), typing_floor_p95: p95(last.typingFloor) })}`,
    );
  }

  // Storage over content, through Peerbook's persistence in this browser's IndexedDB.
  const idbPage = await context.newPage();
  await idbPage.goto(inject('idbUrl'));
  const idb = (await idbPage.evaluate(() => (window as unknown as { idbRatio: Promise<unknown> }).idbRatio)) as {
    ratio: number;
    storedBytes: number;
    stateBytes: number;
  };
  await idbPage.close();
  await page.bringToFront();

  const each = <K extends keyof Round>(key: K): Array<Round[K]> => rounds.map((round) => round[key]);
  const p = (key: 'search' | 'searchFloor' | 'typing' | 'typingFloor', at: number): number[] => each(key).map((times) => percentile(times, at));
  recordFigures({
    entries: ENTRIES,
    rounds: ROUNDS,
    ...roundFigures('startup_10k_ms', each('startup')),
    ...roundFigures('search_p95_10k_ms', p('search', 95), p('searchFloor', 95)),
    ...roundFigures('search_p50_10k_ms', p('search', 50), p('searchFloor', 50)),
    ...roundFigures('heap_10k_mb', each('heap').map((mb) => Math.round(mb * 10) / 10)),
    ...roundFigures('search_worker_heap_10k_mb', each('searchWorkerHeap')),
    ...roundFigures('open_5k_paragraphs_ms', each('open'), each('openFloor')),
    ...roundFigures('open_5k_paragraphs_whole_ms', each('openWhole'), each('openFloor')),
    ...roundFigures('typing_p95_5k_paragraphs_ms', p('typing', 95), p('typingFloor', 95)),
    ...roundFigures('typing_p50_5k_paragraphs_ms', p('typing', 50), p('typingFloor', 50)),
    idb_bytes_ratio: Math.round(idb.ratio * 100) / 100,
    idb_stored_bytes: idb.storedBytes,
    idb_state_bytes: idb.stateBytes,
  });
  // Where the time goes: one more pass under the CPU profiler (not counted in the figures).
  const profiles: Record<string, SelfTime[]> = {};
  const mapsDir = inject('appAssetsDir');
  profiles.startup_10k = await profileCpu(cdp, async () => void (await measureStartup()), { mapsDir });
  await waitForIndex();
  profiles.search_10k = await profileCpu(cdp, async () => void (await measureSearch(page, SEARCH_WORDS.slice(0, 3))), { mapsDir });
  profiles.open_5k_paragraphs = await profileCpu(cdp, async () => void (await measureOpen()), { mapsDir });
  profiles.typing_5k_paragraphs = await profileCpu(cdp, async () => void (await measureTyping(page, 2500, 30)), { mapsDir });
  recordProfiles(profiles);

  const all = rounds.flatMap((round) => [round.startup, round.open, round.openWhole, round.openFloor, ...round.search, ...round.searchFloor, ...round.typing, ...round.typingFloor]);
  expect([...all, idb.ratio].every(Number.isFinite)).toBe(true);
});
