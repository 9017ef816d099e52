import { useId, type MouseEvent, type ReactNode } from 'react';

interface OverflowMenuProps {
  /** The menu button's name, e.g. "More actions". */
  readonly label: string;
  readonly className: string;
  /** What the button shows, when not its name ("⋯"); the name stays its accessible name. */
  readonly glyph?: string;
  /** Where the menu opens: below the button (default) or above it (at the foot of the sidebar). */
  readonly placement?: 'below' | 'above';
  /**
   * 'wide': when the window is wide enough for the items themselves (the entry's actions), they
   * are drawn in place as plain buttons and the menu button is hidden; only narrower windows
   * gather them into the menu. Either way each item is one button with its own name, never two.
   */
  readonly inlineWhen?: 'wide';
  /** The menu's buttons. */
  readonly children: ReactNode;
}

/**
 * A button that opens a small menu of further buttons, so that a row of actions fits its width.
 * Built on the native popover: Escape and a click elsewhere close it, it is drawn above
 * everything (never cut off), and the browser says whether it is expanded. The items stay
 * buttons with their own names, closed the menu once one is pressed.
 */
export function OverflowMenu({ label, className, glyph, placement = 'below', inlineWhen, children }: OverflowMenuProps) {
  const id = useId();
  const menuId = `${id}-menu`;
  const anchor = `--pb-menu-${id.replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const closeAfterChoice = (event: MouseEvent<HTMLDivElement>): void => {
    if (event.target instanceof HTMLElement && event.target.closest('button')) event.currentTarget.hidePopover();
  };
  return (
    <>
      <button type="button" className={inlineWhen ? `${className} pb-menu-toggle-${inlineWhen}` : className} popoverTarget={menuId} aria-label={glyph ? label : undefined} title={glyph ? label : undefined} style={{ anchorName: anchor }}>
        {glyph ?? label}
      </button>
      <div id={menuId} popover="auto" role="group" aria-label={label} className={`pb-menu pb-menu-${placement}${inlineWhen ? ` pb-menu-inline-${inlineWhen}` : ''}`} style={{ positionAnchor: anchor }} onClick={closeAfterChoice}>
        {children}
      </div>
    </>
  );
}
