import type * as Y from 'yjs';
import type { ChecklistProgress } from '../../shared/library/entryRow';
import { $readBodyActivity, type BodyActivity } from './bodyActivity';
import { $readChecklistProgress } from './checklistProgress';
import { $readBodyText, type BodyText } from './entryText';
import { readBody } from './headlessBodyEditor';
import { $countUnsupportedContent } from './unsupportedContentNode';

/**
 * Everything the app derives from an entry's body, read in one go: its text and links (search,
 * "Linked from"), its check items (progress) and its people and ticks (This week, Insights).
 */
export interface BodyFacts {
  readonly text: BodyText;
  readonly progress: ChecklistProgress;
  readonly activity: BodyActivity;
  /** Parts of the body no reader shows (UnsupportedContentNode): the figures above leave them out. */
  readonly hiddenParts: number;
}

export function $readBodyFacts(): BodyFacts {
  return { text: $readBodyText(), progress: $readChecklistProgress(), activity: $readBodyActivity(), hiddenParts: $countUnsupportedContent() };
}

/** The same, for an entry that no editor shows. */
export function readBodyFacts(doc: Y.Doc): BodyFacts {
  return readBody(doc, $readBodyFacts);
}
