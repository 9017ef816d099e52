import { useEffect, useMemo, useRef, useState } from 'react';
import type { EntryId } from '../../shared/entry/entryId';
import { MAX_RELAYS } from '../../shared/invite/inviteLink';
import type { EntryRow, EntryShare } from '../../shared/library/entryRow';
import { BackgroundSync, type SharedRoom } from '../collab/backgroundSync';
import type { Journal } from '../journal/journal';
import { toRtcIceServers, type AppSettings } from './appSettings';

/** "Last met" in a row moves at most this often: the library shows minutes. */
const MET_GRANULARITY_MS = 60_000;

/** Every signaling server an entry is reached through: its link's, this device's, the local network. */
export function entrySignaling(row: EntryRow, settings: AppSettings, localNetwork: readonly string[]): string[] {
  return [...new Set([...(row.share?.signaling ?? []), ...settings.signaling, ...localNetwork])];
}

/** Every relay an entry's changes go through: its link's and this device's (Settings). */
export function entryRelays(share: EntryShare | null, settings: AppSettings): string[] {
  return [...new Set([...(share?.relays ?? []), ...settings.relays])].slice(0, MAX_RELAYS);
}

/**
 * Runs background sync for the journal while the app is open: every shared entry that is not in
 * the trash is kept in step with its peers (renderer/collab/backgroundSync.ts), and the library
 * row records when each last met a peer.
 */
export function useBackgroundSync(journal: Journal, rows: readonly EntryRow[], settings: AppSettings, localNetwork: readonly string[]): BackgroundSync | null {
  const iceServers = useRef(settings.iceServers);
  iceServers.current = settings.iceServers;
  const [sync, setSync] = useState<BackgroundSync | null>(null);
  useEffect(() => {
    const lastWritten = new Map<EntryId, number>();
    const created = new BackgroundSync({
      entries: journal.entries,
      iceServers: () => toRtcIceServers(iceServers.current),
      onMet: (id, at) => {
        const row = journal.row(id);
        if (!row || at - (lastWritten.get(id) ?? row.lastMetAt ?? 0) < MET_GRANULARITY_MS) return;
        lastWritten.set(id, at);
        journal.updateRow(id, { lastMetAt: at });
      },
    });
    setSync(created);
    return () => created.destroy();
  }, [journal]);

  const rooms = useMemo(
    (): SharedRoom[] =>
      rows
        .filter((row) => row.share !== null && row.trashedAt === null)
        .map((row) => ({
          id: row.id,
          room: row.share?.room ?? '',
          key: row.share?.key ?? '',
          signaling: entrySignaling(row, settings, localNetwork),
          relays: entryRelays(row.share, settings),
        })),
    [rows, settings, localNetwork],
  );
  useEffect(() => sync?.setRooms(rooms), [sync, rooms]);
  return sync;
}
