/**
 * The lesson note a debrief's selected text would make, while one is offered
 * (LessonFromSelectionPlugin). New lesson asks here first, so Ctrl+Shift+L is one command
 * whether the page or the desktop menu answers the key: with text selected in a debrief it makes
 * that text a lesson note, anywhere else a new lesson.
 */
let offered: (() => void) | null = null;

/** Offers `make` until the returned function withdraws it. */
export function offerSelectionLesson(make: () => void): () => void {
  offered = make;
  return () => {
    if (offered === make) offered = null;
  };
}

/** Makes the offered lesson note, if one is offered; says whether it did. */
export function makeLessonFromSelection(): boolean {
  const make = offered;
  if (!make) return false;
  offered = null;
  make();
  return true;
}
