import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import type { NodeKey } from 'lexical';
import { useEffect } from 'react';
import type { EntryKind } from '../../shared/entry/entryKind';
import { $checkLists, $promptedBlocks, mayMovePrompts } from './templatePrompts';

/** Sets an attribute on the elements given and takes it off those it was on before. */
class MarkedElements {
  private marked = new Map<HTMLElement, string>();
  constructor(private readonly attribute: string) {}

  set(wanted: ReadonlyMap<HTMLElement, string>): void {
    for (const element of this.marked.keys()) if (!wanted.has(element)) element.removeAttribute(this.attribute);
    for (const [element, value] of wanted) if (element.getAttribute(this.attribute) !== value) element.setAttribute(this.attribute, value);
    this.marked = new Map(wanted);
  }
}

/**
 * Shows the template's prompts in the empty blocks of an entry's body until the user writes there
 * (shared/entry/entryTemplates.ts). A prompt is a `data-prompt` attribute on the block's element,
 * drawn by the stylesheet: it is never in the document, so it is not content, not counted, not
 * exported and not sent to peers. For screen readers, an empty check item is named by its prompt
 * (or "Empty item"), and a check list is a group of checkboxes: Lexical gives each item the role
 * of a checkbox, which a list may not hold.
 */
export function TemplatePromptsPlugin({ kind }: { readonly kind: EntryKind }) {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    const prompts = new MarkedElements('data-prompt');
    const names = new MarkedElements('aria-label');
    const roles = new MarkedElements('role');
    const elements = (keys: Iterable<[NodeKey, string]>): Map<HTMLElement, string> => {
      const found = new Map<HTMLElement, string>();
      for (const [key, value] of keys) {
        const element = editor.getElementByKey(key);
        if (element) found.set(element, value);
      }
      return found;
    };
    const redraw = (): void => {
      const { shown, lists, emptyItems } = editor.getEditorState().read(() => ({ shown: $promptedBlocks(kind), ...$checkLists() }));
      prompts.set(elements(shown));
      names.set(elements(emptyItems.map((key) => [key, shown.get(key) ?? 'Empty item'])));
      roles.set(elements(lists.map((key) => [key, 'group'])));
    };
    redraw();
    // A move of the caret or a selection changes no block, and typing in a line that has words
    // changes no prompt: only the updates that may are walked again (in a 5,000-paragraph entry
    // the walk is every block).
    const stop = editor.registerUpdateListener((update) => {
      if (mayMovePrompts(update)) redraw();
    });
    return () => {
      stop();
      for (const marks of [prompts, names, roles]) marks.set(new Map());
    };
  }, [editor, kind]);
  return null;
}
