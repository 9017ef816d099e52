import type { SnippetPart } from '../../shared/search/searchSnippet';

/** Text with the words that matched a search marked. */
export function HighlightedText({ parts }: { parts: readonly SnippetPart[] }) {
  return (
    <>
      {parts.map((part, index) => (part.match ? <mark key={index}>{part.text}</mark> : <span key={index}>{part.text}</span>))}
    </>
  );
}
