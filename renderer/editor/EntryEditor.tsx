import { $isListItemNode } from '@lexical/list';
import { AutoLinkPlugin, createLinkMatcherWithRegExp } from '@lexical/react/LexicalAutoLinkPlugin';
import { CheckListPlugin } from '@lexical/react/LexicalCheckListPlugin';
import { LexicalComposer } from '@lexical/react/LexicalComposer';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { ContentEditable } from '@lexical/react/LexicalContentEditable';
import { LexicalErrorBoundary } from '@lexical/react/LexicalErrorBoundary';
import { LinkPlugin } from '@lexical/react/LexicalLinkPlugin';
import { ListPlugin } from '@lexical/react/LexicalListPlugin';
import { MarkdownShortcutPlugin } from '@lexical/react/LexicalMarkdownShortcutPlugin';
import { RichTextPlugin } from '@lexical/react/LexicalRichTextPlugin';
import { TabIndentationPlugin } from '@lexical/react/LexicalTabIndentationPlugin';
import { $findMatchingParent } from '@lexical/utils';
import { $getSelection, $isRangeSelection, COMMAND_PRIORITY_HIGH, KEY_ENTER_COMMAND } from 'lexical';
import { useEffect, useImperativeHandle, useRef, type Ref } from 'react';
import type * as Y from 'yjs';
import type { EntryLinkTarget } from '../../shared/entry/entryUid';
import { BodyCollaborationPlugin, type EditorEntry } from './BodyCollaborationPlugin';
import { drawWholeBody } from './entryBodyBinding';
import { registerCheckAttribution } from './checkAttribution';
import { EntryLinkPlugin, type LinkTarget } from './EntryLinkPlugin';
import { LessonFromSelectionPlugin } from './LessonFromSelectionPlugin';
import { MentionsPlugin, type MentionCandidate, type MentionQuery } from './MentionsPlugin';
import { TemplatePromptsPlugin } from './TemplatePromptsPlugin';
import { useQuietTypeaheadContainers } from './typeaheadMenu';
import type { EntryKind } from '../../shared/entry/entryKind';
import { ENTRY_LINK_PREFIX } from './entryText';
import { registerCheckListShortcut } from './checkListShortcut';
import { registerDocumentEdgeKeys } from './documentEdgeKeys';
import { EditorToolbar } from './EditorToolbar';
import { bodyComposerConfig } from './editorNodes';
import { readBodyStateJson } from './headlessBodyEditor';
import { ENTRY_MARKDOWN_TRANSFORMERS } from './markdownTransformers';

export interface EntryEditorProps {
  /** The open entry, loaded: the editor shows and edits its body. */
  readonly entry: EditorEntry;
  readonly userName: string;
  readonly userColor: string;
  readonly placeholder: string;
  readonly findLinkTargets: (query: string) => LinkTarget[];
  /** Opens the entry a link in the body names. */
  readonly onOpenLink: (target: EntryLinkTarget) => void;
  readonly controller?: Ref<BodyController | null>;
  /** People `@` can mention (the entry's contributors and the peers here now, and you in a debrief's actions). */
  readonly findPeople?: (query: MentionQuery) => MentionCandidate[];
  /** Offered on a text selection as `Make lesson note` (debriefs). */
  readonly onMakeLesson?: (text: string) => void;
  /** The entry's kind: its template's prompts show in empty blocks until the user writes there. */
  readonly kind?: EntryKind;
  /**
   * Shows the body without letting it be edited (an entry in a newer format, or joined by its
   * read-only link): it shows every change and takes none. Fixed for the
   * editor's life: mount a new editor (a new `key`) when it changes.
   */
  readonly readOnly?: boolean;
}

const URL_MATCHER = createLinkMatcherWithRegExp(/https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]/, (text) => text);
// One array for the editor's lifetime: AutoLinkPlugin re-registers its transform when the array
// changes, and each registration marks every text node dirty (a full re-render of the body).
const LINK_MATCHERS = [URL_MATCHER];

function isSafeUrl(url: string): boolean {
  if (url.startsWith(ENTRY_LINK_PREFIX)) return true;
  try {
    return ['http:', 'https:', 'mailto:'].includes(new URL(url).protocol);
  } catch {
    return false;
  }
}

/** What the entry view can ask of the live editor. */
export interface BodyController {
  /**
   * Replaces the body with a saved version's, as an ordinary edit: it goes through the Yjs
   * binding, reaches peers like any change, and can be undone.
   */
  restoreFrom(versionDoc: Y.Doc): void;
  /**
   * Puts typing at the start of the body's first text. The caret is placed by Lexical inside that
   * text, never on the body element itself: with a caret on the body element, Chromium restyles
   * each of a long entry's off-screen paragraphs (content-visibility) at a cost that grows with
   * their number, about 250 ms for 5,000 paragraphs as they first appear.
   */
  focusStart(): void;
}

function BodyControllerPlugin({ controller }: { controller: Ref<BodyController | null> }) {
  const [editor] = useLexicalComposerContext();
  useImperativeHandle(
    controller,
    () => ({
      restoreFrom: (versionDoc) => {
        // A restore replaces the whole body: a long body is drawn whole first, or the blocks not
        // yet drawn would stay after the restored ones.
        drawWholeBody(editor);
        // A peer's change still pending in the editor would carry its tag onto the restore,
        // which the binding then does not write: commit it first.
        editor.read(() => undefined);
        editor.setEditorState(editor.parseEditorState(readBodyStateJson(versionDoc)));
      },
      focusStart: () => {
        editor.focus(undefined, { defaultSelection: 'rootStart' });
        // An empty body has no text for Lexical to put the caret in: the page gives it focus.
        const body = editor.getRootElement();
        if (body && document.activeElement !== body) body.focus();
      },
    }),
    [editor],
  );
  return null;
}

function CheckAttributionPlugin({ userName }: { userName: string }) {
  const [editor] = useLexicalComposerContext();
  const name = useRef(userName);
  name.current = userName;
  useEffect(() => registerCheckAttribution(editor, () => name.current), [editor]);
  return null;
}

/**
 * Check lists from the keyboard: `- [ ] ` starts one, and Ctrl/Cmd+Enter ticks or unticks the
 * item at the caret.
 */
/** Ctrl/Cmd+Home and Ctrl/Cmd+End go to the body's start and end (documentEdgeKeys.ts). */
function DocumentEdgeKeysPlugin() {
  const [editor] = useLexicalComposerContext();
  useEffect(() => registerDocumentEdgeKeys(editor), [editor]);
  return null;
}

function CheckListKeyboardPlugin() {
  const [editor] = useLexicalComposerContext();
  useEffect(() => registerCheckListShortcut(editor), [editor]);
  useEffect(
    () =>
      editor.registerCommand(
        KEY_ENTER_COMMAND,
        (event) => {
          if (!event || !(event.ctrlKey || event.metaKey)) return false;
          const selection = $getSelection();
          if (!$isRangeSelection(selection)) return false;
          const item = $findMatchingParent(selection.anchor.getNode(), $isListItemNode);
          if (!$isListItemNode(item) || item.getChecked() === undefined) return false;
          event.preventDefault();
          item.toggleChecked();
          return true;
        },
        COMMAND_PRIORITY_HIGH,
      ),
    [editor],
  );
  return null;
}

/**
 * The body editor. It is always bound to the entry's document through Lexical's collaboration
 * binding (BodyCollaborationPlugin), also for a private entry with no network, so writing alone
 * and co-editing share one code path. Lexical's own history is off under collaboration; undo and
 * redo work on the Yjs document. The editor never bootstraps content: templates are written when
 * an entry is created.
 */
export function EntryEditor({
  entry,
  userName,
  userColor,
  placeholder,
  findLinkTargets,
  onOpenLink,
  controller,
  findPeople,
  onMakeLesson,
  kind,
  readOnly = false,
}: EntryEditorProps) {
  useQuietTypeaheadContainers();
  return (
    <LexicalComposer
      // The collaboration binding owns the content; an initial state here would be a second source.
      initialConfig={bodyComposerConfig('peerbook-entry', !readOnly, null)}
    >
      {!readOnly && <EditorToolbar />}
      <div className="pb-editor">
        <RichTextPlugin
          contentEditable={
            <ContentEditable
              className="pb-body"
              ariaLabel="Body"
              ariaMultiline
              role="textbox"
              spellCheck
              aria-placeholder={placeholder}
              placeholder={<div className="pb-body-placeholder">{placeholder}</div>}
            />
          }
          ErrorBoundary={LexicalErrorBoundary}
        />
      </div>
      <BodyCollaborationPlugin entry={entry} userName={userName} userColor={userColor} />
      <ListPlugin />
      <CheckListPlugin />
      <LinkPlugin validateUrl={isSafeUrl} />
      <AutoLinkPlugin matchers={LINK_MATCHERS} />
      <MarkdownShortcutPlugin transformers={ENTRY_MARKDOWN_TRANSFORMERS} />
      <TabIndentationPlugin />
      <CheckAttributionPlugin userName={userName} />
      <CheckListKeyboardPlugin />
      <DocumentEdgeKeysPlugin />
      <EntryLinkPlugin findTargets={findLinkTargets} onOpenLink={onOpenLink} />
      {controller && !readOnly && <BodyControllerPlugin controller={controller} />}
      {findPeople && !readOnly && <MentionsPlugin findPeople={findPeople} />}
      {onMakeLesson && <LessonFromSelectionPlugin onMakeLesson={onMakeLesson} />}
      {kind && !readOnly && <TemplatePromptsPlugin kind={kind} />}
    </LexicalComposer>
  );
}
