import { $isListItemNode, ListItemNode } from '@lexical/list';
import { AutoLinkPlugin, createLinkMatcherWithRegExp } from '@lexical/react/LexicalAutoLinkPlugin';
import { CheckListPlugin } from '@lexical/react/LexicalCheckListPlugin';
import { CollaborationPlugin } from '@lexical/react/LexicalCollaborationPlugin';
import { LexicalCollaboration } from '@lexical/react/LexicalCollaborationContext';
import { LexicalComposer } from '@lexical/react/LexicalComposer';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { ContentEditable } from '@lexical/react/LexicalContentEditable';
import { LexicalErrorBoundary } from '@lexical/react/LexicalErrorBoundary';
import { LinkPlugin } from '@lexical/react/LexicalLinkPlugin';
import { ListPlugin } from '@lexical/react/LexicalListPlugin';
import { MarkdownShortcutPlugin } from '@lexical/react/LexicalMarkdownShortcutPlugin';
import { RichTextPlugin } from '@lexical/react/LexicalRichTextPlugin';
import { TabIndentationPlugin } from '@lexical/react/LexicalTabIndentationPlugin';
import type { Provider } from '@lexical/yjs';
import { $findMatchingParent } from '@lexical/utils';
import { $getSelection, $isRangeSelection, COMMAND_PRIORITY_HIGH, KEY_ENTER_COMMAND } from 'lexical';
import { useCallback, useEffect, useImperativeHandle, useRef, type Ref } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import type { EntryId } from '../../shared/entry/entryId';
import type { ChecklistProgress } from '../../shared/library/entryRow';
import { registerCheckAttribution } from './checkAttribution';
import { EntryLinkPlugin, type LinkTarget } from './EntryLinkPlugin';
import { EntryActivityPlugin, type BodyActivity } from './EntryActivityPlugin';
import { LessonFromSelectionPlugin } from './LessonFromSelectionPlugin';
import { MentionsPlugin, type MentionCandidate } from './MentionsPlugin';
import { $readBodyText, ENTRY_LINK_PREFIX, type BodyText } from './entryText';
import { registerCheckListShortcut } from './checkListShortcut';
import { $readChecklistProgress } from './checklistProgress';
import { EditorToolbar } from './EditorToolbar';
import { ENTRY_BODY_NODES, ENTRY_EDITOR_THEME, reportEditorError } from './editorNodes';
import { readBodyStateJson } from './headlessBodyEditor';
import { reportAfterPause } from './reportAfterPause';
import { ENTRY_MARKDOWN_TRANSFORMERS } from './markdownTransformers';

/**
 * What the editor needs of an open entry: its document, its awareness and the events of a
 * Lexical collaboration provider. Awareness is y-protocols' own; Lexical types its states more
 * narrowly than y-protocols does, which is why the factory below casts once.
 */
export interface EditorSession extends Omit<Provider, 'awareness'> {
  readonly doc: Y.Doc;
  readonly awareness: Awareness;
}

export interface EntryEditorProps {
  readonly entryKey: string;
  readonly session: EditorSession;
  readonly userName: string;
  readonly userColor: string;
  readonly placeholder: string;
  /** False until the entry has loaded from the device: the body is not shown or typed into before. */
  readonly ready: boolean;
  readonly onProgress: (progress: ChecklistProgress) => void;
  /** The body's text and links, soon after each change (for search and "Linked from"). */
  readonly onBodyText: (text: BodyText) => void;
  readonly findLinkTargets: (query: string) => LinkTarget[];
  readonly onOpenEntry: (id: EntryId) => void;
  readonly controller?: Ref<BodyController | null>;
  /** People `@` can mention (the entry's contributors and the peers here now). */
  readonly findPeople?: (query: string) => MentionCandidate[];
  /** Thanks and tick times in the body, soon after each change (for the entry's activity). */
  readonly onActivity?: (activity: BodyActivity) => void;
  /** Offered on a text selection as `Make lesson note` (debriefs). */
  readonly onMakeLesson?: (text: string) => void;
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
}

function BodyControllerPlugin({ controller }: { controller: Ref<BodyController | null> }) {
  const [editor] = useLexicalComposerContext();
  useImperativeHandle(
    controller,
    () => ({
      restoreFrom: (versionDoc) => {
        editor.setEditorState(editor.parseEditorState(readBodyStateJson(versionDoc)));
      },
    }),
    [editor],
  );
  return null;
}

/** Reports the body's text a moment after changes stop (typing stays free of this work). */
function BodyTextPlugin({ ready, onBodyText }: { ready: boolean; onBodyText: (text: BodyText) => void }) {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    if (!ready) return;
    return reportAfterPause(editor, $readBodyText, onBodyText);
  }, [editor, ready, onBodyText]);
  return null;
}

/**
 * Reports the check items' progress once the entry has loaded, then whenever a list item is
 * created, changed or removed: typing in a paragraph of a long entry does not recount the items.
 */
function ChecklistProgressPlugin({ ready, onProgress }: { ready: boolean; onProgress: (progress: ChecklistProgress) => void }) {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    if (!ready) return;
    let last = '';
    const report = (): void => {
      const progress = editor.getEditorState().read($readChecklistProgress);
      const key = `${progress.done}/${progress.total}`;
      if (key === last) return;
      last = key;
      onProgress(progress);
    };
    report();
    // A list item's mutation covers ticking, adding and removing items, and lists turned into
    // check lists (their items are re-created).
    return editor.registerMutationListener(ListItemNode, report, { skipInitialization: true });
  }, [editor, ready, onProgress]);
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
 * The body editor. It is always bound to the entry's Y.Doc through Lexical's collaboration
 * binding, also for a private entry with no network, so writing alone and co-editing share one
 * code path. Lexical's own history is off under collaboration; undo and redo work on the Yjs
 * document. The editor never bootstraps content: templates are written when an entry is created.
 */
export function EntryEditor({
  entryKey,
  session,
  userName,
  userColor,
  placeholder,
  ready,
  onProgress,
  onBodyText,
  findLinkTargets,
  onOpenEntry,
  controller,
  findPeople,
  onActivity,
  onMakeLesson,
}: EntryEditorProps) {
  const providerFactory = useCallback(
    (id: string, docMap: Map<string, Y.Doc>) => {
      docMap.set(id, session.doc);
      return session as unknown as Provider;
    },
    [session],
  );

  return (
    <LexicalComposer
      initialConfig={{
        namespace: 'peerbook-entry',
        nodes: [...ENTRY_BODY_NODES],
        theme: ENTRY_EDITOR_THEME,
        onError: reportEditorError,
        // The collaboration binding owns the content; an initial state here would be a second source.
        editorState: null,
      }}
    >
      <LexicalCollaboration>
        <EditorToolbar />
        {/*
          Hidden, not unmounted, until the entry has loaded: the body cannot be typed into before
          its content is there, and the root element never changes while Lexical has a remote
          update pending (setRootElement commits pending updates, and a collaboration update
          committed that way is written back to Yjs as new content: the whole body twice).
        */}
        <div className="pb-editor" hidden={!ready}>
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
        <CollaborationPlugin
          id={entryKey}
          providerFactory={providerFactory}
          shouldBootstrap={false}
          username={userName}
          cursorColor={userColor}
        />
        <ListPlugin />
        <CheckListPlugin />
        <LinkPlugin validateUrl={isSafeUrl} />
        <AutoLinkPlugin matchers={LINK_MATCHERS} />
        <MarkdownShortcutPlugin transformers={ENTRY_MARKDOWN_TRANSFORMERS} />
        <TabIndentationPlugin />
        <ChecklistProgressPlugin ready={ready} onProgress={onProgress} />
        <CheckAttributionPlugin userName={userName} />
        <CheckListKeyboardPlugin />
        <BodyTextPlugin ready={ready} onBodyText={onBodyText} />
        <EntryLinkPlugin findTargets={findLinkTargets} onOpenEntry={onOpenEntry} />
        {controller && <BodyControllerPlugin controller={controller} />}
        {findPeople && <MentionsPlugin findPeople={findPeople} />}
        {onActivity && <EntryActivityPlugin ready={ready} onActivity={onActivity} />}
        {onMakeLesson && <LessonFromSelectionPlugin onMakeLesson={onMakeLesson} />}
      </LexicalCollaboration>
    </LexicalComposer>
  );
}
