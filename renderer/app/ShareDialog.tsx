import { useId, useState, type FormEvent } from 'react';
import { confirmedName, FormEnd, NameField } from './DialogParts';
import { ModalDialog } from './ModalDialog';

interface ShareDialogProps {
  /** The entry's links once it is shared; null while it is private. */
  readonly links: { readonly invite: string; readonly readOnly: string | null } | null;
  /**
   * The name peers will see, to confirm before the first share (null once the person has chosen
   * one in Settings, on a join or a share before).
   */
  readonly nameToConfirm: string | null;
  readonly canKeepCopy: boolean;
  readonly onStartSharing: (name: string | null) => void;
  readonly onStopSharing: () => void;
  readonly onResetLink: () => void;
  readonly onKeepCopy: () => void;
  readonly onClose: () => void;
}

type Step = 'links' | 'confirm-reset' | 'confirm-stop';

/**
 * Sharing by consent: opening Share says what sharing means and shares nothing until `Start
 * sharing` is pressed. Once shared, the invite link (can edit) and the read-only link, `Reset
 * link` (asks first; colleagues holding the old link are told and keep their copy) and `Stop
 * sharing` (this device leaves the entry's colleagues; everyone keeps their copy).
 */
export function ShareDialog({ links, nameToConfirm, canKeepCopy, onStartSharing, onStopSharing, onResetLink, onKeepCopy, onClose }: ShareDialogProps) {
  const fieldId = useId();
  const [name, setName] = useState(nameToConfirm ?? '');
  const [step, setStep] = useState<Step>('links');
  const [problem, setProblem] = useState<string | null>(null);

  if (!links) {
    const start = (event: FormEvent): void => {
      event.preventDefault();
      const chosen = confirmedName(name, nameToConfirm !== null, setProblem);
      if (chosen !== undefined) onStartSharing(chosen);
    };
    return (
      <ModalDialog title="Share this entry" onClose={onClose}>
        <form className="pb-dialog-body" onSubmit={start}>
          <p>Sharing gives this entry an invite link. Everyone you send it to can open the entry and, with the editing link, change it with you, directly between your devices.</p>
          <ul className="pb-muted pb-share-terms">
            <li>Nothing is shared until you press Start sharing.</li>
            <li>A read-only link lets colleagues see the entry without changing it.</li>
            <li>You can reset the link or stop sharing at any time; whoever has the entry keeps their copy.</li>
          </ul>
          {nameToConfirm !== null && (
            <NameField
              id={`${fieldId}-name`}
              value={name}
              autoFocus
              onChange={(value) => {
                setName(value);
                setProblem(null);
              }}
            />
          )}
          <FormEnd problem={problem} submitLabel="Start sharing" onCancel={onClose} autoFocusSubmit={nameToConfirm === null} />
        </form>
      </ModalDialog>
    );
  }

  if (step !== 'links') {
    const resetting = step === 'confirm-reset';
    return (
      <ModalDialog title={resetting ? 'Reset the link?' : 'Stop sharing?'} onClose={() => setStep('links')}>
        <div className="pb-dialog-body">
          <p>
            {resetting
              ? 'Everyone who has the current links keeps their copy but gets nothing new, and is told that you reset the link. You then send the new link to whoever should still have it.'
              : 'This device stops meeting the colleagues who share this entry. Everyone keeps their copy; the others can go on sharing it among themselves.'}
          </p>
          <div className="pb-dialog-actions">
            <button type="button" className="pb-action" onClick={() => setStep('links')}>
              Cancel
            </button>
            <button
              type="button"
              className="pb-action pb-danger"
              data-autofocus
              onClick={() => {
                setStep('links');
                if (resetting) onResetLink();
                else onStopSharing();
              }}
            >
              {resetting ? 'Reset link' : 'Stop sharing'}
            </button>
          </div>
        </div>
      </ModalDialog>
    );
  }

  return (
    <ModalDialog title="Share this entry" onClose={onClose}>
      <div className="pb-dialog-body">
        <p className="pb-muted">Send a link only to the people you mean. Entries travel directly between your devices.</p>
        <CopyableLink label="Invite link" hint="Can open and edit the entry." value={links.invite} />
        {links.readOnly ? (
          <CopyableLink label="Read-only link" hint="Can open the entry and follow its changes, not change it." value={links.readOnly} copyName="Copy read-only link" />
        ) : (
          <p className="pb-muted">This entry was shared before read-only links existed: reset its link to get one.</p>
        )}
        <div className="pb-dialog-actions pb-dialog-actions-split">
          <button type="button" className="pb-action pb-danger" onClick={() => setStep('confirm-reset')}>
            Reset link
          </button>
          <button type="button" className="pb-action pb-danger" onClick={() => setStep('confirm-stop')}>
            Stop sharing
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

/** A link in a read-only field with its own Copy button (the field is selected when copying is refused). */
function CopyableLink({ label, hint, value, copyName }: { readonly label: string; readonly hint: string; readonly value: string; readonly copyName?: string }) {
  const fieldId = useId();
  const [copied, setCopied] = useState<'copied' | 'failed' | null>(null);
  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied('copied');
    } catch {
      // Clipboard access can be refused (permissions, insecure origin): select the text instead.
      const input = document.getElementById(fieldId);
      if (input instanceof HTMLInputElement) input.select();
      setCopied('failed');
    }
  };
  return (
    <div className="pb-stacked-field">
      <label htmlFor={fieldId}>{label}</label>
      <div className="pb-copy-row">
        <input id={fieldId} type="text" readOnly value={value} spellCheck={false} onFocus={(event) => event.target.select()} />
        <button type="button" className="pb-action pb-primary" aria-label={copyName} onClick={() => void copy()}>
          Copy
        </button>
      </div>
      <small className="pb-muted" aria-live="polite">
        {copied === 'copied' ? 'Copied to the clipboard.' : copied === 'failed' ? 'Press Ctrl+C to copy the selected link.' : hint}
      </small>
    </div>
  );
}
