/**
 * A body reduced to what people and actions need: headings, and for every other top-level
 * block the mentions in it and its check items. Thanks (mentions.ts) and actions
 * (debriefActions.ts) are both "what is in a section": from a heading to the next heading of the
 * same or a higher level.
 */
export interface BodyCheckItem {
  /** The item's own text (not that of items nested below it). */
  readonly text: string;
  readonly mentions: readonly string[];
  readonly checked: boolean;
}

export type BodyOutlineBlock<Item extends BodyCheckItem = BodyCheckItem> =
  | { readonly type: 'heading'; readonly level: number; readonly text: string }
  | { readonly type: 'block'; readonly mentions: readonly string[]; readonly checkItems?: readonly Item[] };

export type BodyOutlineContent<Item extends BodyCheckItem = BodyCheckItem> = Extract<BodyOutlineBlock<Item>, { type: 'block' }>;

/** For each block, whether it lies in a section whose heading `isSectionHeading` accepts. */
export function sectionMembership(blocks: readonly BodyOutlineBlock<BodyCheckItem>[], isSectionHeading: (text: string) => boolean): boolean[] {
  let sectionLevel: number | null = null;
  return blocks.map((block) => {
    if (block.type !== 'heading') return sectionLevel !== null;
    if (sectionLevel !== null && block.level <= sectionLevel) sectionLevel = null;
    if (sectionLevel === null && isSectionHeading(block.text)) sectionLevel = block.level;
    return false;
  });
}

/** The blocks in every section whose heading `isSectionHeading` accepts, sub-sections included. */
export function blocksInSections<Item extends BodyCheckItem>(
  blocks: readonly BodyOutlineBlock<Item>[],
  isSectionHeading: (text: string) => boolean,
): BodyOutlineContent<Item>[] {
  const inSection = sectionMembership(blocks, isSectionHeading);
  return blocks.filter((block, index): block is BodyOutlineContent<Item> => block.type === 'block' && inSection[index] === true);
}
