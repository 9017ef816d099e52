/** The three kinds of entry, one for each job Peerbook does (README.md, "Using it"). */
export const ENTRY_KINDS = ['lesson', 'checklist', 'debrief'] as const;

export type EntryKind = (typeof ENTRY_KINDS)[number];

export const ENTRY_KIND_LABELS: Readonly<Record<EntryKind, string>> = {
  lesson: 'Lesson',
  checklist: 'Checklist',
  debrief: 'Debrief',
};

export function isEntryKind(value: unknown): value is EntryKind {
  return typeof value === 'string' && (ENTRY_KINDS as readonly string[]).includes(value);
}
