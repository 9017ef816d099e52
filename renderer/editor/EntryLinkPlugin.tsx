import { $createLinkNode, $isLinkNode } from '@lexical/link';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { LexicalTypeaheadMenuPlugin, MenuOption, type MenuTextMatch } from '@lexical/react/LexicalTypeaheadMenuPlugin';
import { $findMatchingParent } from '@lexical/utils';
import { $createTextNode, $getNearestNodeFromDOMNode, type LexicalNode, type TextNode } from 'lexical';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { EntryId } from '../../shared/entry/entryId';
import type { EntryLinkTarget, EntryUid } from '../../shared/entry/entryUid';
import { entryLinkTargetFromUrl, entryLinkUrl } from './entryText';
import { renderTypeaheadMenu } from './typeaheadMenu';

/** An entry offered as a link target. */
export interface LinkTarget {
  readonly id: EntryId;
  /** Its identity on every device, when known: links name it, so they open on colleagues' devices too. */
  readonly uid?: EntryUid;
  readonly title: string;
  readonly kind: string;
}

class LinkTargetOption extends MenuOption {
  constructor(readonly target: LinkTarget) {
    super(target.id);
  }
}

const MAX_OPTIONS = 8;

/** `[[` followed by up to 60 characters that are not `]` or a line break, at the caret. */
function matchDoubleBracket(text: string): MenuTextMatch | null {
  const match = /(^|[\s(])(\[\[([^\]\n]{0,60}))$/.exec(text);
  if (!match) return null;
  return { leadOffset: match.index + (match[1]?.length ?? 0), matchingString: match[3] ?? '', replaceableString: match[2] ?? '' };
}

interface EntryLinkPluginProps {
  /** Entries that can be linked to, best match first, for what was typed after `[[`. */
  readonly findTargets: (query: string) => LinkTarget[];
  /** Opens the entry a link names (on this device, by its identity or, for older links, its id). */
  readonly onOpenLink: (target: EntryLinkTarget) => void;
}

/**
 * Links between entries: typing `[[` offers entries (arrow keys and Enter, or a click, pick one)
 * and inserts a link to it; clicking such a link opens its entry.
 */
export function EntryLinkPlugin({ findTargets, onOpenLink }: EntryLinkPluginProps) {
  const [editor] = useLexicalComposerContext();
  const [query, setQuery] = useState<string | null>(null);
  const options = useMemo(
    () => (query === null ? [] : findTargets(query).slice(0, MAX_OPTIONS).map((target) => new LinkTargetOption(target))),
    [query, findTargets],
  );

  const onSelectOption = useCallback(
    (option: LinkTargetOption, nodeToReplace: TextNode | null, closeMenu: () => void) => {
      editor.update(() => {
        const link = $createLinkNode(entryLinkUrl(option.target.uid ?? option.target.id)).append($createTextNode(option.target.title));
        const after = $createTextNode(' ');
        if (nodeToReplace) nodeToReplace.replace(link);
        link.insertAfter(after);
        after.select(1, 1);
        closeMenu();
      });
    },
    [editor],
  );

  useEffect(() => {
    // The URL comes from the Lexical node: the DOM's href is sanitised (Lexical rewrites
    // schemes other than http(s), mailto, sms and tel to about:blank).
    const onClick = (event: MouseEvent): void => {
      const anchor = (event.target as Element | null)?.closest?.('a');
      if (!anchor) return;
      const id = editor.read(() => {
        const node = $getNearestNodeFromDOMNode(anchor);
        const link = $isLinkNode(node) ? node : $findMatchingParent(node as LexicalNode, $isLinkNode);
        return $isLinkNode(link) ? entryLinkTargetFromUrl(link.getURL()) : null;
      });
      if (!id) return;
      event.preventDefault();
      onOpenLink(id);
    };
    return editor.registerRootListener((root, previous) => {
      previous?.removeEventListener('click', onClick);
      root?.addEventListener('click', onClick);
    });
  }, [editor, onOpenLink]);

  return (
    <LexicalTypeaheadMenuPlugin<LinkTargetOption>
      onQueryChange={setQuery}
      onSelectOption={onSelectOption}
      triggerFn={matchDoubleBracket}
      options={options}
      menuRenderFn={renderTypeaheadMenu('Link to entry', options, (option) => (
        <>
          <span className="pb-link-option-title">{option.target.title}</span>
          <span className="pb-link-option-kind">{option.target.kind}</span>
        </>
      ))}
    />
  );
}
