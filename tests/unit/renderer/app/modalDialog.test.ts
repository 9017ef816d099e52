// @vitest-environment happy-dom
import { act, createElement, Fragment, useState } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { firstFocusTarget, ModalDialog } from '../../../../renderer/app/ModalDialog';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | null = null;
afterEach(() => {
  act(() => root?.unmount());
  root = null;
  document.body.innerHTML = '';
});

function html(markup: string): HTMLElement {
  const holder = document.createElement('div');
  holder.innerHTML = markup;
  return holder;
}

describe('where typing goes when a dialog opens', () => {
  it('is the first field, not the Close button', () => {
    const dialog = html('<button class="pb-dialog-close">×</button><p>Text</p><input type="hidden"><input aria-label="Invite link"><button>Join</button>');
    expect(firstFocusTarget(dialog)?.getAttribute('aria-label')).toBe('Invite link');
  });

  it('is what the dialog marks, or else its first button other than Close', () => {
    expect(firstFocusTarget(html('<button class="pb-dialog-close">×</button><input aria-label="Link"><button data-autofocus>Start sharing</button>'))?.textContent).toBe(
      'Start sharing',
    );
    expect(firstFocusTarget(html('<button class="pb-dialog-close">×</button><button>Cancel</button><button>Reset link</button>'))?.textContent).toBe('Cancel');
  });

  it('goes back to the button that opened the dialog when it closes', () => {
    const container = document.createElement('div');
    document.body.append(container);
    function Page() {
      const [open, setOpen] = useState(false);
      return createElement(
        'div',
        null,
        createElement('button', { id: 'opener', onClick: () => setOpen(true) }, 'Settings'),
        open &&
          createElement(ModalDialog, {
            title: 'Settings',
            onClose: () => setOpen(false),
            children: createElement(
              Fragment,
              null,
              createElement('input', { 'aria-label': 'Your name' }),
              createElement('button', { id: 'done', onClick: () => setOpen(false) }, 'Done'),
            ),
          }),
      );
    }
    root = createRoot(container);
    act(() => root?.render(createElement(Page)));
    const opener = document.getElementById('opener') as HTMLButtonElement;
    opener.focus();
    act(() => opener.click());
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Your name');
    act(() => (document.getElementById('done') as HTMLButtonElement).click());
    expect(document.querySelector('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });
});
