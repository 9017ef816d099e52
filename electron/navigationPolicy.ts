import { isAppUrl } from './appOrigin';
import { openExternalUrl } from './externalLinks';

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
 * `will-navigate`: the app's own pages load in the window; a link to the web or a mail address
 * (a plain `<a href>` the user clicked) opens in the browser or mail app instead, after
 * checkExternalUrl; anything else goes nowhere.
 */
export function handleNavigation(url: string, openExternal: (url: string) => Promise<void>): NavigationDecision {
  if (decideNavigation(url) === 'allow') {
    return 'allow';
  }
  openExternalUrl(url, openExternal);
  return 'deny';
}

/**
 * The answer to every `window.open` and `target="_blank"` link: no new windows. A new window
 * would not get the hardened webPreferences unless it were built here on purpose. A web or mail
 * link opens outside the app (after checkExternalUrl); the window stays as it is.
 * https://www.electronjs.org/docs/latest/tutorial/security#14-disable-or-limit-creation-of-new-windows
 */
export function decideWindowOpen(
  details: { readonly url: string },
  openExternal: (url: string) => Promise<void>,
): { action: 'deny' } {
  openExternalUrl(details.url, openExternal);
  return { action: 'deny' };
}
