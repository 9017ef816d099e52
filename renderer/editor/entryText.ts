import { $isLinkNode } from '@lexical/link';
import { $getRoot, $isElementNode, type LexicalNode } from 'lexical';
import type * as Y from 'yjs';
import { isEntryId, type EntryId } from '../../shared/entry/entryId';
import { readBody } from './headlessBodyEditor';

/** Links between entries are Lexical links to `peerbook://entry/<entry id>`. */
export const ENTRY_LINK_PREFIX = 'peerbook://entry/';

export function entryLinkUrl(id: EntryId): string {
  return `${ENTRY_LINK_PREFIX}${id}`;
}

export function entryIdFromLinkUrl(url: string): EntryId | null {
  if (!url.startsWith(ENTRY_LINK_PREFIX)) return null;
  const id = url.slice(ENTRY_LINK_PREFIX.length);
  return isEntryId(id) ? id : null;
}

export interface BodyText {
  readonly body: string;
  readonly links: EntryId[];
}

/** The body's plain text (blocks on their own lines) and the entries it links to. */
export function $readBodyText(): BodyText {
  const links = new Set<EntryId>();
  const visit = (node: LexicalNode): void => {
    if ($isLinkNode(node)) {
      const target = entryIdFromLinkUrl(node.getURL());
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
