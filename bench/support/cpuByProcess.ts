import { readdirSync, readFileSync } from 'node:fs';

/**
 * Where the machine's CPU time goes while a benchmark runs, by group of processes, read from
 * Linux's /proc: each process's user and system time (in clock ticks, 100 a second) and the
 * machine's idle time. Elsewhere than Linux it reads nothing and says so.
 */
const TICKS_PER_SECOND = 100;

export interface ProcessTimes {
  readonly pid: number;
  readonly ppid: number;
  readonly ticks: number;
  readonly command: string;
  /** How long the process's main thread has waited, ready to run, for a core (ns, from schedstat). */
  readonly mainWaitNs: number;
}

export interface CpuSnapshot {
  readonly at: number;
  readonly processes: ReadonlyMap<number, ProcessTimes>;
  /** All cores' idle ticks, from /proc/stat. */
  readonly idleTicks: number;
}

/** The main thread's schedstat: time on a CPU, time waiting on a run queue (ns), slices. NaN where the kernel keeps none. */
function mainThreadWaitNs(pid: number): number {
  try {
    return Number(readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8').split(' ')[1]);
  } catch {
    return Number.NaN;
  }
}

function readProcess(pid: number): ProcessTimes | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name sits in parentheses and may itself hold spaces or parentheses.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
    // Fields after the name: state(0) ppid(1) … utime(11) stime(12).
    return { pid, ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]), command: cmdline, mainWaitNs: mainThreadWaitNs(pid) };
  } catch {
    return null; // It ended between listing and reading.
  }
}

export function cpuSnapshot(): CpuSnapshot {
  const processes = new Map<number, ProcessTimes>();
  let idleTicks = 0;
  try {
    for (const name of readdirSync('/proc')) {
      if (!/^\d+$/.test(name)) continue;
      const times = readProcess(Number(name));
      if (times) processes.set(times.pid, times);
    }
    const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]?.trim().split(/\s+/) ?? [];
    // cpu user nice system idle iowait …
    idleTicks = Number(cpu[4]) + Number(cpu[5]);
  } catch {
    // No /proc here: an empty snapshot, reported as such below.
  }
  return { at: performance.now(), processes, idleTicks };
}

/** Each group's share of the interval in cores (1 = one core busy the whole time). */
export type CpuShares = Record<string, number>;

/**
 * The CPU time used between two snapshots, in cores, by group: `groupOf` names a process's group
 * from its pid, parent and command line (null: "rest"). Processes that started in between count
 * from zero; `idle` is the machine's idle time in cores.
 */
export function cpuShares(before: CpuSnapshot, after: CpuSnapshot, groupOf: (process: ProcessTimes, all: ReadonlyMap<number, ProcessTimes>) => string | null): CpuShares {
  const seconds = (after.at - before.at) / 1000;
  if (after.processes.size === 0 || seconds <= 0) throw new Error('No /proc to read CPU time from: these figures need Linux');
  const shares: CpuShares = {};
  for (const process of after.processes.values()) {
    const used = process.ticks - (before.processes.get(process.pid)?.ticks ?? 0);
    if (used <= 0) continue;
    const group = groupOf(process, after.processes) ?? 'rest';
    shares[group] = (shares[group] ?? 0) + used / TICKS_PER_SECOND / seconds;
  }
  shares.idle = (after.idleTicks - before.idleTicks) / TICKS_PER_SECOND / seconds;
  for (const key of Object.keys(shares)) shares[key] = Math.round((shares[key] as number) * 100) / 100;
  return shares;
}

/**
 * Of the processes `inGroup` picks, the one that used the most CPU between the snapshots, and how
 * long its main thread waited for a core meanwhile (ms). Null when none ran.
 */
export function busiestMainThreadWait(before: CpuSnapshot, after: CpuSnapshot, inGroup: (process: ProcessTimes) => boolean): number | null {
  let busiest: { used: number; waitedMs: number } | null = null;
  for (const process of after.processes.values()) {
    const earlier = before.processes.get(process.pid);
    if (!earlier || !inGroup(process)) continue;
    const used = process.ticks - earlier.ticks;
    if (used > 0 && (!busiest || used > busiest.used)) busiest = { used, waitedMs: (process.mainWaitNs - earlier.mainWaitNs) / 1e6 };
  }
  return busiest?.waitedMs ?? null;
}

/** Whether `pid` is `ancestor` or descends from it. */
export function descendsFrom(pid: number, ancestor: number, all: ReadonlyMap<number, ProcessTimes>): boolean {
  for (let current: number | undefined = pid, steps = 0; current !== undefined && current > 1 && steps < 64; steps++) {
    if (current === ancestor) return true;
    current = all.get(current)?.ppid;
  }
  return false;
}
