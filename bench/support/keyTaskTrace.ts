import type { Browser, Page } from 'playwright-core';

/** Chrome's trace categories that give each main-thread task its wall time and its thread time. */
const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel'];

interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly pid: number;
  readonly tid: number;
  readonly ts: number;
  readonly dur?: number;
  readonly tdur?: number;
  readonly args?: { readonly name?: string; readonly data?: { readonly type?: string; readonly frames?: ReadonlyArray<{ readonly processId: number }> } };
}

export interface KeyTaskTimes {
  /** Each keystroke's task, start to end (ms). */
  readonly wall: number[];
  /** The same tasks' time on the CPU (ms): less than `wall` by what the thread spent waiting for a core. */
  readonly cpu: number[];
}

/**
 * Traces `page` while `work` types into it and returns, for each task that handled a keydown on
 * the page's main thread, its wall time and its thread's CPU time. Where wall time runs far over
 * CPU time, the page was ready to run and waited for a core that other processes held.
 */
export async function traceKeyTasks(browser: Browser, page: Page, work: () => Promise<unknown>): Promise<KeyTaskTimes> {
  await browser.startTracing(page, { categories: CATEGORIES });
  try {
    await work();
  } catch (error) {
    // A failed measurement leaves no trace running.
    await browser.stopTracing();
    throw error;
  }
  const buffer = await browser.stopTracing();
  const parsed = JSON.parse(buffer.toString('utf8')) as { traceEvents: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  const pid = events.find((event) => event.name === 'TracingStartedInBrowser')?.args?.data?.frames?.[0]?.processId;
  const main = events.find((event) => event.ph === 'M' && event.name === 'thread_name' && event.pid === pid && event.args?.name === 'CrRendererMain');
  if (pid === undefined || !main) throw new Error('The trace has no main thread for the page');
  const onMain = events.filter((event) => event.pid === pid && event.tid === main.tid && event.ph === 'X').sort((a, b) => a.ts - b.ts);
  const keydowns = onMain.filter((event) => event.name === 'EventDispatch' && event.args?.data?.type === 'keydown');
  const times: KeyTaskTimes = { wall: [], cpu: [] };
  for (const task of onMain) {
    if (task.name !== 'ThreadControllerImpl::RunTask' || task.dur === undefined) continue;
    const end = task.ts + task.dur;
    if (!keydowns.some((keydown) => keydown.ts >= task.ts && keydown.ts < end)) continue;
    times.wall.push(task.dur / 1000);
    times.cpu.push((task.tdur ?? task.dur) / 1000);
  }
  return times;
}
