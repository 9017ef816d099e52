import { useId, type MouseEvent, type ReactNode } from 'react';

interface OverflowMenuProps {
  /** The menu button's name, e.g. "More actions". */
  readonly label: string;
  readonly className: string;
  /** What the button shows, when not its name ("⋯"); the name stays its accessible name. */
  readonly glyph?: string;
  /** Where the menu opens: below the button (default) or above it (at the foot of the sidebar). */
  readonly placement?: 'below' | 'above';
  /** The menu's buttons. */
  readonly children: ReactNode;
}

/**
 * A button that opens a small menu of further buttons, so that a row of actions fits its width.
 * Built on the native popover: Escape and a click elsewhere close it, it is drawn above
 * everything (never cut off), and the browser says whether it is expanded. The items stay
 * buttons with their own names, closed the menu once one is pressed.
 */
export function OverflowMenu({ label, className, glyph, placement = 'below', children }: OverflowMenuProps) {
  const id = useId();
  const menuId = `${id}-menu`;
  const anchor = `--pb-menu-${id.replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const closeAfterChoice = (event: MouseEvent<HTMLDivElement>): void => {
    if (event.target instanceof HTMLElement && event.target.closest('button')) event.currentTarget.hidePopover();
  };
  return (
    <>
      <button type="button" className={className} popoverTarget={menuId} aria-label={glyph ? label : undefined} title={glyph ? label : undefined} style={{ anchorName: anchor }}>
        {glyph ?? label}
      </button>
      <div id={menuId} popover="auto" role="group" aria-label={label} className={`pb-menu pb-menu-${placement}`} style={{ positionAnchor: anchor }} onClick={closeAfterChoice}>
        {children}
      </div>
    </>
  );
}
