import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { launchBrowser } from '../tests/e2e/support/chromium';
import { percentile, recordFigures } from './support/benchResults';
import { measureTyping } from './support/typingLatency';

/**
 * A 10,000-entry journal in Chromium on the web build: start-up, search while typing, memory,
 * opening and typing in an entry of 5,000 paragraphs, and IndexedDB bytes over content. The
 * journal is filled by the app's own seeding (`?seed=10000&long=5000`), the same as `npm run seed`.
 */
const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 10_000);
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  const started = Date.now();
  await page.goto(`${inject('appUrl')}?seed=${ENTRIES}&long=5000`);
  await page.getByRole('button', { name: 'New lesson' }).waitFor({ timeout: 900_000 });
  console.log(`seeded ${ENTRIES} entries and one of 5,000 paragraphs in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}, 960_000);

afterAll(async () => {
  await browser.close();
});

async function waitForIndex(): Promise<void> {
  const search = page.getByRole('searchbox', { name: 'Search' });
  await search.fill('zzzz');
  await expect.poll(() => page.locator('.pb-search-note').innerText(), { timeout: 120_000 }).not.toContain('Indexing');
  await search.fill('');
}

it('measures a 10,000-entry journal', async () => {
  // Start-up: navigation until the library is drawn (the app's user-timing mark), median of 5.
  const startups: number[] = [];
  for (let run = 0; run < 5; run++) {
    await page.reload();
    await page.getByRole('list', { name: 'Entries' }).getByRole('listitem').first().waitFor();
    startups.push(await page.evaluate(() => performance.getEntriesByName('peerbook:library-interactive')[0]?.startTime ?? NaN));
  }
  await waitForIndex();

  // Memory: the JS heap after a garbage collection, with the library and the search index loaded.
  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };

  // Search: one keystroke until the results are drawn (the app marks it after the render).
  const search = page.getByRole('searchbox', { name: 'Search' });
  await search.click();
  await page.evaluate(() => {
    const sent: number[] = [];
    Object.assign(window, { __sent: sent });
    document.addEventListener('keydown', () => sent.push(performance.now()), true);
  });
  const searchTimes: number[] = [];
  for (const word of ['rollback', 'deploy', 'runbook', 'pairing', 'latency', 'handover', 'migration', 'escalate']) {
    await search.fill('');
    for (const letter of word) {
      await page.keyboard.press(letter);
      const time = await page.waitForFunction(
        () => {
          const sent = (window as unknown as { __sent: number[] }).__sent.at(-1) ?? 0;
          const drawn = performance.getEntriesByName('peerbook:search-drawn').filter((mark) => mark.startTime >= sent);
          return drawn.length > 0 ? (drawn[0] as PerformanceEntry).startTime - sent : false;
        },
        undefined,
        { polling: 'raf', timeout: 10_000 },
      );
      searchTimes.push((await time.jsonValue()) as number);
    }
  }
  await search.fill('');

  // Open the entry of 5,000 paragraphs: click until its body is drawn and editable.
  const entry = page.getByRole('list', { name: 'Entries' }).getByRole('listitem').filter({ hasText: '5000 paragraphs' });
  await search.fill('5000 paragraphs');
  await entry.waitFor();
  const clickedAt = await page.evaluate(() => performance.now());
  await entry.getByRole('button').click();
  const opened = await page.waitForFunction(
    () => {
      const body = document.querySelector('[aria-label="Body"]');
      const editor = body?.closest('.pb-editor');
      return body && editor && !editor.hasAttribute('hidden') && body.childElementCount >= 5000 ? performance.now() : false;
    },
    undefined,
    { polling: 'raf', timeout: 60_000 },
  );
  const openMs = ((await opened.jsonValue()) as number) - clickedAt;

  // Typing in it: keydown until the next frame after the body changed.
  const typing = await measureTyping(page, 2500);

  // Storage over content, through Peerbook's persistence in this browser's IndexedDB.
  const idbPage = await context.newPage();
  await idbPage.goto(inject('idbUrl'));
  const idb = (await idbPage.evaluate(() => (window as unknown as { idbRatio: Promise<unknown> }).idbRatio)) as {
    ratio: number;
    storedBytes: number;
    stateBytes: number;
  };

  recordFigures({
    entries: ENTRIES,
    startup_10k_ms: percentile(startups, 50),
    search_p95_10k_ms: percentile(searchTimes, 95),
    search_p50_10k_ms: percentile(searchTimes, 50),
    heap_10k_mb: Math.round((heap.usedSize / 1024 / 1024) * 10) / 10,
    open_5k_paragraphs_ms: Math.round(openMs),
    typing_p95_5k_paragraphs_ms: percentile(typing, 95),
    typing_p50_5k_paragraphs_ms: percentile(typing, 50),
    idb_bytes_ratio: Math.round(idb.ratio * 100) / 100,
    idb_stored_bytes: idb.storedBytes,
    idb_state_bytes: idb.stateBytes,
  });
  expect([...startups, ...searchTimes, openMs, ...typing, idb.ratio].every(Number.isFinite)).toBe(true);
});
