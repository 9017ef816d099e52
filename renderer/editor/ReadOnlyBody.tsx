import { CheckListPlugin } from '@lexical/react/LexicalCheckListPlugin';
import { LexicalComposer } from '@lexical/react/LexicalComposer';
import { ContentEditable } from '@lexical/react/LexicalContentEditable';
import { LexicalErrorBoundary } from '@lexical/react/LexicalErrorBoundary';
import { ListPlugin } from '@lexical/react/LexicalListPlugin';
import { RichTextPlugin } from '@lexical/react/LexicalRichTextPlugin';
import { useMemo } from 'react';
import type * as Y from 'yjs';
import { bodyComposerConfig } from './editorNodes';
import { readBodyStateJson } from './headlessBodyEditor';
import { TextStyleGuardPlugin } from './TextStyleGuardPlugin';

/** A body shown read-only (a saved version beside the current text). */
export function ReadOnlyBody({ doc, label }: { doc: Y.Doc; label: string }) {
  const state = useMemo(() => readBodyStateJson(doc), [doc]);
  return (
    <LexicalComposer
      key={state}
      initialConfig={bodyComposerConfig('peerbook-version', false, state)}
    >
      <RichTextPlugin
        contentEditable={<ContentEditable className="pb-body pb-version-body" ariaLabel={label} role="document" />}
        ErrorBoundary={LexicalErrorBoundary}
      />
      <ListPlugin />
      <CheckListPlugin />
      <TextStyleGuardPlugin />
    </LexicalComposer>
  );
}
