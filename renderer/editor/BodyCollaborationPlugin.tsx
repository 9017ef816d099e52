import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { initLocalState, setLocalStateFocus } from '@lexical/yjs';
import { BLUR_COMMAND, COMMAND_PRIORITY_EDITOR, FOCUS_COMMAND, mergeRegister, REDO_COMMAND, UNDO_COMMAND, type LexicalCommand } from 'lexical';
import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { bindEditorToEntry, type EditorEntry, type EntryBodyBinding } from './entryBodyBinding';
import { registerTextStyleGuard } from './textStyleGuard';

export type { EditorEntry } from './entryBodyBinding';

interface BodyCollaborationPluginProps {
  readonly entry: EditorEntry;
  readonly userName: string;
  readonly userColor: string;
}

/**
 * Binds the body editor to an open entry (entryBodyBinding.ts) for as long as it is mounted, and
 * adds what a person at the keyboard needs: undo and redo of their own edits, their presence and
 * cursor for the people here (gone as soon as the page goes away), and remote cursors. Each mount
 * binds afresh, so React's StrictMode, which mounts twice, is harmless.
 */
export function BodyCollaborationPlugin({ entry, userName, userColor }: BodyCollaborationPluginProps) {
  const [editor] = useLexicalComposerContext();
  const [cursors, setCursors] = useState<HTMLElement | null>(null);
  const bound = useRef<EntryBodyBinding | null>(null);
  // Bumped when an editor bound straight to the entry has stopped (the entry may no longer be
  // written from here): the editor is bound again, through a replica if the entry is read-only.
  const [binds, setBinds] = useState(0);
  const person = useRef({ name: userName, color: userColor });
  person.current = { name: userName, color: userColor };

  useEffect(() => {
    const rootElement = editor.getRootElement();
    const binding = bindEditorToEntry(editor, entry, person.current, rootElement !== null && document.activeElement === rootElement);
    bound.current = binding;
    const stopStale = binding.onStale(() => setBinds((count) => count + 1));
    const { provider, undoManager } = binding;
    const leave = (): void => entry.awareness.setLocalState(null);
    const comeBack = (event: PageTransitionEvent): void => {
      if (event.persisted) initLocalState(provider, person.current.name, person.current.color, false, {});
    };
    window.addEventListener('pagehide', leave);
    window.addEventListener('pageshow', comeBack);
    /** Runs `run` on `command`; `handled` says whether other handlers are left out. */
    const answer = <P,>(command: LexicalCommand<P>, run: () => void, handled: boolean): (() => void) =>
      editor.registerCommand(
        command,
        () => {
          run();
          return handled;
        },
        COMMAND_PRIORITY_EDITOR,
      );
    const stopCommands = mergeRegister(
      // A peer's inline styles never reach the page (textStyleGuard.ts).
      registerTextStyleGuard(editor),
      answer(UNDO_COMMAND, () => undoManager.undo(), true),
      answer(REDO_COMMAND, () => undoManager.redo(), true),
      // Focus and blur go on to Lexical's own handlers; presence only follows them.
      answer(FOCUS_COMMAND, () => setLocalStateFocus(provider, person.current.name, person.current.color, true, {}), false),
      answer(BLUR_COMMAND, () => setLocalStateFocus(provider, person.current.name, person.current.color, false, {}), false),
    );
    return () => {
      stopStale();
      stopCommands();
      window.removeEventListener('pagehide', leave);
      window.removeEventListener('pageshow', comeBack);
      if (bound.current === binding) bound.current = null;
      binding.dispose();
    };
  }, [editor, entry, binds]);

  // Remote cursors are drawn into an element of their own, once React has mounted it.
  useEffect(() => {
    if (bound.current) bound.current.binding.cursorsContainer = cursors;
  });

  // A name or colour changed in Settings reaches the people here at once.
  useEffect(() => {
    const state = entry.awareness.getLocalState();
    if (state) entry.awareness.setLocalState({ ...state, name: userName, color: userColor });
  }, [entry, userName, userColor]);

  return createPortal(<div className="pb-cursors" ref={setCursors} />, document.body);
}
