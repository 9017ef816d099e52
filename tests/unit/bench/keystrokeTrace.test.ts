import { describe, expect, it } from 'vitest';
import { slowestSplit, splitKeystrokes } from '../../../bench/support/keystrokeTrace';

/** A trace in Chrome's format: the page's renderer (pid 7), its main thread (tid 1) and another thread (tid 2). */
const PAGE = 7;
const MAIN = 1;
const header = [
  { name: 'TracingStartedInBrowser', ph: 'I', pid: 1, tid: 1, ts: 0, args: { data: { frames: [{ processId: PAGE }] } } },
  { name: 'thread_name', ph: 'M', pid: PAGE, tid: MAIN, ts: 0, args: { name: 'CrRendererMain' } },
  { name: 'thread_name', ph: 'M', pid: PAGE, tid: 2, ts: 0, args: { name: 'Compositor' } },
];
const task = (ts: number, dur: number, tdur: number, tid = MAIN) => ({ name: 'ThreadControllerImpl::RunTask', ph: 'X', pid: PAGE, tid, ts, dur, tdur });
const keydown = (ts: number) => ({ name: 'EventDispatch', ph: 'X', pid: PAGE, tid: MAIN, ts, dur: 100, tdur: 100, args: { data: { type: 'keydown' } } });
const frameCallback = (ts: number) => ({ name: 'FireAnimationFrame', ph: 'X', pid: PAGE, tid: MAIN, ts, dur: 50, tdur: 50 });

describe('splitting a keystroke from its keydown to the next frame', () => {
  it('parts the time into the key task, other work, time off the CPU and idle time', () => {
    const events = [
      ...header,
      // The key: a 10 ms task, 8 ms of it on the CPU, its keydown 1 ms in.
      task(1_000, 10_000, 8_000),
      keydown(2_000),
      // Another task on another thread does not count.
      task(11_000, 5_000, 5_000, 2),
      // A 2 ms task between, all on the CPU, after 1 ms idle.
      task(12_000, 2_000, 2_000),
      // 3 ms idle, then the frame: its callbacks 1 ms into a task that ran 2 ms on the CPU out of 4.
      task(17_000, 4_000, 2_000),
      frameCallback(18_000),
    ];
    const [split] = splitKeystrokes(events);
    expect(split).toBeDefined();
    expect(split?.total).toBeCloseTo(16);
    // The key task from the keydown on: 9 ms of wall time at 8/10 on the CPU.
    expect(split?.keyCpu).toBeCloseTo(7.2);
    // The task between (2 ms) and the frame's first 1 ms at half speed.
    expect(split?.otherCpu).toBeCloseTo(2.5);
    expect(split?.offCpu).toBeCloseTo(1.8 + 0.5);
    expect(split?.idle).toBeCloseTo(4);
    const parts = (split?.keyCpu ?? 0) + (split?.otherCpu ?? 0) + (split?.offCpu ?? 0) + (split?.idle ?? 0);
    expect(parts).toBeCloseTo(split?.total ?? 0);
  });

  it('counts only outermost tasks, once', () => {
    const events = [...header, task(0, 10_000, 10_000), task(1_000, 3_000, 3_000), keydown(2_000), frameCallback(12_000), task(11_000, 2_000, 2_000)];
    const [split] = splitKeystrokes(events);
    expect(split?.total).toBeCloseTo(10);
    expect(split?.keyCpu).toBeCloseTo(8);
    expect(split?.otherCpu).toBeCloseTo(1);
    expect(split?.idle).toBeCloseTo(1);
  });

  it('leaves out a keydown with no frame after it, and fails on a trace without the page', () => {
    expect(splitKeystrokes([...header, task(0, 5_000, 5_000), keydown(1_000)])).toEqual([]);
    expect(() => splitKeystrokes(header.slice(0, 1))).toThrow(/no main thread/);
  });

  it('averages the slowest share of keystrokes', () => {
    const splits = Array.from({ length: 40 }, (_, index) => ({ total: index + 1, keyCpu: index + 1, otherCpu: 0, offCpu: 0, idle: 0 }));
    // 5 % of 40: the two slowest, 40 and 39.
    expect(slowestSplit(splits)).toEqual({ total: 39.5, keyCpu: 39.5, otherCpu: 0, offCpu: 0, idle: 0 });
  });
});
