/**
 * Links in the app that lead outside it (a URL in an entry, the Help menu) open in the user's
 * browser or mail app, never in the app's window, and only for schemes that are safe to hand to
 * the OS. `shell.openExternal` passes anything else (file:, smb:, custom handlers of other apps)
 * to the OS as well, which can run programs.
 * https://www.electronjs.org/docs/latest/tutorial/security#15-do-not-use-shellopenexternal-with-untrusted-content
 */

const EXTERNAL_PROTOCOLS: ReadonlySet<string> = new Set(['http:', 'https:', 'mailto:']);

/** Far longer than any real link; the OS's own limits are lower on some platforms. */
const MAX_EXTERNAL_URL_LENGTH = 2048;

/** The URL to open, normalised by the URL parser, or null when it must not be opened. */
export function checkExternalUrl(value: unknown): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_EXTERNAL_URL_LENGTH) {
    return null;
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (!EXTERNAL_PROTOCOLS.has(url.protocol)) {
    return null;
  }
  // http(s) needs a host; credentials in a link are a phishing trick (https://bank@evil/).
  if (url.protocol !== 'mailto:' && (url.hostname === '' || url.username !== '' || url.password !== '')) {
    return null;
  }
  return url.href;
}

/** Opens `value` with `open` (main passes `shell.openExternal`) if it passes the check. */
export function openExternalUrl(value: unknown, open: (url: string) => Promise<void>): boolean {
  const url = checkExternalUrl(value);
  if (url === null) {
    return false;
  }
  open(url).catch((error: unknown) => {
    console.error('[peerbook] could not open an external link', error);
  });
  return true;
}
