import * as Y from 'yjs';
import { DOC_ORIGINS } from '../../../shared/doc/docOrigins';

/**
 * Peers as tests see them: two Y.Docs that exchange their whole state, as y-webrtc's sync step
 * does. Updates from a peer are applied with the `remote` origin, as the app's sync layer does.
 */

/** A device that joins an entry: a fresh document that receives everything `from` has. */
export function joinPeer(from: Y.Doc): Y.Doc {
  const peer = new Y.Doc();
  Y.applyUpdate(peer, Y.encodeStateAsUpdate(from), DOC_ORIGINS.remote);
  return peer;
}

/** Two peers that were apart (offline, or editing at once) reconnect and exchange what they miss. */
export function exchangeUpdates(a: Y.Doc, b: Y.Doc): void {
  const fromA = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b));
  const fromB = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a));
  Y.applyUpdate(b, fromA, DOC_ORIGINS.remote);
  Y.applyUpdate(a, fromB, DOC_ORIGINS.remote);
}
