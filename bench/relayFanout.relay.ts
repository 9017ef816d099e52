import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { WebSocket as NodeWebSocket } from 'ws';
import * as Y from 'yjs';
import { RELAY_ORIGIN, RelaySync } from '../renderer/collab/relaySync';
import { addEntryTag, entryTagsMap, initEntryDoc } from '../shared/entry/entryDoc';
import { createShareSecrets } from '../shared/invite/inviteLink';
import { within } from '../tests/integration/relay/support/relayColleague';
import { buildRelayScript, startRelayProcess, type RelayProcess, type RelayScript } from '../tests/integration/relay/support/relayProcess';
import { percentile, recordFigures } from './support/benchResults';

/**
 * One relay, many colleagues (loopback only, bounded in count and time): CLIENTS clients in
 * teams of TEAM_SIZE, each team sharing ENTRIES_PER_CLIENT entries, so every entry has
 * TEAM_SIZE members and every client ENTRIES_PER_CLIENT entries. Each client has its own
 * WebSocket (a device) and makes one change a second, in turn in each of its entries, for
 * DURATION_S seconds: a tag whose value is the time it was added, so that each other member
 * measures the time from the change (sent at once: batchMs 0) to its arrival. At the end every
 * member of every entry must hold every change. Then a returning colleague catches up 100 entries
 * changed while it was away.
 *
 * RELAY_BENCH_CLIENTS, RELAY_BENCH_SECONDS and RELAY_BENCH_RUNS make it smaller or repeat it
 * (figures are then the median, with _min and _max).
 */
const CLIENTS = Number(process.env.RELAY_BENCH_CLIENTS ?? 200);
const DURATION_S = Number(process.env.RELAY_BENCH_SECONDS ?? 60);
const RUNS = Number(process.env.RELAY_BENCH_RUNS ?? 1);
const TEAM_SIZE = 10;
const ENTRIES_PER_CLIENT = 10;
const CATCH_UP_ENTRIES = 100;
const WebSocketBase = NodeWebSocket as unknown as typeof WebSocket;

let script: RelayScript;

const nowMs = (): number => performance.timeOrigin + performance.now();

/** Resident memory of a process, from /proc (Linux). */
function residentMegabytes(pid: number): number {
  const line = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return line ? Number(line[1]) / 1024 : Number.NaN;
}

interface Membership {
  readonly doc: Y.Doc;
  readonly sync: RelaySync;
}

/** A device: its own socket to the relay (a WebSocket class of its own, so it is not shared), its entries. */
function startClient(url: string, keys: readonly string[]): Membership[] {
  class DeviceSocket extends WebSocketBase {}
  return keys.map((key) => {
    const doc = new Y.Doc();
    return { doc, sync: new RelaySync(doc, { url, key, WebSocket: DeviceSocket, batchMs: 0 }) };
  });
}

interface FanoutResult {
  readonly appendsPerSecond: number;
  readonly p50: number;
  readonly p95: number;
  readonly deliveries: number;
  readonly relayPeakMb: number;
  readonly catchUpMs: number;
}

async function runOnce(relay: RelayProcess, pid: number): Promise<FanoutResult> {
  const teams = Math.ceil(CLIENTS / TEAM_SIZE);
  const teamKeys = Array.from({ length: teams }, () =>
    Array.from({ length: ENTRIES_PER_CLIENT }, () => createShareSecrets((length) => randomBytes(length)).key),
  );
  const clients = Array.from({ length: CLIENTS }, (_, index) => startClient(relay.url, teamKeys[Math.floor(index / TEAM_SIZE)] as string[]));
  const all = clients.flat();
  try {
    await within(Promise.all(all.map((member) => member.sync.whenInStep())), `${all.length} entry syncs are in step`, 120_000);

    const latencies: number[] = [];
    for (const member of all) {
      entryTagsMap(member.doc).observe((event, transaction) => {
        if (transaction.origin !== RELAY_ORIGIN) return;
        const arrived = nowMs();
        for (const key of event.keysChanged) {
          const sentAt = entryTagsMap(member.doc).get(key);
          if (typeof sentAt === 'number') latencies.push(arrived - sentAt);
        }
      });
    }

    let peakMb = residentMegabytes(pid);
    const memory = setInterval(() => {
      peakMb = Math.max(peakMb, residentMegabytes(pid));
    }, 1000);
    const started = nowMs();
    let changes = 0;
    await Promise.all(
      clients.map(
        (memberships, client) =>
          new Promise<void>((resolve) => {
            let tick = 0;
            // Staggered over the first second, then one change a second.
            setTimeout(() => {
              const change = (): void => {
                if (tick >= DURATION_S) {
                  clearInterval(timer);
                  resolve();
                  return;
                }
                const member = memberships[tick % memberships.length] as Membership;
                addEntryTag(member.doc, `c${client}-${tick}`, nowMs());
                changes += 1;
                tick += 1;
              };
              const timer = setInterval(change, 1000);
              change();
            }, Math.random() * 1000);
          }),
      ),
    );
    const seconds = (nowMs() - started) / 1000;
    await within(Promise.all(all.map((member) => member.sync.flush())), 'every change reached the relay', 120_000);

    // Nothing lost: every member of an entry holds every change made in it.
    const expected = (doc: Y.Doc): number => entryTagsMap(doc).size;
    const byEntry = new Map<string, Membership[]>();
    for (const member of all) {
      const key = member.sync.options.key;
      byEntry.set(key, [...(byEntry.get(key) ?? []), member]);
    }
    await within(
      (async () => {
        for (;;) {
          const complete = [...byEntry.values()].every((members) => {
            const sizes = members.map((member) => expected(member.doc));
            return sizes.every((size) => size === sizes[0]);
          });
          const total = [...byEntry.values()].reduce((sum, members) => sum + expected((members[0] as Membership).doc), 0);
          if (complete && total === changes) return;
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      })(),
      `every member of every entry holds all ${changes} changes`,
      120_000,
    );
    clearInterval(memory);
    const catchUpMs = await catchUp(relay);
    return {
      appendsPerSecond: Math.round((changes / seconds) * 10) / 10,
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      deliveries: latencies.length,
      relayPeakMb: Math.round(peakMb),
      catchUpMs,
    };
  } finally {
    for (const member of all) {
      member.sync.destroy();
      member.doc.destroy();
    }
  }
}

/** A colleague returns to 100 entries that a teammate changed while it was away: until all are in step. */
async function catchUp(relay: RelayProcess): Promise<number> {
  const keys = Array.from({ length: CATCH_UP_ENTRIES }, () => createShareSecrets((length) => randomBytes(length)).key);
  const returning = keys.map(() => new Y.Doc());
  const teammate = keys.map(() => new Y.Doc());
  const session = (docs: Y.Doc[]): Membership[] => {
    class DeviceSocket extends WebSocketBase {}
    return docs.map((doc, index) => ({ doc, sync: new RelaySync(doc, { url: relay.url, key: keys[index] as string, WebSocket: DeviceSocket }) }));
  };
  const close = async (members: Membership[]): Promise<void> => {
    await within(Promise.all(members.map((member) => member.sync.flush())), 'a session reached the relay', 60_000);
    for (const member of members) member.sync.destroy();
  };
  // Both had the entries; then the returning one went away, and the teammate wrote in each.
  returning.forEach((doc, index) => initEntryDoc(doc, { kind: 'lesson', createdAt: 0, title: `Entry ${index}` }));
  await close(session(returning));
  const teammateSession = session(teammate);
  await within(Promise.all(teammateSession.map((member) => member.sync.whenInStep())), 'the teammate is in step', 60_000);
  teammate.forEach((doc, index) => {
    for (let change = 0; change < 20; change += 1) addEntryTag(doc, `while-away-${index}-${change}`, change);
  });
  await close(teammateSession);

  const started = nowMs();
  const back = session(returning);
  await within(Promise.all(back.map((member) => member.sync.whenInStep())), 'the returning colleague is in step with 100 entries', 60_000);
  const elapsed = nowMs() - started;
  const caughtUp = returning.every((doc, index) => entryTagsMap(doc).has(`while-away-${index}-19`));
  for (const member of back) member.sync.destroy();
  expect(caughtUp).toBe(true);
  return Math.round(elapsed);
}

function median(values: readonly number[]): number {
  return percentile(values, 50);
}

beforeAll(async () => {
  script = await buildRelayScript();
});
afterAll(async () => {
  await script?.remove();
});

it(`relay fan-out: ${CLIENTS} clients x ${ENTRIES_PER_CLIENT} entries, a change per client per second for ${DURATION_S} s`, async () => {
  const results: FanoutResult[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const dataDir = await mkdtemp(join(tmpdir(), 'peerbook-relay-bench-'));
    const relay = await startRelayProcess(script, { dataDir });
    try {
      const result = await runOnce(relay, relay.pid);
      console.log(`relay fan-out run ${run + 1}/${RUNS}: ${JSON.stringify(result)}`);
      results.push(result);
    } finally {
      await relay.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  }
  const figure = (pick: (result: FanoutResult) => number): number[] => results.map(pick);
  const figures: Record<string, number> = {
    relay_fanout_p95_ms: median(figure((result) => result.p95)),
    relay_fanout_p50_ms: median(figure((result) => result.p50)),
    relay_appends_per_s: median(figure((result) => result.appendsPerSecond)),
    relay_peak_rss_mb: median(figure((result) => result.relayPeakMb)),
    relay_catch_up_100_entries_ms: median(figure((result) => result.catchUpMs)),
  };
  if (RUNS > 1) {
    for (const [name, pick] of [
      ['relay_fanout_p95_ms', (result: FanoutResult) => result.p95],
      ['relay_catch_up_100_entries_ms', (result: FanoutResult) => result.catchUpMs],
    ] as const) {
      figures[`${name}_min`] = Math.min(...figure(pick));
      figures[`${name}_max`] = Math.max(...figure(pick));
    }
  }
  recordFigures(figures);
  expect(results.every((result) => result.deliveries > 0)).toBe(true);
});
