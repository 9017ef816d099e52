import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { originalPositionFor, TraceMap } from '@jridgewell/trace-mapping';
import type { CDPSession } from 'playwright-core';

/** bench/results/profiles.json: where each figure's time went, by function, in the last run. */
const profilesFile = join(__dirname, '../results/profiles.json');

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number; readonly columnNumber: number };
}

interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

export interface SelfTime {
  readonly name: string;
  readonly ms: number;
  readonly share: number;
}

/**
 * Runs `work` under Chrome's CPU profiler (CDP `Profiler.start`/`stop`, sampling every 100 µs)
 * and returns the functions with the most self time: the summary the DevTools Performance panel
 * shows as "Bottom-up". Scripts are named by file (minified names are those of the build).
 */
const sourceMaps = new Map<string, TraceMap | null>();

/**
 * The function's place in the source (file and line, and its name where the map has one), read
 * from the bench build's source map: the build itself is minified, as people run it.
 */
function sourceName(frame: ProfileNode['callFrame'], mapsDir: string | undefined): string | null {
  const file = frame.url.split('/').pop() ?? '';
  if (!mapsDir || !file.endsWith('.js') || frame.lineNumber < 0 || frame.columnNumber < 0) return null;
  if (!sourceMaps.has(file)) {
    try {
      sourceMaps.set(file, new TraceMap(readFileSync(join(mapsDir, `${file}.map`), 'utf8')));
    } catch {
      sourceMaps.set(file, null);
    }
  }
  const map = sourceMaps.get(file);
  if (!map) return null;
  const position = originalPositionFor(map, { line: frame.lineNumber + 1, column: frame.columnNumber });
  if (!position.source) return null;
  const source = position.source.replace(/^(\.\.\/)+/, '');
  return `${position.name ?? frame.functionName ?? '(anonymous)'} (${source}:${position.line})`;
}

export async function profileCpu(cdp: CDPSession, work: () => Promise<void>, { top = 15, mapsDir }: { top?: number; mapsDir?: string } = {}): Promise<SelfTime[]> {
  // The renderer's own totals beside the samples: the profiler counts layout, style and paint
  // as "(program)", and these say which.
  await cdp.send('Performance.enable');
  const metricsBefore = await rendererMetrics(cdp);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  let stopped: { profile: Profile };
  try {
    await work();
  } finally {
    // Stopped in any case, so a failed measurement leaves no profiler running.
    stopped = (await cdp.send('Profiler.stop')) as { profile: Profile };
  }
  const { profile } = stopped;
  const metricsAfter = await rendererMetrics(cdp);
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMs = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, index) => {
    const node = nodes.get(id);
    const ms = (profile.timeDeltas[index] ?? 0) / 1000;
    // Waiting is not where time goes: only the busy samples are summed.
    if (!node || node.callFrame.functionName === '(idle)') return;
    const { functionName, url, lineNumber } = node.callFrame;
    const file = url.split('/').pop() ?? '';
    const name =
      sourceName(node.callFrame, mapsDir) ??
      (file ? `${functionName || '(anonymous)'} (${file}:${lineNumber + 1})` : functionName || '(program)');
    selfMs.set(name, (selfMs.get(name) ?? 0) + ms);
    total += ms;
  });
  const rendererTotals = (['TaskDuration', 'ScriptDuration', 'RecalcStyleDuration', 'LayoutDuration'] as const).map((metric) => {
    const ms = ((metricsAfter.get(metric) ?? 0) - (metricsBefore.get(metric) ?? 0)) * 1000;
    return { name: `[renderer total] ${metric}`, ms: Math.round(ms * 10) / 10, share: Math.round((ms / total) * 1000) / 10 };
  });
  return [
    ...rendererTotals,
    ...[...selfMs]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, ms]) => ({ name, ms: Math.round(ms * 10) / 10, share: Math.round((ms / total) * 1000) / 10 })),
  ];
}

/** Chrome's cumulative main-thread durations (seconds): tasks, script, style, layout. */
async function rendererMetrics(cdp: CDPSession): Promise<Map<string, number>> {
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: Array<{ name: string; value: number }> };
  return new Map(metrics.map((metric) => [metric.name, metric.value]));
}

/** Writes (merging by figure) and prints the profile summaries. */
export function recordProfiles(profiles: Record<string, SelfTime[]>): void {
  let current: Record<string, unknown> = {};
  try {
    current = JSON.parse(readFileSync(profilesFile, 'utf8')) as Record<string, unknown>;
  } catch {
    // First run: no profiles yet.
  }
  mkdirSync(dirname(profilesFile), { recursive: true });
  writeFileSync(profilesFile, JSON.stringify({ ...current, ...profiles, measured_at: new Date().toISOString() }, null, 2) + '\n');
  for (const [figure, functions] of Object.entries(profiles)) {
    console.log(`${figure}: top self time\n${functions.map((entry) => `  ${entry.ms.toFixed(1).padStart(8)} ms ${entry.share.toFixed(1).padStart(5)} %  ${entry.name}`).join('\n')}`);
  }
}
