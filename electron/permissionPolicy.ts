import { isAppUrl } from './appOrigin';

/**
 * Permissions the app may be granted, and only when the app origin asks. Electron grants every
 * permission unless a handler says otherwise, so this list is the whole of what the page can do
 * beyond plain web content. The journal needs no camera, microphone, notifications, geolocation,
 * clipboard reading or file-system access (main writes exports through its own dialogs).
 * When a feature needs one, add exactly that permission here, with a test.
 * https://www.electronjs.org/docs/latest/tutorial/security#5-handle-session-permission-requests-from-remote-content
 */
const GRANTED_PERMISSIONS: ReadonlySet<string> = new Set<string>([
  // The Share dialog's Copy button: navigator.clipboard.writeText. Writing only, never reading.
  'clipboard-sanitized-write',
]);

/** Answer for both `setPermissionRequestHandler` and `setPermissionCheckHandler`. */
export function decidePermission(permission: string, requestingUrl: string): boolean {
  return GRANTED_PERMISSIONS.has(permission) && isAppUrl(requestingUrl);
}
