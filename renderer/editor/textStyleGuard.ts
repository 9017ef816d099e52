import { mergeRegister } from '@lexical/utils';
import { TextNode, type LexicalEditor } from 'lexical';

/**
 * Peerbook writes no inline style on text: its formatting is Lexical's format bits (bold,
 * italic, code, ...), shown through the theme's classes. A peer can still send text whose
 * `__style` holds any CSS (a stock client, or anyone holding the link), and Lexical would put it
 * on the text's element as it is: `position: fixed` over the whole window, a font size that
 * pushes everything else away. This keeps text to the formatting the editor itself writes:
 *
 * - Text shown here never carries a style attribute. Lexical applies a peer's change without
 *   running transforms, so the element is cleaned after each render (a mutation listener runs
 *   once the DOM is up to date), whoever changed the node.
 * - Text edited here loses the style in the document too, so it spreads no further.
 */
export function registerTextStyleGuard(editor: LexicalEditor): () => void {
  return mergeRegister(
    editor.registerMutationListener(TextNode, (mutations) => {
      for (const [key, mutation] of mutations) {
        if (mutation !== 'destroyed') editor.getElementByKey(key)?.removeAttribute('style');
      }
    }),
    editor.registerNodeTransform(TextNode, (node) => {
      if (node.getStyle() !== '') node.setStyle('');
    }),
  );
}
