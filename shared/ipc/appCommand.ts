/**
 * What main asks the renderer to do: the application menu's items and deep links, sent on the one
 * command channel. Each is what the matching button in the UI does; none acts on its own (joining
 * still needs the user's click). The preload checks every command, and the renderer again.
 */
import * as v from 'valibot';
import { isCommandId, type CommandId } from '../commands/shortcuts';
import { ENTRY_KINDS } from '../entry/entryKind';
import { INVITE_SCHEME_PREFIX, parseInviteLink } from '../invite/inviteLink';
import { plainVariant } from '../schema/plainObject';
import { parseIpcPayload } from './ipcPayloadError';

/** The one channel main sends commands on; the bridge's `onCommand` subscribes to it. */
export const COMMAND_CHANNEL = 'peerbook:command';

/**
 * An invite link that parses, exactly as formatInviteLink writes one (everything percent-encoded,
 * so no spaces or control characters); anything else is not worth opening a dialog for.
 */
export function isJoinableLink(text: string): boolean {
  if (!text.toLowerCase().startsWith(INVITE_SCHEME_PREFIX) || /[\s\p{Cc}]/u.test(text)) return false;
  try {
    parseInviteLink(text);
    return true;
  } catch {
    return false;
  }
}

export const AppCommandSchema = plainVariant(
  'type',
  [
    /** A command of the app's one table (shared/commands/shortcuts.ts), run as its button runs it. */
    v.object({ type: v.literal('run'), command: v.custom<CommandId>(isCommandId, 'unknown command') }),
    v.object({ type: v.literal('new-entry'), kind: v.picklist(ENTRY_KINDS, 'unknown entry kind') }),
    /** Opens the Join dialog, filled in with `link` when a peerbook:// link opened the app. */
    v.object({ type: v.literal('join'), link: v.nullable(v.pipe(v.string(), v.check(isJoinableLink, 'not an invite link'))) }),
    v.object({ type: v.literal('export-entry') }),
    v.object({ type: v.literal('export-journal') }),
    v.object({ type: v.literal('open-settings') }),
  ],
  'unknown command',
);
export type AppCommand = Readonly<v.InferOutput<typeof AppCommandSchema>>;
export type AppCommandListener = (command: AppCommand) => void;

/** A command from main, as the preload and the renderer read it: exactly one of the above, or it throws. */
export function parseAppCommand(value: unknown): AppCommand {
  return parseIpcPayload(AppCommandSchema, value, COMMAND_CHANNEL);
}
