import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { entryTagsMap, entryTitleText, getEntryTags, getEntryTitle } from '../../shared/entry/entryDoc';

/** The title and tags of an open entry, redrawn on every change (local or from a peer). */
export function useEntryTitleAndTags(doc: Y.Doc): { title: string; tags: string[] } {
  const [state, setState] = useState(() => ({ title: getEntryTitle(doc), tags: getEntryTags(doc) }));
  useEffect(() => {
    const refresh = (): void => setState({ title: getEntryTitle(doc), tags: getEntryTags(doc) });
    const titleText = entryTitleText(doc);
    const tags = entryTagsMap(doc);
    titleText.observe(refresh);
    tags.observe(refresh);
    refresh();
    return () => {
      titleText.unobserve(refresh);
      tags.unobserve(refresh);
    };
  }, [doc]);
  return state;
}
