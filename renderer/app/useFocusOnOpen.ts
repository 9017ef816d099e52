import { useEffect, type RefObject } from 'react';
import type { EntryId } from '../../shared/entry/entryId';
import type { BodyController } from '../editor/EntryEditor';
import { useAppStore } from './appStore';

/** Frames to wait for the body editor to appear before giving up (it mounts with the entry). */
const MAX_FRAMES = 30;

/**
 * Puts focus where the way the entry was opened says typing goes (appStore's `focusOnOpen`): the
 * title of a new entry, the body of an entry reached by a link, a search result, Go to entry or
 * Make lesson note. Asked once: a later redraw does not move the caret.
 */
export function useFocusOnOpen(id: EntryId, title: RefObject<HTMLInputElement | null>, body: RefObject<BodyController | null>): void {
  const store = useAppStore();
  useEffect(() => {
    const wanted = store.getState().focusOnOpen;
    if (wanted?.id !== id) return;
    if (wanted.target === 'title') {
      title.current?.focus();
      store.focusTaken(id);
      return;
    }
    let frame = 0;
    let tries = 0;
    // The body's controller is there once an editable body is (a read-only body takes no typing).
    const focusBody = (): void => {
      const editable = body.current;
      editable?.focusStart();
      if (editable || ++tries >= MAX_FRAMES) store.focusTaken(id);
      else frame = requestAnimationFrame(focusBody);
    };
    focusBody();
    return () => cancelAnimationFrame(frame);
  }, [store, id, title, body]);
}
