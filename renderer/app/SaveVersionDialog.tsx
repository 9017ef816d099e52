import { useEffect, useId, useRef, useState } from 'react';
import { FormEnd } from './DialogParts';
import { ModalDialog } from './ModalDialog';

interface SaveVersionDialogProps {
  /** Saves the version with the name given ('' for none). */
  readonly onSave: (name: string) => void;
  readonly onClose: () => void;
}

/** Save version: asks for an optional name first, then saves the entry as it is now. */
export function SaveVersionDialog({ onSave, onClose }: SaveVersionDialogProps) {
  const [name, setName] = useState('');
  const id = useId();
  const field = useRef<HTMLInputElement>(null);
  // Typing goes to the name: focused once the dialog is open (its own effect runs before this one).
  useEffect(() => field.current?.focus(), []);
  return (
    <ModalDialog title="Save version" onClose={onClose}>
      <form
        className="pb-dialog-body"
        onSubmit={(event) => {
          event.preventDefault();
          onSave(name.trim());
        }}
      >
        <div className="pb-stacked-field">
          <label htmlFor={`${id}-name`}>Version name</label>
          <input ref={field} id={`${id}-name`} type="text" maxLength={120} value={name} onChange={(event) => setName(event.target.value)} />
          <small className="pb-muted">Optional: a name to know this version by in History. Enter saves it.</small>
        </div>
        <FormEnd problem={null} submitLabel="Save" onCancel={onClose} />
      </form>
    </ModalDialog>
  );
}
