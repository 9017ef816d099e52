import { $createListItemNode, $createListNode, type ListItemNode } from '@lexical/list';
import { $createHeadingNode, type HeadingNode } from '@lexical/rich-text';
import { $createParagraphNode, $createTextNode, $getRoot, createEditor, type LexicalEditor, type ParagraphNode, type TextNode } from 'lexical';
import { describe, expect, it } from 'vitest';
import { ENTRY_BODY_NODES } from '../../../../renderer/editor/editorNodes';
import { $checkLists, $promptedBlocks, mayMovePrompts } from '../../../../renderer/editor/templatePrompts';

/** What the prompts plugin draws: prompted blocks, check lists and their empty items. */
function drawn(editor: LexicalEditor): string {
  return editor.getEditorState().read(() => JSON.stringify({ shown: [...$promptedBlocks('debrief')], ...$checkLists() }));
}

interface Body {
  actions: HeadingNode;
  filled: ParagraphNode;
  filledText: TextNode;
  empty: ParagraphNode;
  item: ListItemNode;
}

/** A debrief body: a section with a paragraph that has words and an empty one, and an Actions check list. */
function debrief(): { editor: LexicalEditor; body: Body; moved: boolean[] } {
  const editor = createEditor({ namespace: 'prompts-test', nodes: [...ENTRY_BODY_NODES], onError: (error) => { throw error; } });
  let body: Body | undefined;
  editor.update(
    () => {
      const heading = $createHeadingNode('h2').append($createTextNode('What went well'));
      const filledText = $createTextNode('The rollout');
      const filled = $createParagraphNode().append(filledText);
      const empty = $createParagraphNode();
      const actions = $createHeadingNode('h2').append($createTextNode('Actions'));
      const item = $createListItemNode(false);
      $getRoot().append(heading, filled, empty, actions, $createListNode('check').append(item));
      body = { actions, filled, filledText, empty, item };
    },
    { discrete: true },
  );
  const moved: boolean[] = [];
  editor.registerUpdateListener((update) => moved.push(mayMovePrompts(update)));
  if (!body) throw new Error('no body');
  return { editor, body, moved };
}

/** Runs `edit`, and returns whether what is drawn changed and whether the rule said it may. */
function edit(editor: LexicalEditor, moved: boolean[], change: () => void): { changed: boolean; mayMove: boolean } {
  const before = drawn(editor);
  const from = moved.length;
  editor.update(change, { discrete: true });
  expect(moved.length).toBe(from + 1);
  return { changed: drawn(editor) !== before, mayMove: moved[from] === true };
}

describe('which updates may move the template prompts', () => {
  it('lets typing in a line that has words pass without a walk of the body', () => {
    const { editor, body, moved } = debrief();
    expect(edit(editor, moved, () => body.filledText.getWritable().setTextContent('The rollout went'))).toEqual({ changed: false, mayMove: false });
  });

  it('reads each block once when many of its texts change together, and still sees the line emptied', () => {
    const { editor, body, moved } = debrief();
    let second: TextNode | undefined;
    edit(editor, moved, () => {
      // Bold, so that Lexical keeps it apart from the plain text before it.
      second = $createTextNode(' and the canary').toggleFormat('bold');
      body.filled.append(second);
    });
    // Both texts of one line change in one update, the line keeping its words: no walk.
    expect(
      edit(editor, moved, () => {
        body.filledText.setTextContent('The release');
        second?.setTextContent(' and its canary');
      }),
    ).toEqual({ changed: false, mayMove: false });
    // Both left with nothing but spaces in one update: the section's prompt comes back.
    expect(
      edit(editor, moved, () => {
        body.filledText.setTextContent('  ');
        second?.setTextContent(' ');
      }),
    ).toEqual({ changed: true, mayMove: true });
  });

  it('walks the body for every change that moves a prompt', () => {
    const cases: Array<[string, (body: Body) => void]> = [
      // The section's paragraphs are all blank once its only words are gone: the prompt comes back.
      ['the words of a section deleted', (body) => body.filledText.setTextContent('')],
      ['words typed in an item', (body) => body.item.append($createTextNode('Ship it'))],
      ['an item checked', (body) => body.item.setChecked(true)],
      // Its list is no longer the Actions list, which has the prompt.
      ['a heading renamed', (body) => body.actions.getFirstChildOrThrow<TextNode>().setTextContent('To do')],
      // The first section's only words leave it: its empty paragraph shows the prompt.
      ['a block removed', (body) => body.filled.remove()],
      ['a block moved', (body) => body.item.getParentOrThrow().insertAfter(body.filled)],
      ['a block added', (body) => body.filled.insertAfter($createListNode('check').append($createListItemNode(false)))],
      ['a check list made a bulleted one', (body) => body.item.getParentOrThrow().replace($createListNode('bullet'), true)],
    ];
    for (const [what, change] of cases) {
      const { editor, body, moved } = debrief();
      const result = edit(editor, moved, () => change(body));
      expect({ what, ...result }).toEqual({ what, changed: true, mayMove: true });
    }
  });

  it('walks the body when a whole new state is set', () => {
    const { editor, moved } = debrief();
    const other = debrief().editor.getEditorState();
    editor.setEditorState(editor.parseEditorState(JSON.stringify(other.toJSON())));
    expect(moved.at(-1)).toBe(true);
  });
});
