/** An entry's tags as shown beside it (`#tag`), in a span or a paragraph; nothing without tags. */
export function EntryTags({ tags, as: Element = 'span' }: { tags: readonly string[]; as?: 'span' | 'p' }) {
  if (tags.length === 0) return null;
  return (
    <Element className="pb-entry-tags">
      {tags.map((tag) => (
        <span key={tag} className="pb-tag">
          #{tag}
        </span>
      ))}
    </Element>
  );
}
