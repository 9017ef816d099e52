/**
 * One device of the background-sync tests and benchmarks, in its own Node process: a whole
 * journal (the app's Journal over fake-indexeddb) with background sync running on @roamhq/wrtc
 * and ws, as the app runs in a browser. The parent (deviceHarness.ts) drives it over IPC.
 */
import 'fake-indexeddb/auto';
import * as wrtc from '@roamhq/wrtc';
import { WebSocket } from 'ws';
import { BackgroundSync } from '../../../renderer/collab/backgroundSync';
import type { SyncPolicyLimits } from '../../../renderer/collab/syncPolicy';
import { Journal } from '../../../renderer/journal/journal';
import { setEntryTitle } from '../../../shared/entry/entryDoc';
import { isRecord, serveCommands } from './workerChild';

export interface SharedLink {
  readonly room: string;
  readonly key: string;
  readonly title: string;
}

export interface SharedRowSeen {
  readonly room: string;
  readonly title: string;
  readonly awaitingPeer: boolean;
}

export interface DeviceStats {
  /** Shared entries connected to their peers now, and the most at once so far. */
  readonly awake: number;
  readonly peakAwake: number;
  /** Open WebRTC data channels across every awake entry. */
  readonly connections: number;
  readonly peakConnections: number;
  readonly heapMb: number;
}

export type DeviceCommand =
  | { readonly type: 'createShared'; readonly count: number; readonly signaling: readonly string[] }
  | { readonly type: 'join'; readonly links: readonly SharedLink[]; readonly signaling: readonly string[] }
  | { readonly type: 'startSync'; readonly limits: Partial<SyncPolicyLimits> }
  | { readonly type: 'retitle'; readonly room: string; readonly title: string }
  | { readonly type: 'sharedRows' }
  | { readonly type: 'stats' }
  | { readonly type: 'exit' };

let journal: Journal | null = null;
let sync: BackgroundSync | null = null;
let peakConnections = 0;

async function theJournal(): Promise<Journal> {
  journal ??= await Journal.open();
  return journal;
}

function sharedRooms(open: Journal) {
  return open
    .rows()
    .filter((row) => row.share && row.trashedAt === null)
    .map((row) => ({ id: row.id, room: row.share?.room ?? '', key: row.share?.key ?? '', signaling: row.share?.signaling ?? [] }));
}

function connections(): number {
  if (!journal || !sync) return 0;
  let open = 0;
  for (const id of sync.awakeIds()) open += journal.entries.peek(id)?.peerStatus?.peers ?? 0;
  return open;
}

async function run(command: DeviceCommand): Promise<unknown> {
  const open = await theJournal();
  switch (command.type) {
    case 'createShared': {
      const links: SharedLink[] = [];
      for (let index = 0; index < command.count; index++) {
        const id = await open.createEntry('checklist', { title: `Shared entry ${index + 1}` });
        const share = await open.shareEntry(id, command.signaling);
        links.push({ room: share.room, key: share.key, title: `Shared entry ${index + 1}` });
      }
      await open.flush();
      return links;
    }
    case 'join':
      for (const link of command.links) open.joinEntry({ room: link.room, key: link.key, signaling: [...command.signaling], title: link.title });
      await open.flush();
      return null;
    case 'startSync': {
      sync?.destroy();
      sync = new BackgroundSync({
        entries: open.entries,
        iceServers: () => [],
        limits: command.limits,
        webSocket: WebSocket as unknown as new (url: string) => globalThis.WebSocket,
        webrtc: wrtc as never,
      });
      const started = sync;
      started.setRooms(sharedRooms(open));
      open.onRowsChange(() => started.setRooms(sharedRooms(open)));
      setInterval(() => (peakConnections = Math.max(peakConnections, connections())), 100).unref();
      return null;
    }
    case 'retitle': {
      const row = open.rows().find((candidate) => candidate.share?.room === command.room);
      if (!row) throw new Error(`no entry in room ${command.room}`);
      await open.entries.use(row.id, ({ doc }) => setEntryTitle(doc, command.title));
      return null;
    }
    case 'sharedRows':
      return open
        .rows()
        .filter((row) => row.share)
        .map((row): SharedRowSeen => ({ room: row.share?.room ?? '', title: row.title, awaitingPeer: row.awaitingPeer }));
    case 'stats':
      return {
        awake: sync?.awakeIds().length ?? 0,
        peakAwake: sync?.peakAwake ?? 0,
        connections: connections(),
        peakConnections,
        heapMb: process.memoryUsage().heapUsed / 1_000_000,
      } satisfies DeviceStats;
    case 'exit':
      sync?.destroy();
      setTimeout(() => process.exit(0), 10);
      return null;
  }
}

function parseCommand(value: unknown): DeviceCommand {
  if (!isRecord(value) || typeof value.type !== 'string') throw new Error('a command must be an object with a type');
  // The parent is the test itself: the shape is trusted once its type is known.
  if (!['createShared', 'join', 'startSync', 'retitle', 'sharedRows', 'stats', 'exit'].includes(value.type)) {
    throw new Error(`unknown command ${value.type}`);
  }
  return value as unknown as DeviceCommand;
}

serveCommands((message) => run(parseCommand(message)));
