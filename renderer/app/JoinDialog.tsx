import { useId, useState, type FormEvent } from 'react';
import { InviteLinkError, parseInviteLink, type InviteLink } from '../../shared/invite/inviteLink';
import { ModalDialog } from './ModalDialog';

interface JoinDialogProps {
  readonly initialLink?: string;
  readonly onJoin: (link: InviteLink) => void;
  readonly onClose: () => void;
}

/** Paste an invite link, press Join. A malformed link says what is wrong and creates nothing. */
export function JoinDialog({ initialLink = '', onJoin, onClose }: JoinDialogProps) {
  const fieldId = useId();
  const [text, setText] = useState(initialLink);
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    try {
      onJoin(parseInviteLink(text));
    } catch (cause) {
      setProblem(cause instanceof InviteLinkError ? cause.message : 'This invite link cannot be used.');
    }
  };
  return (
    <ModalDialog title="Join a shared entry" onClose={onClose}>
      <form className="pb-dialog-body" onSubmit={submit}>
        <p className="pb-muted">Paste the invite link a colleague sent you. The entry arrives from them directly, peer to peer.</p>
        <div className="pb-stacked-field">
          <label htmlFor={`${fieldId}-invitelink`}>Invite link</label>
          <input
            id={`${fieldId}-invitelink`}
            type="text"
            value={text}
            autoFocus
            spellCheck={false}
            placeholder="peerbook://join/…"
            maxLength={8192}
            aria-invalid={problem ? true : undefined}
            onChange={(event) => {
              setText(event.target.value);
              setProblem(null);
            }}
          />
        </div>
        {problem && (
          <p className="pb-field-error" role="alert">
            {problem}
          </p>
        )}
        <div className="pb-dialog-actions">
          <button type="button" className="pb-action" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="pb-action pb-primary">
            Join
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
