import { $createLinkNode, LinkNode } from '@lexical/link';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { LexicalTypeaheadMenuPlugin, MenuOption, type MenuTextMatch } from '@lexical/react/LexicalTypeaheadMenuPlugin';
import { $createTextNode, $getNodeByKey, $isTextNode, type TextNode } from 'lexical';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { FALLBACK_CONTRIBUTOR_COLOR } from '../../shared/entry/contributors';
import { isSamePerson } from '../../shared/entry/debriefActions';
import { mentionNameFromUrl, mentionUrl } from '../../shared/entry/mentions';
import { $isCaretInActions } from './bodyActivity';
import { renderTypeaheadMenu } from './typeaheadMenu';

/** A person who can be mentioned. */
export interface MentionCandidate {
  readonly name: string;
  readonly color: string;
  /**
   * Where the name comes from: the user themself, a peer here now (in the entry's awareness), a
   * past contributor, or the text typed after `@` (someone who has never been in the entry).
   */
  readonly source: 'you' | 'here' | 'contributor' | 'typed';
}

/** What was typed after `@`, and whether the caret is in a debrief's actions. */
export interface MentionQuery {
  readonly text: string;
  readonly inActions: boolean;
}

const SOURCE_LABELS: Record<MentionCandidate['source'], string> = { you: 'You', here: 'Here now', contributor: 'Contributor', typed: 'New person' };

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

/**
 * The whole `@name` the caret follows, as one text node, and the name typed. Lexical's typeahead
 * updates its match in a React transition, so on a fast Enter the text it splits off can be the
 * match of an earlier keystroke ("n" of "@An", leaving "@A" behind): the text before that node is
 * matched again and the rest of the mention split off too.
 */
export function $wholeMentionText(node: TextNode): { node: TextNode; name: string } {
  const before = node.getPreviousSibling();
  const text = $isTextNode(before) && before.isSimpleText() ? before.getTextContent() : '';
  const match = matchMention(text + node.getTextContent());
  if (!match) return { node, name: node.getTextContent().replace(/^@/, '') };
  if ($isTextNode(before) && match.leadOffset < text.length) {
    const start = match.leadOffset === 0 ? before : before.splitText(match.leadOffset)[1];
    if (start) {
      node.setTextContent(start.getTextContent() + node.getTextContent());
      start.remove();
    }
  }
  return { node, name: match.matchingString.trim() };
}

interface MentionsPluginProps {
  /** People who match what was typed after `@`, best first. */
  readonly findPeople: (query: MentionQuery) => MentionCandidate[];
}

/** The known people, and last the name as typed when it is nobody known (so Enter mentions it). */
function withTypedName(people: readonly MentionCandidate[], typed: string): MentionCandidate[] {
  const name = typed.replace(/\s+/g, ' ').trim();
  const known = people.slice(0, name ? MAX_OPTIONS - 1 : MAX_OPTIONS);
  if (!name || people.some((person) => isSamePerson(person.name, name))) return known;
  return [...known, { name, color: FALLBACK_CONTRIBUTOR_COLOR, source: 'typed' }];
}

/**
 * `@` mentions: typing `@` offers the people known from the entry's peers, the user themself in
 * a debrief's actions (to own one), and the name as typed, so anyone can be named before they
 * ever join (arrow keys and Enter, or a click). It inserts `@Name` as a link to
 * `peerbook://person/<name>` (shared/entry/mentions.ts), drawn as a name chip.
 */
export function MentionsPlugin({ findPeople }: MentionsPluginProps) {
  const [editor] = useLexicalComposerContext();
  const [query, setQuery] = useState<MentionQuery | null>(null);
  const onQueryChange = useCallback(
    (text: string | null) => setQuery(text === null ? null : { text, inActions: editor.getEditorState().read($isCaretInActions) }),
    [editor],
  );
  const options = useMemo(
    () => (query === null ? [] : withTypedName(findPeople(query), query.text).map((person) => new PersonOption(person))),
    [query, findPeople],
  );

  const onSelectOption = useCallback(
    (option: PersonOption, nodeToReplace: TextNode | null, closeMenu: () => void) => {
      editor.update(() => {
        const typed = nodeToReplace ? $wholeMentionText(nodeToReplace) : null;
        const name = option.person.source === 'typed' && typed ? typed.name : option.person.name;
        const mention = $createLinkNode(mentionUrl(name)).append($createTextNode(`@${name}`));
        const after = $createTextNode(' ');
        if (typed) typed.node.replace(mention);
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
      onQueryChange={onQueryChange}
      onSelectOption={onSelectOption}
      triggerFn={matchMention}
      options={options}
      menuRenderFn={renderTypeaheadMenu('Mention a person', options, (option) => (
        <>
          <span className="pb-person-option">
            <span className="pb-person-dot" style={{ background: option.person.color }} aria-hidden="true" />
            {option.person.name}
          </span>
          <span className="pb-link-option-kind">{SOURCE_LABELS[option.person.source]}</span>
        </>
      ))}
    />
  );
}
