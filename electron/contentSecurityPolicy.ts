/**
 * The Content-Security-Policy sent with every HTML page of the app. Even with the sandbox and
 * context isolation, a script injected into the page could call the bridge; the policy keeps
 * everything but the app's own bundled scripts from running.
 * https://www.electronjs.org/docs/latest/tutorial/security#7-define-a-content-security-policy
 */
const CONTENT_SECURITY_POLICY: ReadonlyArray<readonly [directive: string, sources: readonly string[]]> = [
  ['default-src', ["'self'"]],
  // No 'unsafe-eval' and no 'unsafe-inline': the Vite production build needs neither.
  ['script-src', ["'self'"]],
  // Lexical writes inline style attributes for text formatting.
  ['style-src', ["'self'", "'unsafe-inline'"]],
  // data: and blob: for images pasted into an entry.
  ['img-src', ["'self'", 'data:', 'blob:']],
  // ws:/wss: for WebRTC signaling servers, which the user chooses (any host, LAN included).
  ['connect-src', ["'self'", 'ws:', 'wss:']],
  ['object-src', ["'none'"]],
  ['base-uri', ["'none'"]],
  ['frame-ancestors', ["'none'"]],
  ['form-action', ["'none'"]],
];

export function buildContentSecurityPolicy(): string {
  return CONTENT_SECURITY_POLICY.map(([directive, sources]) => `${directive} ${sources.join(' ')}`).join('; ');
}
