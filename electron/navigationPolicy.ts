import { isAppUrl } from './appOrigin';

export type NavigationDecision = 'allow' | 'deny';

/**
 * Whether a window that shows the app may navigate to `url`. Only the app's own pages are allowed:
 * a journal has no reason to turn its window into someone else's web page, which would then run
 * next to the preload's bridge.
 * https://www.electronjs.org/docs/latest/tutorial/security#13-disable-or-limit-navigation
 */
export function decideNavigation(url: string): NavigationDecision {
  return isAppUrl(url) ? 'allow' : 'deny';
}

/**
 * The answer to every `window.open` and `target="_blank"` link: no new windows. A new window
 * would not get the hardened webPreferences unless it were built here on purpose.
 * https://www.electronjs.org/docs/latest/tutorial/security#14-disable-or-limit-creation-of-new-windows
 */
export function decideWindowOpen(): { action: 'deny' } {
  return { action: 'deny' };
}
