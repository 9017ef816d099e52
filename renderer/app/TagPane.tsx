import { useState, type KeyboardEvent } from 'react';

interface TagPaneProps {
  readonly tags: ReadonlyArray<{ tag: string; count: number }>;
  readonly activeTag: string | null;
  readonly onSelect: (tag: string | null) => void;
  readonly onRename: (from: string, to: string) => void;
}

/** Every tag with how many entries carry it; a tag filters the library, and can be renamed everywhere. */
export function TagPane({ tags, activeTag, onSelect, onRename }: TagPaneProps) {
  const [renaming, setRenaming] = useState<string | null>(null);
  const [draft, setDraft] = useState('');
  if (tags.length === 0) return null;
  const commit = (from: string): void => {
    const to = draft.trim();
    setRenaming(null);
    if (to && to !== from) onRename(from, to);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>, from: string): void => {
    if (event.key === 'Enter') {
      event.preventDefault();
      commit(from);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      setRenaming(null);
    }
  };
  return (
    <details className="pb-tag-pane" open>
      <summary>Tags</summary>
      <ul aria-label="Tags">
        {tags.map(({ tag, count }) => (
          <li key={tag} className={`pb-tag-row${activeTag === tag ? ' pb-tag-row-active' : ''}`}>
            {renaming === tag ? (
              <input
                className="pb-tag-rename"
                aria-label={`New name for tag ${tag}`}
                value={draft}
                autoFocus
                maxLength={60}
                onChange={(event) => setDraft(event.target.value)}
                onKeyDown={(event) => onKeyDown(event, tag)}
                onBlur={() => commit(tag)}
              />
            ) : (
              <>
                <button
                  type="button"
                  className="pb-tag-filter"
                  aria-pressed={activeTag === tag}
                  onClick={() => onSelect(activeTag === tag ? null : tag)}
                >
                  #{tag} <span className="pb-tag-count">{count}</span>
                </button>
                <button
                  type="button"
                  className="pb-tag-rename-button"
                  aria-label={`Rename tag ${tag}`}
                  title="Rename tag"
                  onClick={() => {
                    setDraft(tag);
                    setRenaming(tag);
                  }}
                >
                  ✎
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
    </details>
  );
}
