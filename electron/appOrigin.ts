/**
 * The origin the renderer is served from: `app://peerbook`.
 *
 * Serving local files from a custom scheme instead of `file://` gives the app a real origin that
 * CSP, navigation and IPC sender checks can compare against, and that web storage (IndexedDB,
 * where every entry lives) is keyed by.
 * https://www.electronjs.org/docs/latest/tutorial/security#18-avoid-usage-of-the-file-protocol-and-prefer-usage-of-custom-protocols
 *
 * Never change the scheme or host after a release: IndexedDB is scoped to the origin, so a new
 * origin would open to an empty library.
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'peerbook';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * True when `value` is a URL on the app origin. Compares scheme and host rather than
 * `URL.origin`, because Node's URL parser reports `'null'` as the origin of non-special schemes.
 * Credentials and ports are refused so that `app://peerbook@evil/` or `app://peerbook:1/` cannot
 * pass as the app.
 */
export function isAppUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return (
    url.protocol === `${APP_SCHEME}:` &&
    url.hostname === APP_HOST &&
    url.port === '' &&
    url.username === '' &&
    url.password === ''
  );
}
