import { isAppUrl } from './appOrigin';

/**
 * Permissions the app may be granted, and only when the app origin asks. Empty on purpose: the
 * journal needs no camera, microphone, notifications, geolocation or clipboard-read today, and
 * Electron grants every permission unless a handler says otherwise. When a feature needs one, add
 * exactly that permission here, with a test.
 * https://www.electronjs.org/docs/latest/tutorial/security#5-handle-session-permission-requests-from-remote-content
 */
const GRANTED_PERMISSIONS: ReadonlySet<string> = new Set<string>();

/** Answer for both `setPermissionRequestHandler` and `setPermissionCheckHandler`. */
export function decidePermission(permission: string, requestingUrl: string): boolean {
  return GRANTED_PERMISSIONS.has(permission) && isAppUrl(requestingUrl);
}
