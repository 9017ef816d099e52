import { describe, expect, it } from 'vitest';
import { busiestMainThreadWait, cpuShares, cpuSnapshot, descendsFrom, type CpuSnapshot } from '../../../bench/support/cpuByProcess';

const snapshot = (at: number, idleTicks: number, processes: Array<[number, number, number, string, number?]>): CpuSnapshot => ({
  at,
  idleTicks,
  processes: new Map(processes.map(([pid, ppid, ticks, command, mainWaitNs = 0]) => [pid, { pid, ppid, ticks, command, mainWaitNs }])),
});

describe('CPU time by group of processes', () => {
  it('gives each group its share of the interval in cores, with the idle cores', () => {
    const before = snapshot(0, 1_000, [
      [10, 1, 500, 'chromium --type=renderer'],
      [11, 10, 40, 'node device'],
    ]);
    // Two seconds later: the renderer used 150 ticks (0.75 cores), the device 20 (0.1), a new process 10.
    const after = snapshot(2_000, 1_230, [
      [10, 1, 650, 'chromium --type=renderer'],
      [11, 10, 60, 'node device'],
      [12, 11, 10, 'node helper'],
    ]);
    const shares = cpuShares(before, after, (running, all) => (running.command.startsWith('chromium') ? 'page' : descendsFrom(running.pid, 11, all) ? 'device' : null));
    expect(shares).toEqual({ page: 0.75, device: 0.15, idle: 1.15 });
  });

  it("gives the busiest renderer's main-thread wait for a core", () => {
    const before = snapshot(0, 0, [
      [20, 1, 100, 'chromium --type=renderer', 5_000_000],
      [21, 1, 100, 'chromium --type=renderer', 1_000_000],
      [22, 1, 100, 'chromium --type=gpu-process', 0],
    ]);
    const after = snapshot(1_000, 0, [
      [20, 1, 110, 'chromium --type=renderer', 6_000_000],
      [21, 1, 180, 'chromium --type=renderer', 13_000_000],
      [22, 1, 500, 'chromium --type=gpu-process', 90_000_000],
    ]);
    // 21 used the most CPU of the renderers; its main thread waited 12 ms.
    expect(busiestMainThreadWait(before, after, (running) => running.command.includes('renderer'))).toBe(12);
    expect(busiestMainThreadWait(before, before, () => true)).toBeNull();
  });

  it('reads this machine, where /proc exists', () => {
    const before = cpuSnapshot();
    const started = process.cpuUsage();
    // Spins until Node itself counts 100 ms of this process's CPU time, however busy the machine.
    while (process.cpuUsage(started).user < 100_000);
    const shares = cpuShares(before, cpuSnapshot(), (running) => (running.pid === process.pid ? 'this' : null));
    // /proc counts it too (in 10 ms ticks, so not exactly).
    expect(shares.this ?? 0).toBeGreaterThan(0);
    expect(before.processes.get(process.pid)?.mainWaitNs).toBeGreaterThanOrEqual(0);
  });
});
