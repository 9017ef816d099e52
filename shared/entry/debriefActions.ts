import { MAX_ACTION_TEXT_LENGTH, type DebriefAction } from '../library/entryActivity';
import { blocksInSections, sectionMembership, type BodyCheckItem, type BodyOutlineBlock } from './bodyOutline';

/**
 * A debrief's follow-up actions: the check items under its "Actions" heading (the template's;
 * any heading that starts with "Action" or "Follow-up action"), down to the next heading of the
 * same or a higher level. The people an item mentions own it. An empty item (the template's
 * blank one) is not an action.
 */

/** The debrief template's section of actions (entryTemplates.ts). */
export const ACTIONS_SECTION_HEADING = 'Actions';

function isActionsHeading(text: string): boolean {
  const heading = text.trim().toLowerCase();
  return heading.startsWith('action') || heading.startsWith('follow-up action');
}

/** Whether the block at `index` is in a debrief's actions (where `@` offers the user themself). */
export function isInActionsSection(blocks: readonly BodyOutlineBlock[], index: number): boolean {
  return sectionMembership(blocks, isActionsHeading)[index] === true;
}

/** An item's text as an action holds it: one line, trimmed, at most 300 characters. */
export function actionText(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, MAX_ACTION_TEXT_LENGTH);
}

/**
 * The check items that are actions, in the order of the body. Generic over the item, so a writer
 * that carries its own handle to each item finds action number n exactly as it was derived.
 */
export function actionItemsIn<Item extends BodyCheckItem>(blocks: readonly BodyOutlineBlock<Item>[]): Item[] {
  return blocksInSections(blocks, isActionsHeading)
    .flatMap((block) => block.checkItems ?? [])
    .filter((item) => actionText(item.text).length > 0);
}

export function listDebriefActions(blocks: readonly BodyOutlineBlock[]): DebriefAction[] {
  return actionItemsIn(blocks).map((item) => ({ text: actionText(item.text), owners: [...new Set(item.mentions)], done: item.checked }));
}

/** Names are compared as people write them: spacing and letter case aside. */
export function isSamePerson(a: string, b: string): boolean {
  const normal = (name: string): string => name.replace(/\s+/g, ' ').trim().toLocaleLowerCase();
  return normal(a) === normal(b) && normal(a).length > 0;
}

export function countOpenActions(actions: readonly DebriefAction[]): number {
  return actions.filter((action) => !action.done).length;
}
