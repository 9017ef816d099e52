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
 * Where a sampled function's code comes from, read from the bench build's source map (the build
 * itself is minified, as people run it): its name and its file in the source, or null when the
 * map does not say.
 */
const sourceMaps = new Map<string, TraceMap | null>();

function sourceOf(frame: ProfileNode['callFrame'], mapsDir: string | undefined): { name: string; source: string; line: number } | null {
  const file = frame.url.split('/').pop() ?? '';
  if (!mapsDir || !file.endsWith('.js') || frame.lineNumber < 0 || frame.columnNumber < 0) return null;
  const key = join(mapsDir, `${file}.map`);
  if (!sourceMaps.has(key)) {
    try {
      sourceMaps.set(key, new TraceMap(readFileSync(key, 'utf8')));
    } catch {
      sourceMaps.set(key, null);
    }
  }
  const map = sourceMaps.get(key);
  if (!map) return null;
  const position = originalPositionFor(map, { line: frame.lineNumber + 1, column: frame.columnNumber });
  if (!position.source) return null;
  return { name: position.name ?? (frame.functionName || '(anonymous)'), source: position.source.replace(/^(\.\.\/)+/, ''), line: position.line ?? 0 };
}

/** V8's own entries in a profile, kept under their names; every other frame without a script is the browser's. */
const V8_ENTRIES = new Set(['(program)', '(garbage collector)', '(root)']);

/**
 * The origin of a sampled frame: the npm package its code is from, the project folder
 * (renderer/editor, bench/floor), V8's own entries, or the browser's built-ins (DOM and
 * platform functions called from script). "(program)" is the renderer's own work outside
 * script: style, layout, paint, and the event loop.
 */
function originOf(frame: ProfileNode['callFrame'], source: string | undefined): string {
  if (!frame.url) return V8_ENTRIES.has(frame.functionName) ? frame.functionName : '(browser built-ins)';
  if (!source) return frame.url.split('/').pop() || frame.url;
  const inPackage = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source);
  if (inPackage) return inPackage[1] as string;
  return source.split('/').slice(0, 2).join('/');
}

interface ProfileOptions {
  /** How many of the largest entries to keep. */
  readonly top?: number;
  /** The folder of the page's scripts and their source maps. */
  readonly mapsDir?: string;
  /** Group self time by origin (package or folder) instead of by function. */
  readonly byOrigin?: boolean;
  /** Divide every time by this count (e.g. keystrokes), so the summary is per event. */
  readonly per?: number;
}

/** One page's CPU profile, started: `stop` ends it and summarizes it. */
export async function startCpuProfile(cdp: CDPSession, { top = 15, mapsDir, byOrigin = false, per = 1 }: ProfileOptions = {}): Promise<{ stop: () => Promise<SelfTime[]> }> {
  // The renderer's own totals beside the samples: the profiler counts layout, style and paint
  // as "(program)", and these say which.
  await cdp.send('Performance.enable');
  const metricsBefore = await rendererMetrics(cdp);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  return {
    stop: async () => {
      const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
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
        const source = sourceOf(node.callFrame, mapsDir);
        const file = url.split('/').pop() ?? '';
        const name = byOrigin
          ? originOf(node.callFrame, source?.source)
          : source
            ? `${source.name} (${source.source}:${source.line})`
            : file
              ? `${functionName || '(anonymous)'} (${file}:${lineNumber + 1})`
              : functionName || '(program)';
        selfMs.set(name, (selfMs.get(name) ?? 0) + ms);
        total += ms;
      });
      const entry = (name: string, ms: number): SelfTime => ({
        name,
        ms: Math.round((ms / per) * 100) / 100,
        share: Math.round((ms / total) * 1000) / 10,
      });
      const rendererTotals = (['TaskDuration', 'ScriptDuration', 'RecalcStyleDuration', 'LayoutDuration'] as const).map((metric) =>
        entry(`[renderer total] ${metric}`, ((metricsAfter.get(metric) ?? 0) - (metricsBefore.get(metric) ?? 0)) * 1000),
      );
      return [
        ...rendererTotals,
        entry('[sampled total]', total),
        ...[...selfMs]
          .sort((a, b) => b[1] - a[1])
          .slice(0, top)
          .map(([name, ms]) => entry(name, ms)),
      ];
    },
  };
}

/**
 * Runs `work` under Chrome's CPU profiler (CDP `Profiler.start`/`stop`, sampling every 100 µs)
 * and returns the functions with the most self time: the summary the DevTools Performance panel
 * shows as "Bottom-up", named by function and source line through the build's source maps.
 */
export async function profileCpu(cdp: CDPSession, work: () => Promise<void>, options: ProfileOptions = {}): Promise<SelfTime[]> {
  const profile = await startCpuProfile(cdp, options);
  try {
    await work();
  } catch (error) {
    // A failed measurement leaves no profiler running.
    await profile.stop();
    throw error;
  }
  return profile.stop();
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
    console.log(`${figure}: top self time\n${functions.map((entry) => `  ${entry.ms.toFixed(2).padStart(8)} ms ${entry.share.toFixed(1).padStart(5)} %  ${entry.name}`).join('\n')}`);
  }
}
