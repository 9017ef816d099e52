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

/**
 * Lexical's typeahead plugin keeps a container in the page at all times, as an empty listbox
 * named "Typeahead menu" (and puts it back on each render). The menu drawn into it is the
 * listbox (above), so the container is made a plain element: screen readers no longer meet an
 * empty listbox, nor one listbox in another.
 */
export function useQuietTypeaheadContainers(): void {
  useEffect(() => {
    const quiet = (): void => {
      for (const container of document.querySelectorAll('[aria-label="Typeahead menu"]')) {
        container.removeAttribute('aria-label');
        container.setAttribute('role', 'presentation');
      }
    };
    quiet();
    const observer = new MutationObserver(quiet);
    observer.observe(document.body, { subtree: true, attributeFilter: ['aria-label'], childList: true });
    return () => observer.disconnect();
  }, []);
}
