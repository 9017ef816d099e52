/**
 * The invite link (contract, see docs/FORMAT.md and ARCHITECTURE.md):
 *
 *   peerbook://join/<room>#key=<secret>[&verify=<public key>[&write=<write key>]]&sig=<url-encoded signaling URL>[&sig=...][&relay=<url-encoded relay URL>...][&title=<url-encoded>]
 *
 * `<room>` is the y-webrtc room name and `<secret>` the y-webrtc `password`, as is. Both are
 * random (at least 128 bits), never derived from the title or the entry id. The key travels in
 * the fragment so that it never reaches a server when the link is opened in a browser. `relay`
 * names a relay (docs/FORMAT.md, "The relay") that passes the entry's changes, encrypted, between
 * colleagues who are never online together; stock y-webrtc clients ignore it. An entry with
 * read-only links has a write key pair (docs/FORMAT.md, "Read-only links"): every link names its
 * public key (`verify`), and only a link that may edit carries the private key (`write`); a link
 * with neither is an entry's link from before read-only links, and may edit.
 */
import * as v from 'valibot';
import { encodeBase64url } from '../encoding/base64url';
import {
  InviteTitleSchema,
  MAX_INVITE_LINK_LENGTH,
  MAX_INVITE_TITLE_LENGTH,
  MAX_RELAYS,
  MAX_SIGNALING_SERVERS,
  RelayUrlSchema,
  ShareSecretSchema,
  SignalingUrlSchema,
  WriteKeySchema,
} from './linkParameters';

export interface InviteLink {
  readonly room: string;
  readonly key: string;
  readonly signaling: readonly string[];
  /** Relays (ws:// or wss://), in the link's order; absent or empty when the entry has none. */
  readonly relays?: readonly string[];
  /** The entry's public write key: present in every link of an entry with read-only links. */
  readonly verify?: string;
  /** The private write key: only in a link that may edit such an entry. */
  readonly write?: string;
  readonly title: string | null;
}

export type InviteLinkProblem =
  | 'empty'
  | 'too-long'
  | 'wrong-scheme'
  | 'no-room'
  | 'bad-room'
  | 'no-key'
  | 'bad-key'
  | 'bad-encoding'
  | 'bad-signaling-url'
  | 'no-signaling'
  | 'bad-relay-url'
  | 'bad-write-key'
  | 'bad-title';

const PROBLEM_MESSAGES: Readonly<Record<InviteLinkProblem, string>> = {
  empty: 'Paste an invite link first.',
  'too-long': 'This link is too long to be a Peerbook invite link.',
  'wrong-scheme': 'This is not a Peerbook invite link: it should start with peerbook://join/.',
  'no-room': 'This invite link has no room in it.',
  'bad-room': 'The room in this invite link is malformed.',
  'no-key': 'This invite link has no key (#key=…); ask for the whole link.',
  'bad-key': 'The key in this invite link is malformed.',
  'bad-encoding': 'This invite link is damaged (bad %-encoding).',
  'bad-signaling-url': 'A signaling server in this invite link is not a ws:// or wss:// address.',
  'no-signaling': 'This invite link names no signaling server (&sig=…).',
  'bad-relay-url': 'A relay in this invite link is not a ws:// or wss:// address.',
  'bad-write-key': 'The keys in this invite link that say who may edit are malformed.',
  'bad-title': 'The title in this invite link is too long.',
};

/** The codec's only error: every malformed input yields one, with a message for the UI. */
export class InviteLinkError extends Error {
  constructor(readonly problem: InviteLinkProblem) {
    super(PROBLEM_MESSAGES[problem]);
    this.name = 'InviteLinkError';
  }
}

export const INVITE_SCHEME_PREFIX = 'peerbook://join/';
export { isRelayUrl, isSignalingUrl, MAX_INVITE_LINK_LENGTH, MAX_INVITE_TITLE_LENGTH, MAX_RELAYS, MAX_SIGNALING_SERVERS } from './linkParameters';

function decode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    throw new InviteLinkError('bad-encoding');
  }
}

/** `value` if `schema` accepts it; otherwise the link fails with `problem`. */
function checked<S extends v.GenericSchema<string>>(schema: S, value: string, problem: InviteLinkProblem): v.InferOutput<S> {
  const result = v.safeParse(schema, value);
  if (!result.success) throw new InviteLinkError(problem);
  return result.output;
}

/** Parses a pasted link; surrounding spaces are forgiven, anything else malformed is refused. */
export function parseInviteLink(input: string): InviteLink & { readonly relays: readonly string[] } {
  const text = input.trim();
  if (text.length === 0) throw new InviteLinkError('empty');
  if (text.length > MAX_INVITE_LINK_LENGTH) throw new InviteLinkError('too-long');
  if (!text.toLowerCase().startsWith(INVITE_SCHEME_PREFIX)) throw new InviteLinkError('wrong-scheme');
  const rest = text.slice(INVITE_SCHEME_PREFIX.length);
  const hashAt = rest.indexOf('#');
  const roomPart = hashAt === -1 ? rest : rest.slice(0, hashAt);
  const fragment = hashAt === -1 ? '' : rest.slice(hashAt + 1);
  const room = decode(roomPart.replace(/\/+$/, ''));
  if (room.length === 0) throw new InviteLinkError('no-room');
  checked(ShareSecretSchema, room, 'bad-room');

  let key: string | null = null;
  let verify: string | null = null;
  let write: string | null = null;
  let title: string | null = null;
  const signaling: string[] = [];
  const relays: string[] = [];
  for (const pair of fragment.split('&')) {
    if (pair.length === 0) continue;
    const eq = pair.indexOf('=');
    const name = eq === -1 ? pair : pair.slice(0, eq);
    const value = decode(eq === -1 ? '' : pair.slice(eq + 1));
    if (name === 'key') {
      key = checked(ShareSecretSchema, value, 'bad-key');
    } else if (name === 'sig') {
      checked(SignalingUrlSchema, value, 'bad-signaling-url');
      if (!signaling.includes(value) && signaling.length < MAX_SIGNALING_SERVERS) signaling.push(value);
    } else if (name === 'relay') {
      checked(RelayUrlSchema, value, 'bad-relay-url');
      if (!relays.includes(value) && relays.length < MAX_RELAYS) relays.push(value);
    } else if (name === 'verify' || name === 'write') {
      checked(WriteKeySchema, value, 'bad-write-key');
      if (name === 'verify') verify = value;
      else write = value;
    } else if (name === 'title') {
      title = wellFormed(checked(InviteTitleSchema, value, 'bad-title')).replace(/\p{Cc}+/gu, ' ').trim() || null;
    }
    // Unknown parameters are ignored, so later versions can add some.
  }
  if (key === null) throw new InviteLinkError('no-key');
  if (signaling.length === 0) throw new InviteLinkError('no-signaling');
  // A write key is meaningless without the public key it belongs to.
  if (write !== null && verify === null) throw new InviteLinkError('bad-write-key');
  return { room, key, signaling, relays, title, ...(verify ? { verify } : {}), ...(write ? { write } : {}) };
}

/**
 * `text` with every lone surrogate replaced by U+FFFD: encodeURIComponent throws on one, and
 * cutting a title at a length can split an emoji into one (ES2024's String#toWellFormed).
 */
function wellFormed(text: string): string {
  return text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

export function formatInviteLink(link: InviteLink): string {
  const parts = [
    `key=${link.key}`,
    ...(link.verify ? [`verify=${link.verify}`] : []),
    ...(link.verify && link.write ? [`write=${link.write}`] : []),
    ...link.signaling.map((url) => `sig=${encodeURIComponent(url)}`),
    ...(link.relays ?? []).map((url) => `relay=${encodeURIComponent(url)}`),
  ];
  if (link.title) {
    // Cut by characters, not UTF-16 units, so an emoji at the limit is dropped rather than split.
    let title = link.title.slice(0, MAX_INVITE_TITLE_LENGTH);
    if (/[\ud800-\udbff]$/.test(title)) title = title.slice(0, -1);
    parts.push(`title=${encodeURIComponent(wellFormed(title))}`);
  }
  return `${INVITE_SCHEME_PREFIX}${link.room}#${parts.join('&')}`;
}

/** A fresh room name and key: 24 random bytes (192 bits) each. */
export function createShareSecrets(randomBytes: (length: number) => Uint8Array): { room: string; key: string } {
  return { room: encodeBase64url(randomBytes(24)), key: encodeBase64url(randomBytes(24)) };
}
