/**
 * The parameters of an invite link (inviteLink.ts) as schemas: a room or key, a write key, a
 * signaling server or relay address, a title. The link codec checks each parameter with these,
 * and so does everything else that holds one (library rows, settings, the IPC contract), so a
 * value one of them accepts is one the others accept too.
 */
import * as v from 'valibot';
import { BASE64URL_32_BYTES } from '../encoding/base64url';

export const MAX_INVITE_LINK_LENGTH = 4096;
export const MAX_SIGNALING_SERVERS = 8;
export const MAX_RELAYS = 4;
export const MAX_INVITE_TITLE_LENGTH = 300;
/** Longer than any address a person types; URL parsers have their own, larger limits. */
export const MAX_SERVER_URL_LENGTH = 512;

/** A room name or a room key: base64url of at least 16 random bytes (128 bits). */
const SHARE_SECRET = /^[A-Za-z0-9_-]{22,128}$/;

/** ws:// or wss://, a host (name, IPv4 or [IPv6]), an optional port and path; no credentials. */
const SERVER_URL_PATTERN = /^wss?:\/\/(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?)(:\d{1,5})?(\/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*)?$/;

const IPV4_OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4_PATTERN = new RegExp(`^${IPV4_OCTET}(?:\\.${IPV4_OCTET}){3}$`);

/**
 * A host WebSocket accepts. URL parsers read a host whose last label is a number as an IPv4
 * address, so `1.2.3.999` or `a.1` is not a host name but a malformed address that makes
 * `new WebSocket()` throw: such hosts must be four decimal octets.
 */
function isServerHost(host: string): boolean {
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

/**
 * Addresses already judged: the same few servers are named by every row of a library of
 * thousands of shared entries, which is read at every start.
 */
const judged = new Map<string, boolean>();
const MAX_JUDGED = 256;

/** A signaling server's address: ws:// or wss://, a host WebSocket accepts, no credentials. */
export function isSignalingUrl(value: string): boolean {
  if (value.length > MAX_SERVER_URL_LENGTH) return false;
  let verdict = judged.get(value);
  if (verdict === undefined) {
    verdict = judgeServerUrl(value);
    if (judged.size >= MAX_JUDGED) judged.clear();
    judged.set(value, verdict);
  }
  return verdict;
}

function judgeServerUrl(value: string): boolean {
  if (value.length > MAX_SERVER_URL_LENGTH) return false;
  const match = SERVER_URL_PATTERN.exec(value);
  if (!match || !isServerHost(match[1] as string)) return false;
  const port = /:(\d{1,5})(?:\/|$)/.exec(value.replace(/^wss?:\/\/\[[^\]]*\]/, 'ws://h'));
  return !port || Number(port[1]) <= 65535;
}

/** A relay is addressed like a signaling server. */
export function isRelayUrl(value: string): boolean {
  return isSignalingUrl(value);
}

export function isShareSecret(value: unknown): value is string {
  return typeof value === 'string' && SHARE_SECRET.test(value);
}

/** A write key or public write key: base64url of 32 bytes (shared/sync/writeProof.ts). */
export function isWriteKey(value: unknown): value is string {
  return typeof value === 'string' && BASE64URL_32_BYTES.test(value);
}

export const ShareSecretSchema = v.custom<string>(isShareSecret, 'not a room or key');
export const WriteKeySchema = v.custom<string>(isWriteKey, 'not a write key');
export const SignalingUrlSchema = v.pipe(v.string(), v.check(isSignalingUrl));
export const RelayUrlSchema = v.pipe(v.string(), v.check(isRelayUrl));
export const InviteTitleSchema = v.pipe(v.string(), v.maxLength(MAX_INVITE_TITLE_LENGTH));
