import type { Page } from 'playwright-core';

/** The words typed into Search, a letter at a time, by the benchmarks. */
export const SEARCH_WORDS = ['rollback', 'deploy', 'runbook', 'pairing', 'latency', 'handover', 'migration', 'escalate'];

/** Where one keystroke's time went: until the query was sent, in the search worker, drawing. */
export interface SearchSteps {
  /** What was in Search after the keystroke, and the keystroke's whole time. */
  readonly typed: string;
  readonly total: number;
  readonly asked: number;
  readonly answered: number;
  /** Of `answered`, the engine's own time in the worker. */
  readonly engine: number;
  readonly drawn: number;
}

/**
 * Each keystroke of each word in Search until its results are in the page: from keydown until
 * the app's `peerbook:search-drawn` user-timing mark, set when the results are committed, before
 * the frame that paints them.
 */
export async function measureSearch(page: Page, words: readonly string[] = SEARCH_WORDS, onSteps?: (steps: SearchSteps[]) => void): Promise<number[]> {
  const search = page.getByRole('searchbox', { name: 'Search' });
  await search.click();
  await page.evaluate(() => {
    const sent: number[] = [];
    const onKeyDown = (): void => void sent.push(performance.now());
    document.addEventListener('keydown', onKeyDown, true);
    Object.assign(window, { __sent: sent, __stopSearch: () => document.removeEventListener('keydown', onKeyDown, true) });
  });
  const times: number[] = [];
  const steps: SearchSteps[] = [];
  for (const word of words) {
    await search.fill('');
    for (const [at, letter] of [...word].entries()) {
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
      const total = (await time.jsonValue()) as number;
      times.push(total);
      steps.push({
        typed: word.slice(0, at + 1),
        total,
        ...(await page.evaluate(() => {
          const sent = (window as unknown as { __sent: number[] }).__sent.at(-1) ?? 0;
          const firstMark = (name: string): PerformanceMark | undefined =>
            performance.getEntriesByName(name).find((mark) => mark.startTime >= sent) as PerformanceMark | undefined;
          const [asked, answered, drawn] = ['peerbook:search-asked', 'peerbook:search-answered', 'peerbook:search-drawn'].map(firstMark);
          const at = (mark: PerformanceMark | undefined): number => mark?.startTime ?? NaN;
          const took = (answered?.detail as { took?: number } | null)?.took ?? NaN;
          return { asked: at(asked) - sent, answered: at(answered) - at(asked), engine: took, drawn: at(drawn) - at(answered) };
        })),
      });
    }
  }
  if (onSteps) onSteps(steps);
  await search.fill('');
  await page.evaluate(() => (window as unknown as { __stopSearch: () => void }).__stopSearch());
  return times;
}
