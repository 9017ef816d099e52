import { isJoinableLink, type AppCommand } from '../shared/ipc/ipcContract';
import { MAX_INVITE_LINK_LENGTH } from '../shared/invite/inviteLink';

/**
 * peerbook:// links opened from a chat or mail app. The OS hands them to Peerbook as a URL
 * (macOS: the `open-url` event) or as a command-line argument (Windows and Linux: the first
 * launch's `process.argv`, or a second instance's argv, relayed by the single-instance lock).
 * Either way the link is untrusted text from another program: it only ever fills in the Join
 * dialog, and joining needs the user's click.
 */

export const DEEP_LINK_SCHEME = 'peerbook';

/** The Join command for a link, or null when it is not an invite link that parses. */
export function joinCommandForUrl(value: unknown): AppCommand | null {
  if (typeof value !== 'string' || value.length > MAX_INVITE_LINK_LENGTH) {
    return null;
  }
  return isJoinableLink(value) ? { type: 'join', link: value } : null;
}

/**
 * The Join command for the invite link among command-line arguments, or null. Chromium adds
 * switches of its own (`--original-process-start-time=…`) and may reorder arguments, and in
 * development argv also holds the app's path, so the link is looked for rather than expected at
 * an index. Switches are never links: a link that looks like one (`--peerbook://…`) is ignored,
 * so that arguments cannot smuggle in a switch (CVE-2018-1000006).
 */
export function joinCommandForArgv(argv: unknown): AppCommand | null {
  if (!Array.isArray(argv)) {
    return null;
  }
  for (const argument of argv.slice(0, 64)) {
    if (typeof argument !== 'string' || !argument.toLowerCase().startsWith(`${DEEP_LINK_SCHEME}:`)) {
      continue;
    }
    const command = joinCommandForUrl(argument);
    if (command !== null) {
      return command;
    }
  }
  return null;
}

/** What `app.setAsDefaultProtocolClient` is given for this process. */
export type ProtocolClientRegistration =
  | { readonly scheme: string }
  | { readonly scheme: string; readonly executable: string; readonly args: string[] };

export function protocolClientRegistration(process: {
  readonly defaultApp: boolean;
  readonly execPath: string;
  readonly argv: readonly string[];
  readonly resolvePath: (value: string) => string;
}): ProtocolClientRegistration {
  // `electron .` in development: the OS must start Electron with the app's folder, or the link
  // would open a bare Electron. Packaged, the executable is the app itself.
  // https://www.electronjs.org/docs/latest/tutorial/launch-app-from-url-in-another-app
  const appPath = process.argv[1];
  if (process.defaultApp && appPath !== undefined) {
    return { scheme: DEEP_LINK_SCHEME, executable: process.execPath, args: [process.resolvePath(appPath)] };
  }
  return { scheme: DEEP_LINK_SCHEME };
}
