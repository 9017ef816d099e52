import { $isLinkNode } from '@lexical/link';
import { $getRoot, $isElementNode, type LexicalNode } from 'lexical';
import type * as Y from 'yjs';
import { isEntryId } from '../../shared/entry/entryId';
import { isEntryUid, type EntryLinkTarget } from '../../shared/entry/entryUid';
import { readBody } from './headlessBodyEditor';

/**
 * Links between entries are Lexical links to `peerbook://entry/<target>`: the linked entry's
 * identity (`u-…`, the same on every device) or, in links made before entries had one, its id on
 * the device that made the link.
 */
export const ENTRY_LINK_PREFIX = 'peerbook://entry/';

export function entryLinkUrl(target: EntryLinkTarget): string {
  return `${ENTRY_LINK_PREFIX}${target}`;
}

export function entryLinkTargetFromUrl(url: string): EntryLinkTarget | null {
  if (!url.startsWith(ENTRY_LINK_PREFIX)) return null;
  const target = url.slice(ENTRY_LINK_PREFIX.length);
  return isEntryUid(target) || isEntryId(target) ? target : null;
}

export interface BodyText {
  readonly body: string;
  readonly links: EntryLinkTarget[];
}

/** The body's plain text (blocks on their own lines) and the entries it links to. */
export function $readBodyText(): BodyText {
  const links = new Set<EntryLinkTarget>();
  const visit = (node: LexicalNode): void => {
    if ($isLinkNode(node)) {
      const target = entryLinkTargetFromUrl(node.getURL());
      if (target) links.add(target);
    }
    if ($isElementNode(node)) for (const child of node.getChildren()) visit(child);
  };
  const root = $getRoot();
  visit(root);
  return { body: root.getTextContent(), links: [...links] };
}

/** The same, for an entry that is not open in an editor. */
export function readBodyText(doc: Y.Doc): BodyText {
  return readBody(doc, $readBodyText);
}
