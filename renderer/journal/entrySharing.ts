import type { EntryId } from '../../shared/entry/entryId';
import { createShareSecrets, type InviteLink } from '../../shared/invite/inviteLink';
import type { EntryRow, EntryShare } from '../../shared/library/entryRow';
import { deriveReadKey, deriveReadRoom } from '../../shared/sync/readRoom';
import { createWriteKeys } from '../collab/writeKeys';
import { randomBytes } from './entryCreation';

/**
 * What sharing and joining make of an entry's library row (journal.ts runs them): a new share's
 * secrets and keys, the row of an entry joined by its link, and a reader's share once it is sent
 * the link that may edit.
 */

/** A new share: random room and key, a write key pair, the servers to name in its links. */
export async function newShare(signaling: readonly string[], relays: readonly string[]): Promise<EntryShare> {
  const keys = await createWriteKeys();
  return {
    ...createShareSecrets(randomBytes),
    signaling: [...signaling],
    ...(relays.length > 0 ? { relays: [...relays] } : {}),
    verify: keys.verify,
    write: keys.write,
  };
}

/** The row of an entry joined by `link`: empty until a peer sends it, its kind and title provisional. */
export function joinedEntryRow(id: EntryId, link: InviteLink, now: number): EntryRow {
  return {
    id,
    kind: 'lesson',
    title: link.title ?? '',
    tags: [],
    createdAt: now,
    updatedAt: now,
    progress: null,
    trashedAt: null,
    share: {
      room: link.room,
      key: link.key,
      signaling: [...link.signaling],
      ...(link.relays?.length ? { relays: [...link.relays] } : {}),
      ...(link.verify ? { verify: link.verify, ...(link.write ? { write: link.write } : {}) } : {}),
    },
    awaitingPeer: true,
  };
}

/**
 * A reader who is later sent the link that may edit becomes an editor (the link's edit key is the
 * one this reader's read key comes from): the share it then holds, or null when `link` is not that.
 */
export function editorShare(share: EntryShare | null, link: InviteLink): EntryShare | null {
  if (!share || !link.write || link.verify !== share.verify || share.write) return null;
  if (share.room !== deriveReadRoom(link.room) || share.key !== deriveReadKey(link.key)) return null;
  return { ...share, room: link.room, key: link.key, write: link.write };
}
