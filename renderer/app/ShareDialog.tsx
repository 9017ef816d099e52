import { useId, useState } from 'react';
import { ModalDialog } from './ModalDialog';

interface ShareDialogProps {
  readonly link: string;
  readonly canKeepCopy: boolean;
  readonly onResetLink: () => void;
  readonly onKeepCopy: () => void;
  readonly onClose: () => void;
}

/**
 * The entry's invite link, to send to colleagues. Everyone holding it can read and edit the
 * entry; Reset link revokes it (holders of the old link keep what they had, and get nothing new).
 */
export function ShareDialog({ link, canKeepCopy, onResetLink, onKeepCopy, onClose }: ShareDialogProps) {
  const fieldId = useId();
  const [copied, setCopied] = useState<'copied' | 'failed' | null>(null);
  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(link);
      setCopied('copied');
    } catch {
      // Clipboard access can be refused (permissions, insecure origin): select the text instead.
      const input = document.getElementById(`${fieldId}-link`);
      if (input instanceof HTMLInputElement) input.select();
      setCopied('failed');
    }
  };
  return (
    <ModalDialog title="Share this entry" onClose={onClose}>
      <div className="pb-dialog-body">
        <p className="pb-muted">
          Anyone with this link can open and edit this entry with you, directly between your devices. Send it only to the
          people you mean.
        </p>
        <div className="pb-stacked-field">
          <label htmlFor={`${fieldId}-link`}>Invite link</label>
          <div className="pb-copy-row">
            <input id={`${fieldId}-link`} type="text" readOnly value={link} spellCheck={false} onFocus={(event) => event.target.select()} />
            <button type="button" className="pb-action pb-primary" onClick={() => void copy()}>
              Copy
            </button>
          </div>
          <small className="pb-muted" aria-live="polite">
            {copied === 'copied' ? 'Copied to the clipboard.' : copied === 'failed' ? 'Press Ctrl+C to copy the selected link.' : '\u00a0'}
          </small>
        </div>
        <div className="pb-dialog-actions pb-dialog-actions-split">
          <button
            type="button"
            className="pb-action pb-danger"
            onClick={() => {
              setCopied(null);
              onResetLink();
            }}
          >
            Reset link
          </button>
          <span className="pb-spacer" />
          {canKeepCopy && (
            <button type="button" className="pb-action" onClick={onKeepCopy}>
              Keep my own copy
            </button>
          )}
          <button type="button" className="pb-action" onClick={onClose}>
            Done
          </button>
        </div>
      </div>
    </ModalDialog>
  );
}
