import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSignalingServer, type RunningSignalingServer } from '../../../services/signaling/signalingServer';
import { DEFAULT_SYNC_POLICY, type SyncPolicyLimits } from '../../../renderer/collab/syncPolicy';
import { buildDeviceScript, startDevice, type Device } from '../support/deviceHarness';
import { stopWorkers, type WorkerScript } from '../support/workerParent';

/**
 * Whole devices (a journal each, in its own process, with background sync over real WebRTC and
 * the project's signaling server on loopback) share a dozen checklists. Nobody has any of them
 * on screen: every change travels through background sync alone.
 */
let script: WorkerScript;
let server: RunningSignalingServer;

beforeAll(async () => {
  [script, server] = await Promise.all([buildDeviceScript(), startSignalingServer({ host: '127.0.0.1', port: 0 })]);
});
afterEach(async () => {
  await stopWorkers();
});
afterAll(async () => {
  await server.close();
  await script.remove();
});

/** Polls until `check` resolves true; fails after `ms` saying what it waited for. */
async function eventually(check: () => Promise<boolean>, what: string, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function titleIn(device: Device, room: string): Promise<string | undefined> {
  return (await device.sharedRows()).find((row) => row.room === room)?.title;
}

// Short pauses, so that rooms fall asleep within the test; the policy is the app's otherwise.
const LIMITS: Partial<SyncPolicyLimits> = { visitStepMs: 50, idleMs: 1500, visitDwellMs: 2000 };

describe('background sync between devices that show none of the entries', () => {
  it('a change to any shared entry, asleep on every device, reaches the others', async () => {
    const signaling = [server.url];
    const devices = await Promise.all(['Ana', 'Ben', 'Cleo'].map((name) => startDevice(name, script)));
    const [ana, ben, cleo] = devices as [Device, Device, Device];
    const links = await ana.createShared(12, signaling);
    await ben.join(links, signaling);
    await cleo.join(links, signaling);
    for (const device of devices) await device.startSync(LIMITS);

    // Routine visits bring every joined entry in: nobody opened any of them.
    for (const joiner of [ben, cleo]) {
      await eventually(async () => (await joiner.sharedRows()).every((row) => !row.awaitingPeer), `${joiner.name} has received all 12 entries`, 60_000);
    }
    // Then every room falls asleep.
    await eventually(async () => (await Promise.all(devices.map((device) => device.stats()))).every((stats) => stats.awake === 0), 'every room is asleep');

    const arrivals: number[] = [];
    for (const [index, author] of [[0, ana], [5, ben], [11, cleo]] as const) {
      const room = links[index]?.room ?? '';
      const title = `Renamed by ${author.name}`;
      const started = Date.now();
      await author.retitle(room, title);
      for (const other of devices.filter((device) => device !== author)) {
        await eventually(async () => (await titleIn(other, room)) === title, `${other.name} shows "${title}"`);
        arrivals.push(Date.now() - started);
      }
    }
    const stats = await Promise.all(devices.map((device) => device.stats()));
    console.log(
      `background sync: 3 devices × 12 shared entries, changes to sleeping rooms arrived in ${arrivals.map((ms) => `${ms} ms`).join(', ')}; ` +
        `at most ${Math.max(...stats.map((s) => s.peakAwake))} rooms and ${Math.max(...stats.map((s) => s.peakConnections))} connections at once per device`,
    );
    for (const device of stats) expect(device.peakAwake).toBeLessThanOrEqual(DEFAULT_SYNC_POLICY.maxAwake);
    for (const device of devices) expect(device.problems).toEqual([]);
  }, 120_000);
});
