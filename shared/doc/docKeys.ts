/**
 * Every top-level key of Peerbook's Yjs documents, in one place. These names are part of the
 * document format (docs/FORMAT.md): peers and stock Yjs clients read and write them, so they
 * never change meaning; a new layout gets a new key and a migration.
 */
export const ENTRY_DOC_KEYS = {
  /** Y.Map: schemaVersion, kind, createdAt. */
  meta: 'meta',
  /** Y.Text: the entry's title, co-editable. */
  title: 'title',
  /** Y.Map<tag, addedAt>: a set of tags that merges concurrent adds. */
  tags: 'tags',
  /** Y.XmlText owned by Lexical's collaboration binding: the body. Domain code never writes it. */
  body: 'root',
  /**
   * Y.Map<contributor id, { name, color }>: every device that has edited the entry, written by
   * that device on its first edit (never before the entry has arrived) and when its name changes.
   */
  contributors: 'contributors',
  /**
   * Y.Map<room fingerprint, { at, by }>: links of this entry that its owner reset (the room's
   * SHA-256, base64url, so the room itself is not named): holders of such a link are told.
   */
  linkResets: 'linkResets',
} as const;

export const ENTRY_META_KEYS = {
  schemaVersion: 'schemaVersion',
  kind: 'kind',
  createdAt: 'createdAt',
  /** The entry's identity on every device (shared/entry/entryUid.ts), for links between entries. */
  uid: 'uid',
} as const;

export const LIBRARY_DOC_KEYS = {
  /** Y.Map: schemaVersion. */
  meta: 'meta',
  /** Y.Map<EntryId, Y.Map>: one row per entry, enough to draw the library without opening it. */
  entries: 'entries',
} as const;
