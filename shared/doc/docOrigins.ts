/**
 * Named transaction origins. Every write goes through `doc.transact(fn, origin)` with one of
 * these, so observers can tell a local edit from a template, a migration or a peer's update.
 */
export const DOC_ORIGINS = {
  localEdit: 'peerbook:local-edit',
  /** The body, typed in the editor (renderer/editor/BodyCollaborationPlugin.tsx). */
  editor: 'peerbook:editor',
  template: 'peerbook:template',
  migration: 'peerbook:migration',
  import: 'peerbook:import',
  remote: 'peerbook:remote',
  /** Changes that arrived through the relay, decrypted (renderer/collab/relaySync.ts). */
  relay: 'peerbook:relay',
  /** A device recording itself in an entry's contributors (shared/entry/contributors.ts). */
  contributor: 'peerbook:contributor',
  /** Text brought back from a saved version or a backup, written again as new items. */
  restore: 'peerbook:restore',
} as const;

export type DocOrigin = (typeof DOC_ORIGINS)[keyof typeof DOC_ORIGINS];
