import type { MenuOption, MenuRenderFn } from '@lexical/react/LexicalTypeaheadMenuPlugin';
import { useEffect, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

/**
 * The menu of a typeahead (`[[` links, `@` mentions): a labelled listbox at the caret whose
 * options follow the arrow keys and the mouse, and never take the editor's focus.
 */
export function renderTypeaheadMenu<TOption extends MenuOption>(
  label: string,
  options: readonly TOption[],
  renderOption: (option: TOption) => ReactNode,
): MenuRenderFn<TOption> {
  return (anchor, { selectedIndex, selectOptionAndCleanUp, setHighlightedIndex }) =>
    anchor.current && options.length > 0
      ? createPortal(
          <ul className="pb-link-menu" role="listbox" aria-label={label}>
            {options.map((option, index) => (
              <li
                key={option.key}
                ref={option.setRefElement}
                role="option"
                aria-selected={selectedIndex === index}
                className={`pb-link-option${selectedIndex === index ? ' pb-link-option-selected' : ''}`}
                onMouseEnter={() => setHighlightedIndex(index)}
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => selectOptionAndCleanUp(option)}
              >
                {renderOption(option)}
              </li>
            ))}
          </ul>,
          anchor.current,
        )
      : null;
}

const CONTAINER_LABEL = 'Typeahead menu';

/**
 * Lexical's typeahead plugin keeps a container in the page at all times, as an empty listbox
 * named "Typeahead menu" (and puts it back on each render). The menu drawn into it is the
 * listbox (above), so the container is made a plain element: screen readers no longer meet an
 * empty listbox, nor one listbox in another.
 *
 * Lexical labels the container just before appending it to the page's body (ours give it no
 * other parent), each time it puts it back: watching the body's own children finds it, where
 * watching the whole page would run on every change to the page (each keystroke in a long
 * entry, each "Saving…") and search all of it.
 */
export function useQuietTypeaheadContainers(): void {
  useEffect(() => {
    const quiet = (container: Element): void => {
      if (container.getAttribute('aria-label') !== CONTAINER_LABEL) return;
      container.removeAttribute('aria-label');
      container.setAttribute('role', 'presentation');
    };
    for (const container of document.querySelectorAll(`[aria-label="${CONTAINER_LABEL}"]`)) quiet(container);
    const observer = new MutationObserver((records) => {
      for (const record of records) {
        for (const added of record.addedNodes) if (added instanceof Element) quiet(added);
      }
    });
    observer.observe(document.body, { childList: true });
    return () => observer.disconnect();
  }, []);
}
