/**
 * The parent side of the background-sync tests and benchmarks: whole devices (deviceProcess.ts),
 * each in its own process, driven with typed calls.
 */
import type { SyncPolicyLimits } from '../../../renderer/collab/syncPolicy';
import type { DeviceStats, SharedLink, SharedRowSeen } from './deviceProcess';
import { buildWorkerScript, forkWorker, type WorkerScript } from './workerParent';

export interface Device {
  readonly name: string;
  /** The device's process. */
  readonly pid: number;
  /** Creates `count` checklists here and shares them; returns their links. */
  createShared(count: number, signaling: readonly string[]): Promise<SharedLink[]>;
  join(links: readonly SharedLink[], signaling: readonly string[]): Promise<void>;
  startSync(limits?: Partial<SyncPolicyLimits>): Promise<void>;
  retitle(room: string, title: string): Promise<void>;
  sharedRows(): Promise<SharedRowSeen[]>;
  stats(): Promise<DeviceStats>;
  readonly problems: readonly string[];
  /** The worker's last lines of output. */
  readonly output: readonly string[];
}

export function buildDeviceScript(): Promise<WorkerScript> {
  return buildWorkerScript('tests/integration/support/deviceProcess.ts');
}

export async function startDevice(name: string, script: WorkerScript): Promise<Device> {
  const worker = await forkWorker(`device ${name}`, script);
  return {
    name,
    pid: worker.pid,
    problems: worker.problems,
    output: worker.output,
    createShared: async (count, signaling) => (await worker.call({ type: 'createShared', count, signaling }, 120_000)) as SharedLink[],
    join: async (links, signaling) => {
      await worker.call({ type: 'join', links, signaling }, 60_000);
    },
    startSync: async (limits = {}) => {
      await worker.call({ type: 'startSync', limits });
    },
    retitle: async (room, title) => {
      await worker.call({ type: 'retitle', room, title });
    },
    sharedRows: async () => (await worker.call({ type: 'sharedRows' })) as SharedRowSeen[],
    stats: async () => (await worker.call({ type: 'stats' })) as DeviceStats,
  };
}
