import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { useEffect } from 'react';
import { registerTextStyleGuard } from './textStyleGuard';

/** Keeps peers' inline text styles off the page (see registerTextStyleGuard); in every editor that shows a body. */
export function TextStyleGuardPlugin() {
  const [editor] = useLexicalComposerContext();
  useEffect(() => registerTextStyleGuard(editor), [editor]);
  return null;
}
