import { useId, useLayoutEffect, useRef, type ReactNode } from 'react';

interface ModalDialogProps {
  readonly title: string;
  readonly onClose: () => void;
  readonly children: ReactNode;
  readonly className?: string;
}

const FIELDS = 'input:not([type="hidden"]):not([disabled]), textarea:not([disabled]), select:not([disabled])';

/**
 * Where typing goes when a dialog opens: an element marked `data-autofocus`, else its first field,
 * else its first button other than Close. The browser's own choice would be the Close button,
 * the first thing that takes focus, where typing goes nowhere and Enter closes the dialog.
 */
export function firstFocusTarget(dialog: HTMLElement): HTMLElement | null {
  return (
    dialog.querySelector<HTMLElement>('[data-autofocus]') ??
    dialog.querySelector<HTMLElement>(FIELDS) ??
    dialog.querySelector<HTMLElement>('button:not(.pb-dialog-close):not([disabled])')
  );
}

/**
 * A modal built on the native <dialog>: role `dialog`, focus kept inside, Escape closes it, and
 * the page behind is inert. It is named by its heading. Opening it puts focus in its first field;
 * closing it gives focus back to what had it before (the button or key press that opened it).
 */
export function ModalDialog({ title, onClose, children, className }: ModalDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const headingId = useId();
  // A layout effect: it runs before the browser paints the dialog, and its cleanup before React
  // takes the dialog out of the page, while the focus is still there to hand back.
  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    firstFocusTarget(dialog)?.focus();
    return () => {
      const hadFocus = dialog.contains(document.activeElement);
      dialog.close();
      if (hadFocus && opener?.isConnected) opener.focus();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      className={`pb-dialog ${className ?? ''}`}
      aria-labelledby={headingId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <div className="pb-dialog-head">
        <h2 id={headingId}>{title}</h2>
        <button type="button" className="pb-dialog-close" aria-label="Close" onClick={onClose}>
          ×
        </button>
      </div>
      {children}
    </dialog>
  );
}
