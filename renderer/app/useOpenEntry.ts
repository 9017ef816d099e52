import { useEffect, useState } from 'react';
import type { EntryId } from '../../shared/entry/entryId';
import type { OpenEntry, ReadOnlyReason } from '../collab/openEntry';
import type { Journal } from '../journal/journal';
import { describeError } from '../../shared/errors/describeError';

export type OpenEntryState =
  | { readonly status: 'loading'; readonly entry: OpenEntry | null }
  | { readonly status: 'loaded'; readonly entry: OpenEntry }
  | { readonly status: 'failed'; readonly entry: OpenEntry | null; readonly error: string };

/**
 * Holds an entry open while the component is mounted: taken in an effect and let go in its
 * cleanup (so React's StrictMode, which mounts twice, takes and lets go in pairs), shared with
 * whatever else holds the same entry.
 */
export function useOpenEntry(journal: Journal, id: EntryId): OpenEntryState {
  const [state, setState] = useState<OpenEntryState>({ status: 'loading', entry: null });
  useEffect(() => {
    const lease = journal.acquireEntry(id);
    let live = true;
    setState({ status: 'loading', entry: lease.entry });
    lease.entry.whenLoaded.then(
      () => live && setState({ status: 'loaded', entry: lease.entry }),
      (cause: unknown) => live && setState({ status: 'failed', entry: lease.entry, error: describeError(cause) }),
    );
    return () => {
      live = false;
      lease.release();
    };
  }, [journal, id]);
  return state;
}

/** Why the open entry cannot be edited here (null while it can), redrawn when that changes. */
export function useReadOnlyReason(entry: OpenEntry): ReadOnlyReason | null {
  const [reason, setReason] = useState<ReadOnlyReason | null>(entry.readOnly);
  useEffect(() => {
    setReason(entry.readOnly);
    return entry.onReadOnly(setReason);
  }, [entry]);
  return reason;
}

/** What the entry view says about a read-only entry. */
export function describeReadOnly(reason: ReadOnlyReason): string {
  if (reason.kind === 'read-only-link') {
    return 'You joined with a read-only link: you see this entry and every change to it, and cannot change it. Keep my own copy (under Share) makes a copy you can edit.';
  }
  return (
    `This entry says it was written by a newer Peerbook (format ${reason.format}), so it is read-only here: ` +
    'you can read it, share it, export it and look at its history, but not edit it until Peerbook is updated.'
  );
}
