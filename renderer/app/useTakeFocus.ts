import { useLayoutEffect, useRef, type KeyboardEvent } from 'react';

/**
 * A panel that opens beside the page (History) takes focus when it opens, closes with Escape, and
 * gives focus back to what had it before (the button or key press that opened it) when it closes.
 * Spread the result on the panel's element.
 */
export function useTakeFocus<T extends HTMLElement>(onClose: () => void) {
  const ref = useRef<T>(null);
  // Layout effect: the cleanup runs before the panel leaves the page, while it still has the focus.
  useLayoutEffect(() => {
    const panel = ref.current;
    if (!panel) return;
    const opener = document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null;
    panel.focus();
    return () => {
      if (panel.contains(document.activeElement) && opener?.isConnected) opener.focus();
    };
  }, []);
  return {
    ref,
    tabIndex: -1,
    onKeyDown: (event: KeyboardEvent<T>): void => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      event.preventDefault();
      onClose();
    },
  };
}
