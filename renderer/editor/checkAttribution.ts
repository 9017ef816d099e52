import { $isListItemNode, $isListNode, ListItemNode } from '@lexical/list';
import {
  $getNodeByKey,
  $getState,
  $hasUpdateTag,
  $setState,
  COLLABORATION_TAG,
  createState,
  HISTORIC_TAG,
  type LexicalEditor,
} from 'lexical';
import { formatDayAndTime } from '../../shared/locale/localeFormat';

/**
 * Who ticked a check item, and when. Kept as Lexical NodeState on the item, which the Yjs
 * binding stores beside the item's other properties, so it travels with the item to peers and
 * into history. Only ticks made on this device are attributed here: a peer's tick arrives with
 * its own attribution (collaboration updates skip transforms).
 */
export const checkedByState = createState('checkedBy', {
  parse: (value) => (typeof value === 'string' ? value.slice(0, 80) : ''),
});

export const checkedAtState = createState('checkedAt', {
  parse: (value) => (typeof value === 'number' && Number.isFinite(value) ? value : 0),
});

export interface CheckAttribution {
  readonly by: string;
  readonly at: number;
}

export function $readCheckAttribution(item: ListItemNode): CheckAttribution | null {
  const by = $getState(item, checkedByState);
  return by ? { by, at: $getState(item, checkedAtState) } : null;
}

/** Records who ticked an item and when, or (null) clears it when the item is unticked. */
export function $writeCheckAttribution(item: ListItemNode, attribution: CheckAttribution | null): void {
  $setState(item, checkedByState, attribution?.by ?? '');
  $setState(item, checkedAtState, attribution?.at ?? 0);
}

function describe(attribution: CheckAttribution): string {
  return `Ticked by ${attribution.by}, ${formatDayAndTime(attribution.at)}`;
}

export function registerCheckAttribution(
  editor: LexicalEditor,
  currentName: () => string,
  now: () => number = Date.now,
): () => void {
  const stopTransform = editor.registerNodeTransform(ListItemNode, (item) => {
    if ($hasUpdateTag(COLLABORATION_TAG) || $hasUpdateTag(HISTORIC_TAG)) return;
    const parent = item.getParent();
    if (!$isListNode(parent) || parent.getListType() !== 'check') return;
    const checked = item.getChecked() === true;
    const attributed = $getState(item, checkedByState) !== '';
    if (checked && !attributed) $writeCheckAttribution(item, { by: currentName(), at: now() });
    else if (!checked && attributed) $writeCheckAttribution(item, null);
  });
  // Show the attribution as the item's tooltip, and to screen readers as its description.
  const stopMutations = editor.registerMutationListener(ListItemNode, (mutations) => {
    editor.getEditorState().read(() => {
      for (const [key, mutation] of mutations) {
        if (mutation === 'destroyed') continue;
        const node = $getNodeByKey(key);
        const element = editor.getElementByKey(key);
        if (!$isListItemNode(node) || !element) continue;
        const attribution = $readCheckAttribution(node);
        if (attribution && node.getChecked() === true) {
          element.title = describe(attribution);
          element.dataset.checkedBy = attribution.by;
        } else {
          element.removeAttribute('title');
          delete element.dataset.checkedBy;
        }
      }
    });
  });
  return () => {
    stopTransform();
    stopMutations();
  };
}
