import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $getSelection, $isRangeSelection, BLUR_COMMAND, COMMAND_PRIORITY_LOW, SELECTION_CHANGE_COMMAND } from 'lexical';
import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { offerSelectionLesson } from './selectionLesson';

interface Offer {
  readonly text: string;
  readonly top: number;
  readonly left: number;
}

const MAX_SELECTION_CHARS = 5_000;

/**
 * Selecting text offers `Make lesson note` just below the selection: the selected text becomes a
 * lesson note in this device's own journal (the caller creates it). The offer follows the
 * selection and disappears when the selection is empty. From the keyboard (Tab indents in the
 * body), New lesson's shortcut, Ctrl+Shift+L (Cmd+Shift+L on macOS), does the same: the offer
 * is held in selectionLesson.ts for the command to take.
 */
export function LessonFromSelectionPlugin({ onMakeLesson }: { onMakeLesson: (text: string) => void }) {
  const [editor] = useLexicalComposerContext();
  const [offer, setOffer] = useState<Offer | null>(null);
  const [container, setContainer] = useState<HTMLElement | null>(null);
  const make = useRef(onMakeLesson);
  make.current = onMakeLesson;

  useEffect(
    () =>
      editor.registerRootListener((root) => {
        setContainer(root?.parentElement ?? null);
      }),
    [editor],
  );

  useEffect(() => {
    const refresh = (): void => {
      const text = editor.getEditorState().read(() => {
        const selection = $getSelection();
        return $isRangeSelection(selection) && !selection.isCollapsed() ? selection.getTextContent().trim() : '';
      });
      const root = editor.getRootElement();
      const parent = root?.parentElement;
      if (!root || !parent) return setOffer(null);
      // Focus on the offer itself (Tab from the body) keeps it.
      if (root.ownerDocument.activeElement?.closest('.pb-selection-offer')) return;
      const domSelection = root.ownerDocument.getSelection();
      if (!text || !domSelection || domSelection.rangeCount === 0 || !root.contains(domSelection.anchorNode)) return setOffer(null);
      const rect = domSelection.getRangeAt(0).getBoundingClientRect();
      const box = parent.getBoundingClientRect();
      setOffer({
        text: text.slice(0, MAX_SELECTION_CHARS),
        top: rect.bottom - box.top + 6,
        left: Math.max(0, Math.min(rect.left - box.left, box.width - 180)),
      });
    };
    const stopUpdates = editor.registerUpdateListener(refresh);
    const stopSelection = editor.registerCommand(
      SELECTION_CHANGE_COMMAND,
      () => {
        refresh();
        return false;
      },
      COMMAND_PRIORITY_LOW,
    );
    const stopBlur = editor.registerCommand(
      BLUR_COMMAND,
      () => {
        // Let focus land first: on the offer, it stays.
        setTimeout(refresh, 0);
        return false;
      },
      COMMAND_PRIORITY_LOW,
    );
    return () => {
      stopUpdates();
      stopSelection();
      stopBlur();
    };
  }, [editor]);

  // While text is offered, New lesson (Ctrl+Shift+L, the menu, the palette) makes it the lesson.
  useEffect(() => {
    if (!offer) return;
    return offerSelectionLesson(() => {
      setOffer(null);
      make.current(offer.text);
    });
  }, [offer]);

  if (!offer || !container) return null;
  return createPortal(
    <div className="pb-selection-offer" style={{ top: offer.top, left: offer.left }}>
      <button
        type="button"
        className="pb-action pb-primary"
        aria-keyshortcuts="Control+Shift+L"
        title="Make a lesson note of the selection (Ctrl+Shift+L)"
        // Keep the selection in the body while the mouse is down on the button.
        onMouseDown={(event) => event.preventDefault()}
        onClick={() => {
          setOffer(null);
          onMakeLesson(offer.text);
        }}
      >
        Make lesson note
      </button>
    </div>,
    container,
  );
}
