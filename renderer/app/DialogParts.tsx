import { cleanPersonName, MAX_PERSON_NAME_LENGTH } from '../../shared/people/person';

/** The name colleagues will see, as typed: spaces collapsed, trimmed, at most MAX_PERSON_NAME_LENGTH. */
export function chosenName(typed: string): string {
  return cleanPersonName(typed) ?? '';
}

export const EMPTY_NAME_PROBLEM = 'Your name cannot be empty: colleagues see it beside your cursor.';

/**
 * The name a dialog that asks for one (`asked`) goes on with: the typed name, cleaned; null when
 * no name was asked for; undefined, with the problem told, when one was asked for and is empty.
 */
export function confirmedName(typed: string, asked: boolean, onProblem: (problem: string) => void): string | null | undefined {
  if (!asked) return null;
  const chosen = chosenName(typed);
  if (chosen) return chosen;
  onProblem(EMPTY_NAME_PROBLEM);
  return undefined;
}

interface NameFieldProps {
  readonly id: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  /** Typing goes here when the dialog opens (ModalDialog), not to the dialog's first field. */
  readonly autoFocus?: boolean;
}

/** `Your name`, asked the first time someone shares or joins. */
export function NameField({ id, value, onChange, autoFocus }: NameFieldProps) {
  return (
    <div className="pb-stacked-field">
      <label htmlFor={id}>Your name</label>
      <input id={id} type="text" value={value} data-autofocus={autoFocus || undefined} maxLength={MAX_PERSON_NAME_LENGTH} onChange={(event) => onChange(event.target.value)} />
      <small className="pb-muted">Colleagues see this name beside your cursor and on the items you tick.</small>
    </div>
  );
}

interface FormEndProps {
  readonly problem: string | null;
  readonly submitLabel: string;
  readonly onCancel: () => void;
  readonly autoFocusSubmit?: boolean;
}

/** A form's problem (announced) and its Cancel and submit buttons. */
export function FormEnd({ problem, submitLabel, onCancel, autoFocusSubmit }: FormEndProps) {
  return (
    <>
      {problem && (
        <p className="pb-field-error" role="alert">
          {problem}
        </p>
      )}
      <div className="pb-dialog-actions">
        <button type="button" className="pb-action" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="pb-action pb-primary" data-autofocus={autoFocusSubmit || undefined}>
          {submitLabel}
        </button>
      </div>
    </>
  );
}
