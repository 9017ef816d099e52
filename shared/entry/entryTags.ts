/** Tags are short, lower-case labels without the leading '#', so "#On-call " and "on-call" match. */
export const MAX_TAG_LENGTH = 40;

export function normalizeTag(raw: string): string | null {
  // NFC first, and marks kept: "é" typed as e + U+0301 is the same tag as "é", and scripts
  // that write vowels as combining marks (Devanagari, Thai, ...) keep them.
  const tag = raw
    .normalize('NFC')
    .trim()
    .replace(/^#+/, '')
    .toLowerCase()
    .replace(/\s+/g, '-')
    .replace(/[^\p{L}\p{M}\p{N}_\-/.]/gu, '');
  if (tag.length === 0) return null;
  return tag.slice(0, MAX_TAG_LENGTH);
}
