import { useEffect, useId, type InputHTMLAttributes, type LiHTMLAttributes, type ReactNode } from 'react';
import { useListChoice } from './useListChoice';

interface ChoiceListProps<T> {
  /** The text field's own attributes (its name, kind and placeholder); the list wiring is added here. */
  readonly input: InputHTMLAttributes<HTMLInputElement>;
  readonly typed: string;
  readonly onType: (typed: string) => void;
  /** The accessible name of the list of matches. */
  readonly listLabel: string;
  readonly matches: readonly T[];
  /** A key for each match, unique in the list. */
  readonly keyOf: (item: T) => string;
  /** What an option says beyond its content (its name, its keys). */
  readonly optionProps?: (item: T) => LiHTMLAttributes<HTMLLIElement>;
  readonly renderOption: (item: T) => ReactNode;
  readonly noMatch: string;
  readonly onChoose: (item: T) => void;
}

/**
 * A text field over a list of what matches it (Go to entry, the command palette): typing narrows
 * and starts again at the top, arrows or the mouse choose, Enter or a click takes the choice.
 */
export function ChoiceList<T>({ input, typed, onType, listLabel, matches, keyOf, optionProps, renderOption, noMatch, onChoose }: ChoiceListProps<T>) {
  const listId = useId();
  const { chosen, setActive, restart, onKeyDown } = useListChoice(matches, onChoose);
  const chosenId = chosen === undefined ? undefined : `${listId}-${keyOf(chosen)}`;
  // The choice stays in sight as the arrows move through a list longer than the dialog.
  useEffect(() => {
    if (chosenId) document.getElementById(chosenId)?.scrollIntoView({ block: 'nearest' });
  }, [chosenId]);
  return (
    <div className="pb-dialog-body">
      <input
        {...input}
        aria-controls={listId}
        aria-activedescendant={chosenId}
        value={typed}
        onChange={(event) => {
          onType(event.target.value);
          restart();
        }}
        onKeyDown={onKeyDown}
      />
      <ul id={listId} role="listbox" aria-label={listLabel} className="pb-switcher-list">
        {matches.map((item, index) => (
          <li
            key={keyOf(item)}
            id={`${listId}-${keyOf(item)}`}
            role="option"
            {...optionProps?.(item)}
            aria-selected={item === chosen}
            className={item === chosen ? 'pb-switcher-active' : undefined}
            onMouseEnter={() => setActive(index)}
            onClick={() => onChoose(item)}
          >
            {renderOption(item)}
          </li>
        ))}
        {matches.length === 0 && <li className="pb-muted">{noMatch}</li>}
      </ul>
    </div>
  );
}
