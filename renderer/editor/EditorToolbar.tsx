import { INSERT_CHECK_LIST_COMMAND, INSERT_ORDERED_LIST_COMMAND, INSERT_UNORDERED_LIST_COMMAND } from '@lexical/list';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $createHeadingNode, $createQuoteNode } from '@lexical/rich-text';
import { $setBlocksType } from '@lexical/selection';
import {
  $createParagraphNode,
  $getSelection,
  $isRangeSelection,
  FORMAT_TEXT_COMMAND,
  REDO_COMMAND,
  UNDO_COMMAND,
  type TextFormatType,
} from 'lexical';
import { useEffect, useRef, useState, type FocusEvent, type KeyboardEvent, type ReactNode } from 'react';

interface ToolButtonProps {
  label: string;
  shortcut?: string;
  pressed?: boolean;
  onPress: () => void;
  children: ReactNode;
}

function ToolButton({ label, shortcut, pressed, onPress, children }: ToolButtonProps) {
  return (
    <button
      type="button"
      className="pb-tool"
      aria-label={label}
      aria-pressed={pressed}
      aria-keyshortcuts={shortcut}
      title={shortcut ? `${label} (${shortcut})` : label}
      // Keep the editor's selection: a mousedown on the toolbar would otherwise blur it.
      onMouseDown={(event) => event.preventDefault()}
      onClick={onPress}
    >
      {children}
    </button>
  );
}

const FORMATS: ReadonlyArray<{ format: TextFormatType; label: string; shortcut?: string; glyph: ReactNode }> = [
  { format: 'bold', label: 'Bold', shortcut: 'Control+B', glyph: <b>B</b> },
  { format: 'italic', label: 'Italic', shortcut: 'Control+I', glyph: <i>I</i> },
  { format: 'code', label: 'Inline code', glyph: <code>{'</>'}</code> },
];

const ROVING_KEYS: Readonly<Record<string, (index: number, count: number) => number>> = {
  ArrowRight: (index, count) => (index + 1) % count,
  ArrowLeft: (index, count) => (index - 1 + count) % count,
  Home: () => 0,
  End: (_index, count) => count - 1,
};

/**
 * One tab stop for the whole toolbar, with the arrow keys (and Home, End) between its buttons:
 * the ARIA toolbar pattern's roving tabindex, https://www.w3.org/WAI/ARIA/apg/patterns/toolbar/.
 * Tab then goes from the title past the toolbar to the body in two steps, not twelve.
 */
function useRovingFocus() {
  const toolbar = useRef<HTMLDivElement>(null);
  const [current, setCurrent] = useState(0);
  // The button that takes the toolbar's tab stop; the others are reached with the arrows.
  useEffect(() => {
    const buttons = [...(toolbar.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
    buttons.forEach((button, index) => (button.tabIndex = index === current ? 0 : -1));
  });
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const move = ROVING_KEYS[event.key];
    const buttons = [...(toolbar.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
    const from = buttons.findIndex((button) => button === event.target);
    if (!move || from === -1) return;
    event.preventDefault();
    const to = move(from, buttons.length);
    setCurrent(to);
    buttons[to]?.focus();
  };
  // A button reached another way (a click, a screen reader's cursor) becomes the tab stop.
  const onFocus = (event: FocusEvent<HTMLDivElement>): void => {
    const focused: EventTarget = event.target;
    const index = [...(toolbar.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])].findIndex((button) => button === focused);
    if (index !== -1) setCurrent(index);
  };
  return { toolbar, onKeyDown, onFocus };
}

/** Formatting for people who do not type Markdown; every action also has a shortcut. */
export function EditorToolbar() {
  const [editor] = useLexicalComposerContext();
  const [active, setActive] = useState<ReadonlySet<TextFormatType>>(new Set());
  const roving = useRovingFocus();

  useEffect(
    () =>
      editor.registerUpdateListener(({ editorState }) => {
        editorState.read(() => {
          const selection = $getSelection();
          if (!$isRangeSelection(selection)) return;
          const next = FORMATS.filter(({ format }) => selection.hasFormat(format)).map(({ format }) => format);
          // Only a change redraws: every React commit while the body has focus makes React
          // measure the caret's offset through the whole body (5,000 paragraphs: milliseconds
          // per keystroke).
          setActive((current) => (current.size === next.length && next.every((format) => current.has(format)) ? current : new Set(next)));
        });
      }),
    [editor],
  );

  const setBlock = (create: () => ReturnType<typeof $createParagraphNode> | ReturnType<typeof $createHeadingNode>) =>
    editor.update(() => {
      const selection = $getSelection();
      if ($isRangeSelection(selection)) $setBlocksType(selection, create);
    });

  return (
    <div ref={roving.toolbar} className="pb-toolbar" role="toolbar" aria-label="Formatting" aria-orientation="horizontal" onKeyDown={roving.onKeyDown} onFocus={roving.onFocus}>
      <ToolButton label="Undo" shortcut="Control+Z" onPress={() => editor.dispatchCommand(UNDO_COMMAND, undefined)}>
        ↶
      </ToolButton>
      <ToolButton label="Redo" shortcut="Control+Shift+Z" onPress={() => editor.dispatchCommand(REDO_COMMAND, undefined)}>
        ↷
      </ToolButton>
      <span className="pb-tool-sep" aria-hidden="true" />
      <ToolButton label="Heading" onPress={() => setBlock(() => $createHeadingNode('h2'))}>
        H
      </ToolButton>
      <ToolButton label="Paragraph" onPress={() => setBlock(() => $createParagraphNode())}>
        ¶
      </ToolButton>
      <ToolButton label="Quote" onPress={() => setBlock(() => $createQuoteNode() as unknown as ReturnType<typeof $createParagraphNode>)}>
        ❝
      </ToolButton>
      <span className="pb-tool-sep" aria-hidden="true" />
      {FORMATS.map(({ format, label, shortcut, glyph }) => (
        <ToolButton
          key={format}
          label={label}
          shortcut={shortcut}
          pressed={active.has(format)}
          onPress={() => editor.dispatchCommand(FORMAT_TEXT_COMMAND, format)}
        >
          {glyph}
        </ToolButton>
      ))}
      <span className="pb-tool-sep" aria-hidden="true" />
      <ToolButton label="Bulleted list" onPress={() => editor.dispatchCommand(INSERT_UNORDERED_LIST_COMMAND, undefined)}>
        •
      </ToolButton>
      <ToolButton label="Numbered list" onPress={() => editor.dispatchCommand(INSERT_ORDERED_LIST_COMMAND, undefined)}>
        {/* "1." drawn by the stylesheet: as text it would be read as the start of the button's name. */}
        <span className="pb-glyph-numbered" aria-hidden="true" />
      </ToolButton>
      <ToolButton label="Check list" onPress={() => editor.dispatchCommand(INSERT_CHECK_LIST_COMMAND, undefined)}>
        ☑
      </ToolButton>
    </div>
  );
}
