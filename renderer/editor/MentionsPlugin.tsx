import { $createLinkNode, LinkNode } from '@lexical/link';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { LexicalTypeaheadMenuPlugin, MenuOption, type MenuTextMatch } from '@lexical/react/LexicalTypeaheadMenuPlugin';
import { $createTextNode, $getNodeByKey, type TextNode } from 'lexical';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { mentionNameFromUrl, mentionUrl } from '../../shared/entry/mentions';
import { renderTypeaheadMenu } from './typeaheadMenu';

/** A person who can be mentioned: someone known from the entry's peers. */
export interface MentionCandidate {
  readonly name: string;
  readonly color: string;
  /** Here now (in the entry's awareness), rather than only among its past contributors. */
  readonly here: boolean;
}

class PersonOption extends MenuOption {
  constructor(readonly person: MentionCandidate) {
    super(person.name);
  }
}

const MAX_OPTIONS = 8;
// A name is letters, digits and a little punctuation, in at most two words ("Ana Lima").
const NAME_PART = "[\\p{L}\\p{N}'’._-]";
const MENTION_TRIGGER = new RegExp(`(^|[\\s(])(@(${NAME_PART}{0,30}(?: ${NAME_PART}{0,30})?))$`, 'u');

function matchMention(text: string): MenuTextMatch | null {
  const match = MENTION_TRIGGER.exec(text);
  if (!match) return null;
  return { leadOffset: match.index + (match[1]?.length ?? 0), matchingString: match[3] ?? '', replaceableString: match[2] ?? '' };
}

interface MentionsPluginProps {
  /** People who match what was typed after `@`, best first. */
  readonly findPeople: (query: string) => MentionCandidate[];
}

/**
 * `@` mentions: typing `@` offers the people known from the entry's peers (arrow keys and Enter,
 * or a click), and inserts `@Name` as a link to `peerbook://person/<name>` (shared/entry/mentions.ts),
 * drawn as a name chip.
 */
export function MentionsPlugin({ findPeople }: MentionsPluginProps) {
  const [editor] = useLexicalComposerContext();
  const [query, setQuery] = useState<string | null>(null);
  const options = useMemo(
    () => (query === null ? [] : findPeople(query).slice(0, MAX_OPTIONS).map((person) => new PersonOption(person))),
    [query, findPeople],
  );

  const onSelectOption = useCallback(
    (option: PersonOption, nodeToReplace: TextNode | null, closeMenu: () => void) => {
      editor.update(() => {
        const mention = $createLinkNode(mentionUrl(option.person.name)).append($createTextNode(`@${option.person.name}`));
        const after = $createTextNode(' ');
        if (nodeToReplace) nodeToReplace.replace(mention);
        mention.insertAfter(after);
        after.select(1, 1);
        closeMenu();
      });
    },
    [editor],
  );

  // Mention links look like name chips, on every peer: marked by their URL, which the DOM's href
  // does not keep (Lexical rewrites unknown schemes to about:blank).
  useEffect(
    () =>
      editor.registerMutationListener(LinkNode, (mutations) => {
        editor.getEditorState().read(() => {
          for (const [key, mutation] of mutations) {
            if (mutation === 'destroyed') continue;
            const node = $getNodeByKey<LinkNode>(key);
            const element = editor.getElementByKey(key);
            if (!node || !element) continue;
            const person = mentionNameFromUrl(node.getURL());
            element.classList.toggle('pb-mention', person !== null);
            if (person) element.dataset.person = person;
            else delete element.dataset.person;
          }
        });
      }),
    [editor],
  );

  return (
    <LexicalTypeaheadMenuPlugin<PersonOption>
      onQueryChange={setQuery}
      onSelectOption={onSelectOption}
      triggerFn={matchMention}
      options={options}
      menuRenderFn={renderTypeaheadMenu('Mention a person', options, (option) => (
        <>
          <span className="pb-person-option">
            <span className="pb-person-dot" style={{ background: option.person.color }} aria-hidden="true" />
            {option.person.name}
          </span>
          <span className="pb-link-option-kind">{option.person.here ? 'Here now' : 'Contributor'}</span>
        </>
      ))}
    />
  );
}
