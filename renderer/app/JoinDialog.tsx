import { useId, useState, type FormEvent } from 'react';
import { InviteLinkError, parseInviteLink, type InviteLink } from '../../shared/invite/inviteLink';
import { confirmedName, FormEnd, NameField } from './DialogParts';
import { ModalDialog } from './ModalDialog';

interface JoinDialogProps {
  readonly initialLink?: string;
  /** The name colleagues will see, to confirm on the first join (null once chosen). */
  readonly nameToConfirm?: string | null;
  readonly onJoin: (link: InviteLink, name: string | null) => void;
  readonly onClose: () => void;
}

/** Paste an invite link, press Join. A malformed link says what is wrong and creates nothing. */
export function JoinDialog({ initialLink = '', nameToConfirm = null, onJoin, onClose }: JoinDialogProps) {
  const fieldId = useId();
  const [text, setText] = useState(initialLink);
  const [name, setName] = useState(nameToConfirm ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const chosen = confirmedName(name, nameToConfirm !== null, setProblem);
    if (chosen === undefined) return;
    try {
      onJoin(parseInviteLink(text), chosen);
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
        {nameToConfirm !== null && <NameField id={`${fieldId}-name`} value={name} onChange={setName} />}
        <FormEnd problem={problem} submitLabel="Join" onCancel={onClose} />
      </form>
    </ModalDialog>
  );
}
