import type { Browser, Page } from 'playwright-core';

/** Chrome's trace categories that give each main-thread task its wall time and its thread time. */
const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel'];
const TASK = 'ThreadControllerImpl::RunTask';

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

/**
 * One keystroke, from its keydown until the first animation frame callback after the task that
 * handled it (what `measureTyping` times), split by what the page's main thread did meanwhile.
 * All in ms; the parts add up to `total`.
 */
export interface KeystrokeSplit {
  readonly total: number;
  /** CPU time of the task that handled the key. */
  readonly keyCpu: number;
  /** CPU time of everything else on the main thread before the frame's callbacks: other tasks in between and the frame's own start. */
  readonly otherCpu: number;
  /** Time inside those tasks with the thread off the CPU: ready to run, waiting for a core. */
  readonly offCpu: number;
  /** Time with no task running: the thread waited for the next frame or for a message. */
  readonly idle: number;
}

function traceEvents(buffer: Buffer): TraceEvent[] {
  const parsed = JSON.parse(buffer.toString('utf8')) as { traceEvents: TraceEvent[] } | TraceEvent[];
  return Array.isArray(parsed) ? parsed : parsed.traceEvents;
}

/** The page's main thread: its outermost tasks, its keydowns and its animation frame callbacks, in order. */
function mainThread(events: readonly TraceEvent[]): { tasks: TraceEvent[]; keydowns: TraceEvent[]; frames: TraceEvent[] } {
  const pid = events.find((event) => event.name === 'TracingStartedInBrowser')?.args?.data?.frames?.[0]?.processId;
  const main = events.find((event) => event.ph === 'M' && event.name === 'thread_name' && event.pid === pid && event.args?.name === 'CrRendererMain');
  if (pid === undefined || !main) throw new Error('The trace has no main thread for the page');
  const onMain = events.filter((event) => event.pid === pid && event.tid === main.tid && event.ph === 'X').sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const tasks: TraceEvent[] = [];
  let end = -Infinity;
  for (const event of onMain) {
    if (event.name !== TASK || event.dur === undefined || event.ts < end) continue;
    tasks.push(event);
    end = event.ts + event.dur;
  }
  return {
    tasks,
    keydowns: onMain.filter((event) => event.name === 'EventDispatch' && event.args?.data?.type === 'keydown'),
    frames: onMain.filter((event) => event.name === 'FireAnimationFrame'),
  };
}

/** Splits each keystroke of a trace; keydowns whose task or frame the trace did not hold are left out. */
export function splitKeystrokes(events: readonly TraceEvent[]): KeystrokeSplit[] {
  const { tasks, keydowns, frames } = mainThread(events);
  const splits: KeystrokeSplit[] = [];
  for (const keydown of keydowns) {
    const keyTask = tasks.find((task) => task.ts <= keydown.ts && keydown.ts < task.ts + (task.dur ?? 0));
    if (!keyTask) continue;
    const keyEnd = keyTask.ts + (keyTask.dur ?? 0);
    const frame = frames.find((callback) => callback.ts >= keyEnd);
    if (!frame) continue;
    let inTasks = 0;
    let keyCpu = 0;
    let otherCpu = 0;
    for (const task of tasks) {
      const from = Math.max(task.ts, keydown.ts);
      const to = Math.min(task.ts + (task.dur ?? 0), frame.ts);
      if (to <= from) continue;
      // A task's CPU time, shared out over the part of it inside the keystroke.
      const cpu = ((to - from) * (task.tdur ?? task.dur ?? 0)) / Math.max(1, task.dur ?? 0);
      inTasks += to - from;
      if (task === keyTask) keyCpu += cpu;
      else otherCpu += cpu;
    }
    const total = frame.ts - keydown.ts;
    splits.push({
      total: total / 1000,
      keyCpu: keyCpu / 1000,
      otherCpu: otherCpu / 1000,
      offCpu: Math.max(0, inTasks - keyCpu - otherCpu) / 1000,
      idle: (total - inTasks) / 1000,
    });
  }
  return splits;
}

/** Traces `page` while `work` types into it, and splits each keystroke (see KeystrokeSplit). */
export async function traceKeystrokes(browser: Browser, page: Page, work: () => Promise<unknown>): Promise<KeystrokeSplit[]> {
  await browser.startTracing(page, { categories: CATEGORIES });
  try {
    await work();
  } catch (error) {
    // A failed measurement leaves no trace running.
    await browser.stopTracing();
    throw error;
  }
  return splitKeystrokes(traceEvents(await browser.stopTracing()));
}

/** The mean split of the slowest `share` of keystrokes (by total): where the slow ones' time went. */
export function slowestSplit(splits: readonly KeystrokeSplit[], share = 0.05): KeystrokeSplit {
  const slowest = [...splits].sort((a, b) => b.total - a.total).slice(0, Math.max(1, Math.round(splits.length * share)));
  const mean = (part: keyof KeystrokeSplit): number => Math.round((slowest.reduce((sum, split) => sum + split[part], 0) / slowest.length) * 100) / 100;
  return { total: mean('total'), keyCpu: mean('keyCpu'), otherCpu: mean('otherCpu'), offCpu: mean('offCpu'), idle: mean('idle') };
}
