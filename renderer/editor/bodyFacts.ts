import type * as Y from 'yjs';
import type { ChecklistProgress } from '../../shared/library/entryRow';
import { $readBodyActivity, type BodyActivity } from './bodyActivity';
import { $readChecklistProgress } from './checklistProgress';
import { $readBodyText, type BodyText } from './entryText';
import { readBody } from './headlessBodyEditor';

/**
 * Everything the app derives from an entry's body, read in one go: its text and links (search,
 * "Linked from"), its check items (progress) and its people and ticks (This week, Insights).
 */
export interface BodyFacts {
  readonly text: BodyText;
  readonly progress: ChecklistProgress;
  readonly activity: BodyActivity;
}

export function $readBodyFacts(): BodyFacts {
  return { text: $readBodyText(), progress: $readChecklistProgress(), activity: $readBodyActivity() };
}

/** The same, for an entry that no editor shows. */
export function readBodyFacts(doc: Y.Doc): BodyFacts {
  return readBody(doc, $readBodyFacts);
}
