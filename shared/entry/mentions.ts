import type { ThanksCount } from '../library/entryActivity';
import { MAX_PERSON_NAME_LENGTH } from '../people/person';
import { blocksInSections, type BodyOutlineBlock } from './bodyOutline';

/**
 * Mentions are links: `@Name` is a link whose URL is `peerbook://person/<percent-encoded name>`.
 * A link survives Yjs sync, Lexical and Markdown export (`[@Ben](peerbook://person/Ben)`) with
 * nothing new to teach any of them, and the name travels in the URL, so editing the link's text
 * does not move a thank-you to someone else.
 */
export const MENTION_URL_PREFIX = 'peerbook://person/';

export function mentionUrl(name: string): string {
  return `${MENTION_URL_PREFIX}${encodeURIComponent(name.trim())}`;
}

/** The person a mention link names, or null for any other link. */
export function mentionNameFromUrl(url: string): string | null {
  if (!url.startsWith(MENTION_URL_PREFIX)) return null;
  try {
    const name = decodeURIComponent(url.slice(MENTION_URL_PREFIX.length)).replace(/\s+/g, ' ').trim();
    return name.length > 0 && name.length <= MAX_PERSON_NAME_LENGTH ? name : null;
  } catch {
    return null;
  }
}

/** The debrief template's section whose mentions count as thanks (entryTemplates.ts). */
export const THANKS_SECTION_HEADING = 'Knowledge exchanges that made a difference';

function isThanksHeading(text: string): boolean {
  // The heading may be shortened or re-cased by whoever edits the debrief.
  return text.trim().toLowerCase().startsWith('knowledge exchanges');
}

/**
 * Thanks: each mention in the "Knowledge exchanges that made a difference" section (from its
 * heading to the next heading of the same or a higher level) counts once for the person named.
 * Most thanked first, then by name.
 */
export function countThanks(blocks: readonly BodyOutlineBlock[]): ThanksCount[] {
  const counts = new Map<string, number>();
  for (const block of blocksInSections(blocks, isThanksHeading)) {
    for (const name of block.mentions) counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return sortThanks([...counts].map(([name, count]) => ({ name, count })));
}

export function sortThanks(thanks: ThanksCount[]): ThanksCount[] {
  return thanks.sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}
