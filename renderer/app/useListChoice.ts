import { useState, type KeyboardEvent } from 'react';

/**
 * The choice in a list filtered as the user types (Go to entry, the command palette): arrows move
 * it round the list, Enter takes it. `choose` is called with the chosen item.
 */
export function useListChoice<T>(items: readonly T[], choose: (item: T) => void) {
  const [active, setActive] = useState(0);
  const index = Math.max(0, Math.min(active, items.length - 1));
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setActive(items.length === 0 ? 0 : (index + (event.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const item = items[index];
      if (item !== undefined) choose(item);
    }
  };
  /** Back to the first item, as the list changes under what is typed. */
  const restart = (): void => setActive(0);
  return { index, chosen: items[index] as T | undefined, setActive, restart, onKeyDown };
}
