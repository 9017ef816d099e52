import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $getSelection, $isRangeSelection, BLUR_COMMAND, COMMAND_PRIORITY_LOW, SELECTION_CHANGE_COMMAND } from 'lexical';
import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';

interface Offer {
  readonly text: string;
  readonly top: number;
  readonly left: number;
}

const MAX_SELECTION_CHARS = 5_000;

/**
 * Selecting text offers `Make lesson note` just below the selection: the selected text becomes a
 * lesson note in this device's own journal (the caller creates it). The offer follows the
 * selection and disappears when the selection is empty; it stays while the button itself is
 * focused, so it can be reached with Tab.
 */
export function LessonFromSelectionPlugin({ onMakeLesson }: { onMakeLesson: (text: string) => void }) {
  const [editor] = useLexicalComposerContext();
  const [offer, setOffer] = useState<Offer | null>(null);
  const [container, setContainer] = useState<HTMLElement | null>(null);

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

  if (!offer || !container) return null;
  return createPortal(
    <div className="pb-selection-offer" style={{ top: offer.top, left: offer.left }}>
      <button
        type="button"
        className="pb-action pb-primary"
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
