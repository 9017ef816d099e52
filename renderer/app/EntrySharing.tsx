import { useEffect, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import { formatInviteLink } from '../../shared/invite/inviteLink';
import { isReadOnlyShare, type EntryRow } from '../../shared/library/entryRow';
import { readAccessOf } from '../../shared/sync/readRoom';
import { formatRelativeTime } from '../../shared/time/relativeTime';
import type { Journal } from '../journal/journal';
import type { AppSettings } from './appSettings';
import { ShareDialog } from './ShareDialog';
import { entryRelays } from './useBackgroundSync';
import { inviteSignaling } from './usePlatformCommands';
import { describeError } from '../../shared/errors/describeError';

/** Time for the colleagues here to hear why this device leaves before it does. */
const LEAVING_GRACE_MS = 250;

/**
 * Colleagues who stopped sharing the entry while it is on screen: their presence says so as
 * they leave (awareness `leaving: 'stopped-sharing'`), and this view keeps saying it after.
 */
export function useStoppedSharing(awareness: Awareness): string[] {
  const [names, setNames] = useState<string[]>([]);
  useEffect(() => {
    const refresh = (): void => {
      const leaving: string[] = [];
      awareness.getStates().forEach((state, clientId) => {
        if (clientId === awareness.clientID || state.leaving !== 'stopped-sharing') return;
        leaving.push(typeof state.name === 'string' && state.name.trim() ? state.name.trim().slice(0, 60) : 'A colleague');
      });
      if (leaving.length > 0) setNames((current) => [...new Set([...current, ...leaving])]);
    };
    awareness.on('change', refresh);
    return () => awareness.off('change', refresh);
  }, [awareness]);
  return names;
}

interface SharingNoticesProps {
  readonly row: EntryRow;
  readonly stoppedSharing: readonly string[];
  readonly now: number;
}

/** What a person should know about how the entry is shared with them, in plain words. */
export function SharingNotices({ row, stoppedSharing, now }: SharingNoticesProps) {
  return (
    <>
      {row.shareEnded && (
        <p className="pb-share-note" role="note">
          {row.shareEnded.by || 'The owner'} reset this entry’s link {formatRelativeTime(row.shareEnded.at, now)}. You keep your copy; it gets no
          new changes. Ask for the new link to follow it again.
        </p>
      )}
      {stoppedSharing.map((name) => (
        <p key={name} className="pb-share-note" role="note">
          {name} stopped sharing this entry. You keep your copy.
        </p>
      ))}
    </>
  );
}

interface EntryShareDialogProps {
  readonly journal: Journal;
  readonly row: EntryRow;
  readonly title: string;
  readonly settings: AppSettings;
  readonly localNetworkSignaling: readonly string[];
  readonly awareness: Awareness;
  readonly onConfirmName: (name: string) => void;
  readonly onKeepCopy: () => void;
  readonly onError: (message: string) => void;
  readonly onClose: () => void;
}

/** The Share dialog of an entry, wired to the journal: sharing by consent, links, reset, stop. */
export function EntryShareDialog({ journal, row, title, settings, localNetworkSignaling, awareness, onConfirmName, onKeepCopy, onError, onClose }: EntryShareDialogProps) {
  const { id, share } = row;
  const fail = (what: string) => (cause: unknown) => onError(`${what}: ${describeError(cause)}`);
  const link = (write: boolean): string | null =>
    share
      ? formatInviteLink({
          // The read-only link names the read room and key, from which the entry's own cannot be worked out.
          ...(write ? { room: share.room, key: share.key } : readAccessOf(share)),
          signaling: inviteSignaling(localNetworkSignaling, share.signaling),
          relays: entryRelays(share, settings),
          ...(share.verify ? { verify: share.verify, ...(write && share.write ? { write: share.write } : {}) } : {}),
          title: title || null,
        })
      : null;
  const invite = link(true);
  return (
    <ShareDialog
      links={invite ? { invite, readOnly: share?.verify ? link(false) : null } : null}
      nameToConfirm={settings.nameChosen ? null : settings.name}
      canKeepCopy={!row.awaitingPeer && (row.kind === 'checklist' || isReadOnlyShare(row.share))}
      onStartSharing={(name) => {
        if (name) onConfirmName(name);
        journal.shareEntry(id, settings.signaling, settings.relays).catch(fail('Could not share the entry'));
      }}
      onResetLink={() => {
        if (!share) return;
        journal.resetLink(id, settings.signaling, entryRelays(share, settings), settings.name).catch(fail('Could not reset the link'));
      }}
      onStopSharing={() => {
        // The colleagues here now see why this device leaves; then it leaves the room.
        const state = awareness.getLocalState();
        if (state) awareness.setLocalState({ ...state, leaving: 'stopped-sharing' });
        setTimeout(() => journal.stopSharing(id), LEAVING_GRACE_MS);
        onClose();
      }}
      onKeepCopy={onKeepCopy}
      onClose={onClose}
    />
  );
}
