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
import { encodeBase64url } from '../encoding/base64url';

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
export const MAX_INVITE_LINK_LENGTH = 4096;
export const MAX_SIGNALING_SERVERS = 8;
export const MAX_RELAYS = 4;
export const MAX_INVITE_TITLE_LENGTH = 300;
/** base64url of at least 16 random bytes (128 bits). */
const SECRET_PATTERN = /^[A-Za-z0-9_-]{22,128}$/;
/** A write key or public write key: base64url of 32 bytes (shared/sync/writeProof.ts). */
const WRITE_KEY_PATTERN = /^[A-Za-z0-9_-]{43}$/;

function decode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    throw new InviteLinkError('bad-encoding');
  }
}

/** ws:// or wss://, a host (name, IPv4 or [IPv6]), an optional port and path; no credentials. */
const SIGNALING_URL_PATTERN = /^wss?:\/\/(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?)(:\d{1,5})?(\/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*)?$/;

const IPV4_OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4_PATTERN = new RegExp(`^${IPV4_OCTET}(?:\\.${IPV4_OCTET}){3}$`);

/**
 * A host WebSocket accepts. URL parsers read a host whose last label is a number as an IPv4
 * address, so `1.2.3.999` or `a.1` is not a host name but a malformed address that makes
 * `new WebSocket()` throw: such hosts must be four decimal octets.
 */
function isSignalingHost(host: string): boolean {
  if (host.startsWith('[')) return isIpv6(host.slice(1, -1));
  const last = host.split('.').at(-1) ?? '';
  const endsInNumber = /^\d+$/.test(last) || /^0x[0-9a-f]*$/i.test(last);
  return !endsInNumber || IPV4_PATTERN.test(host);
}

/** Eight groups of up to four hex digits, or fewer with one `::`; the last two may be an IPv4 address. */
function isIpv6(address: string): boolean {
  const halves = address.split('::');
  if (halves.length > 2) return false;
  const groups = halves.map((half) => (half === '' ? [] : half.split(':')));
  const all = groups.flat();
  const last = all.at(-1) ?? '';
  const count = all.length + (IPV4_PATTERN.test(last) ? 1 : 0);
  const hexOk = all.every((group, index) => /^[0-9a-f]{1,4}$/i.test(group) || (index === all.length - 1 && IPV4_PATTERN.test(group)));
  return hexOk && (halves.length === 2 ? count <= 7 : count === 8);
}

export function isSignalingUrl(value: string): boolean {
  if (value.length > 512) return false;
  const match = SIGNALING_URL_PATTERN.exec(value);
  if (!match || !isSignalingHost(match[1] as string)) return false;
  const port = /:(\d{1,5})(?:\/|$)/.exec(value.replace(/^wss?:\/\/\[[^\]]*\]/, 'ws://h'));
  return !port || Number(port[1]) <= 65535;
}

/** A relay is addressed like a signaling server: ws:// or wss://, a host WebSocket accepts, no credentials. */
export function isRelayUrl(value: string): boolean {
  return isSignalingUrl(value);
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
  if (!SECRET_PATTERN.test(room)) throw new InviteLinkError('bad-room');

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
      if (!SECRET_PATTERN.test(value)) throw new InviteLinkError('bad-key');
      key = value;
    } else if (name === 'sig') {
      if (!isSignalingUrl(value)) throw new InviteLinkError('bad-signaling-url');
      if (!signaling.includes(value) && signaling.length < MAX_SIGNALING_SERVERS) signaling.push(value);
    } else if (name === 'relay') {
      if (!isRelayUrl(value)) throw new InviteLinkError('bad-relay-url');
      if (!relays.includes(value) && relays.length < MAX_RELAYS) relays.push(value);
    } else if (name === 'verify' || name === 'write') {
      if (!WRITE_KEY_PATTERN.test(value)) throw new InviteLinkError('bad-write-key');
      if (name === 'verify') verify = value;
      else write = value;
    } else if (name === 'title') {
      if (value.length > MAX_INVITE_TITLE_LENGTH) throw new InviteLinkError('bad-title');
      title = wellFormed(value).replace(/\p{Cc}+/gu, ' ').trim() || null;
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
