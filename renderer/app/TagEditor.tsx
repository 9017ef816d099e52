import { useState, type KeyboardEvent } from 'react';

interface TagEditorProps {
  readonly tags: readonly string[];
  readonly disabled: boolean;
  readonly onAdd: (raw: string) => void;
  readonly onRemove: (tag: string) => void;
}

/** Tags as removable chips and one field that adds on Enter or comma. */
export function TagEditor({ tags, disabled, onAdd, onRemove }: TagEditorProps) {
  const [draft, setDraft] = useState('');
  const commit = (): void => {
    for (const part of draft.split(',')) if (part.trim()) onAdd(part);
    setDraft('');
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'Enter' || event.key === ',') {
      event.preventDefault();
      commit();
    } else if (event.key === 'Backspace' && draft === '' && tags.length > 0 && !disabled) {
      onRemove(tags[tags.length - 1] as string);
    }
  };
  return (
    <div className="pb-tags" role="group" aria-label="Tags">
      {tags.map((tag) => (
        <span key={tag} className="pb-tag pb-tag-chip">
          #{tag}
          <button type="button" className="pb-tag-remove" aria-label={`Remove tag ${tag}`} disabled={disabled} onClick={() => onRemove(tag)}>
            ×
          </button>
        </span>
      ))}
      <input
        className="pb-tag-input"
        aria-label="Add tag"
        placeholder={tags.length ? 'Add tag' : 'Add tags, e.g. on-call'}
        value={draft}
        disabled={disabled}
        maxLength={200}
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={onKeyDown}
        onBlur={commit}
      />
    </div>
  );
}
