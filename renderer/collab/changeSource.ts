import { DOC_ORIGINS } from '../../shared/doc/docOrigins';

/**
 * Where a change to an entry's document came from, told from its transaction: the one question
 * every observer asks (save, history, background sync, credits, derived rows), answered here only.
 *
 * - `load`: the entry replaying what this device already stored.
 * - `peer`: an update from another device by no other way: a peer of the entry's room, over
 *   WebRTC (y-webrtc applies it with its room as the origin), or the `remote` origin.
 * - `relay`: an update that arrived through the relay, decrypted (renderer/collab/relaySync.ts).
 * - `restore`: text brought back from a saved version or a backup.
 * - `import`: content read from a Markdown file.
 * - `local`: anything else made on this device (the editor, a tag rename, a template...).
 *
 * Yjs marks every applied update as not local, an editor's edits copied in from its replica
 * included, so the origin decides as well as `transaction.local` (an editor bound straight to the
 * entry writes with its binding as origin, in a local transaction).
 */
export type ChangeSource = 'load' | 'local' | 'peer' | 'relay' | 'restore' | 'import';

export interface ChangeTransaction {
  readonly origin: unknown;
  readonly local: boolean;
}

/** Origins of changes made on this device, whether or not Yjs counts them as local. */
const LOCAL_ORIGINS: ReadonlySet<unknown> = new Set(Object.values(DOC_ORIGINS).filter((origin) => origin !== DOC_ORIGINS.remote));

export function classifyChange(transaction: ChangeTransaction, isLoadOrigin: (origin: unknown) => boolean): ChangeSource {
  const { origin } = transaction;
  if (isLoadOrigin(origin)) return 'load';
  if (origin === DOC_ORIGINS.relay) return 'relay';
  if (origin === DOC_ORIGINS.restore) return 'restore';
  if (origin === DOC_ORIGINS.import) return 'import';
  if (transaction.local || LOCAL_ORIGINS.has(origin)) return 'local';
  return 'peer';
}

/** From another device: a peer directly, or through the relay. */
export function isFromElsewhere(source: ChangeSource): boolean {
  return source === 'peer' || source === 'relay';
}
