import * as wrtc from '@roamhq/wrtc';
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { PeerSync } from '../../renderer/collab/peerSync';
import {
  formatInviteLink,
  INVITE_SCHEME_PREFIX,
  InviteLinkError,
  MAX_INVITE_LINK_LENGTH,
  MAX_INVITE_TITLE_LENGTH,
  MAX_RELAYS,
  MAX_SIGNALING_SERVERS,
  parseInviteLink,
  type InviteLink,
  type InviteLinkProblem,
} from '../../shared/invite/inviteLink';
import { SeededRandom } from './support/seededRandom';

/**
 * A grammar-aware fuzzer for the invite link (the contract in docs/FORMAT.md):
 *
 *   peerbook://join/<room>#key=<secret>&sig=<url-encoded signaling URL>[&sig=...][&relay=<url-encoded relay URL>...][&title=<url-encoded>]
 *
 * Links are built from parts (room, key, signaling URLs, relay URLs, title, unknown parameters), valid ones
 * and broken ones, and then mutated within a part: percent-encoding (partial, double, malformed),
 * Unicode (emoji, right-to-left, combining marks, control characters, lone surrogates), huge
 * values, repeated and missing parameters, separators in the wrong places. Every input must either
 * parse to a link that keeps the contract or be refused with the codec's InviteLinkError; nothing
 * else may be thrown. Inputs built from valid parts only must parse to exactly those parts, and
 * inputs with one known fault must be refused for that fault.
 */

const INPUTS = 12_000;
const PROBLEMS: readonly InviteLinkProblem[] = [
  'empty',
  'too-long',
  'wrong-scheme',
  'no-room',
  'bad-room',
  'no-key',
  'bad-key',
  'bad-encoding',
  'bad-signaling-url',
  'no-signaling',
  'bad-relay-url',
  'bad-title',
];
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const SECRET = /^[A-Za-z0-9_-]{22,128}$/;
const UNICODE = ['é', 'e\u0301', '日本', 'שלום', '\u202e', '\u{1F600}', '\u{1F469}\u200D\u{1F4BB}', '\u0000', '\u0007', '\u007f', '\u0085', '\u2028', '\ufeff', '\ud800', ' ', '\t', '\n'];
const PUNCTUATION = ['%', '#', '&', '=', '/', '?', ':', '@', '+', ';', ',', '[', ']', '"', "'", '<', '>', '\\', '|', '`', '^', '{', '}', '~', '.'];

/** encodeURIComponent, except that a lone surrogate (which it refuses) is left as it is. */
function encode(text: string): string {
  return [...text].map((char) => (/^[\ud800-\udfff]$/.test(char) ? char : encodeURIComponent(char))).join('');
}

type Outcome = { readonly parsed: InviteLink } | { readonly refused: InviteLinkProblem };

function outcomeOf(input: string): Outcome {
  try {
    return { parsed: parseInviteLink(input) };
  } catch (error) {
    // Anything but the codec's own error fails the test right here, with the input.
    if (!(error instanceof InviteLinkError)) throw new Error(`parseInviteLink threw ${String(error)} for ${JSON.stringify(input)}`);
    return { refused: error.problem };
  }
}

/** What a parsed link must hold, whatever the input. */
function expectContract(link: InviteLink, input: string): void {
  const where = JSON.stringify(input).slice(0, 300);
  expect(link.room, where).toMatch(SECRET);
  expect(link.key, where).toMatch(SECRET);
  expect(link.signaling.length, where).toBeGreaterThan(0);
  expect(link.signaling.length, where).toBeLessThanOrEqual(MAX_SIGNALING_SERVERS);
  expect(new Set(link.signaling).size, where).toBe(link.signaling.length);
  const relays = link.relays ?? [];
  expect(relays.length, where).toBeLessThanOrEqual(MAX_RELAYS);
  expect(new Set(relays).size, where).toBe(relays.length);
  for (const url of [...link.signaling, ...relays]) {
    expect(url, where).toMatch(/^wss?:\/\//);
    // It is what WebSocket will be given, so it must be a URL (punycode host names excepted: the
    // codec cannot check them, and PeerSync leaves out what the platform cannot parse).
    if (!/(^|[/.])xn--/i.test(url)) expect(URL.canParse(url), `${url} from ${where}`).toBe(true);
    else continue;
    const parsed = new URL(url);
    expect(['ws:', 'wss:'], where).toContain(parsed.protocol);
    expect(parsed.username + parsed.password, where).toBe('');
    expect(url, where).not.toMatch(/[\s\p{Cc}]/u);
  }
  if (link.title !== null) {
    expect(link.title.length, where).toBeLessThanOrEqual(MAX_INVITE_TITLE_LENGTH);
    expect(link.title, where).not.toMatch(/\p{Cc}/u);
    expect(link.title, where).toBe(link.title.trim());
    expect(link.title.length, where).toBeGreaterThan(0);
    // Well-formed text: no half of an emoji, which encodeURIComponent (and so Share) would throw on.
    expect(() => encodeURIComponent(link.title ?? ''), where).not.toThrow();
  }
  // A parsed link formats to a link that parses back to itself.
  expect(parseInviteLink(formatInviteLink(link)), where).toEqual(link);
}

// --- Valid parts ---------------------------------------------------------------------------

function secret(random: SeededRandom, length = random.pick([22, 32, 32, 32, 43, 64, 128])): string {
  return Array.from({ length }, () => random.pick([...BASE64URL])).join('');
}

function host(random: SeededRandom): string {
  return random.pick([
    '127.0.0.1',
    'localhost',
    '192.168.1.20',
    '[::1]',
    '[fe80::1:2]',
    '[::ffff:10.0.0.1]',
    '[1:2:3:4:5:6:7:8]',
    '255.255.255.255',
    'signal.example.org',
    'a.b-c.d9',
    `h${random.int(1000)}.lan`,
  ]);
}

function signalingUrl(random: SeededRandom): string {
  const port = random.chance(0.6) ? `:${random.pick([1, 80, 443, 4444, 65535, random.int(65536)])}` : '';
  const path = random.chance(0.4) ? random.pick(['/', '/y', '/signal/v1', "/a_b~c!$&'()*+,;=:@%20", '/%F0%9F%98%80']) : '';
  return `${random.pick(['ws', 'wss'])}://${host(random)}${port}${path}`;
}

function title(random: SeededRandom): string | null {
  if (random.chance(0.3)) return null;
  const words = ['Release', 'day', '&', 'more', '#7', '50%', 'a=b', 'Ünïcödé', '日本語', '\u{1F680}', 'שלום', 'x+y', '?', '/'];
  const text = Array.from({ length: random.between(1, 8) }, () => random.pick(words)).join(' ');
  return text.slice(0, MAX_INVITE_TITLE_LENGTH);
}

interface Parts {
  readonly room: string;
  readonly key: string;
  readonly signaling: string[];
  readonly relays: string[];
  readonly title: string | null;
}

function validParts(random: SeededRandom): Parts {
  const signaling = [...new Set(Array.from({ length: random.between(1, 3) }, () => signalingUrl(random)))];
  const relays = [...new Set(Array.from({ length: random.int(3) }, () => signalingUrl(random)))];
  return { room: secret(random), key: secret(random), signaling, relays, title: title(random) };
}

/**
 * The link as the app writes it, with the parameters in any order and unknown ones mixed in.
 * Signaling servers keep their order among themselves (the first is the one to try first), and
 * so do relays.
 */
function assemble(random: SeededRandom, parts: Parts, extra: string[] = []): string {
  const sigs = parts.signaling.map((url) => `sig=${encode(url)}`);
  const relays = parts.relays.map((url) => `relay=${encode(url)}`);
  const params = [`key=${parts.key}`, ...sigs, ...relays, ...(parts.title === null ? [] : [`title=${encode(parts.title)}`]), ...extra];
  for (let i = params.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [params[i], params[j]] = [params[j] as string, params[i] as string];
  }
  let nextSig = 0;
  let nextRelay = 0;
  const ordered = params.map((param) =>
    sigs.includes(param) ? (sigs[nextSig++] as string) : relays.includes(param) ? (relays[nextRelay++] as string) : param,
  );
  return `${INVITE_SCHEME_PREFIX}${parts.room}#${ordered.join('&')}`;
}

function unknownParams(random: SeededRandom): string[] {
  return Array.from({ length: random.int(3) }, () => random.pick(['v=2', 'x', 'utm_source=mail', `z=${encode('日本')}`, 'Key=ignored', 'sig2=ws%3A%2F%2Fh', '']));
}

// --- Faults with a known answer --------------------------------------------------------------

/** Addresses that are not a ws:// or wss:// server WebSocket could open: refused for `sig` and `relay` alike. */
const NOT_WEBSOCKET_SERVER_URLS = [
  'http://h',
  'https://signal.example.org',
  'javascript:alert(1)',
  'ws://',
  'ws://user:pass@h',
  'ws://h:65536',
  'ws://h:99999',
  'ws://h h',
  'wss://-h',
  'ws://[zz::1]',
  'WS://H',
  'ws:/h',
  `ws://${'a'.repeat(600)}`,
  'ws://h/\u{1F600}',
  'ws://1.2.3.999',
  'ws://10.0.0.256',
  'ws://1.2.3.4.5',
  'ws://signal.1',
  'ws://h.0x1f',
  'ws://09.1.1.1',
  'ws://[1:2]',
  'ws://[1::2::3]',
  'ws://[1.2.3.4]',
  'ws://[12345::1]'
];

interface Fault {
  readonly name: string;
  readonly problem: InviteLinkProblem;
  readonly build: (random: SeededRandom, parts: Parts) => string;
}

const FAULTS: readonly Fault[] = [
  { name: 'empty or blank', problem: 'empty', build: (random) => random.pick(['', ' ', '\n\t ', '\u00a0']) },
  {
    name: 'longer than any link',
    problem: 'too-long',
    build: (random, parts) => assemble(random, parts, [`title=${'x'.repeat(MAX_INVITE_LINK_LENGTH)}`]),
  },
  {
    name: 'another scheme',
    problem: 'wrong-scheme',
    build: (random, parts) =>
      assemble(random, parts).replace(INVITE_SCHEME_PREFIX, random.pick(['https://peerbook.app/join/', 'peerbook://open/', 'peerbook:/join/', 'peerbook//join/', 'peerbook://join', ' x peerbook://join/'])),
  },
  { name: 'no room', problem: 'no-room', build: (random, parts) => assemble(random, { ...parts, room: random.pick(['', '/', '//']) }) },
  {
    name: 'a room that is not a secret',
    problem: 'bad-room',
    build: (random, parts) => assemble(random, { ...parts, room: random.pick([secret(random, 21), secret(random, 129), `${secret(random, 30)}+/`, `${secret(random, 30)}é`, 'room with spaces in it okay', `${secret(random, 16)}%2B${secret(random, 16)}`]) }),
  },
  { name: 'no key', problem: 'no-key', build: (random, parts) => assemble(random, parts).replace(/key=[^&]*&?/, '') },
  {
    name: 'a key that is not a secret',
    problem: 'bad-key',
    build: (random, parts) => assemble(random, { ...parts, key: random.pick(['', secret(random, 21), secret(random, 129), `${secret(random, 30)}==`, `${secret(random, 30)}%20`, '\u{1F600}'.repeat(11)]) }),
  },
  {
    name: 'malformed percent-encoding in a value',
    problem: 'bad-encoding',
    build: (random, parts) => {
      const broken = random.pick(['%', '%E0%A4%A', '%zz', '%F0%9F%98', '%C0%AF', '%ED%A0%80', '%%41']);
      return assemble(random, { ...parts, title: null }, [`title=${broken}`]);
    },
  },
  {
    name: 'a signaling server that is not ws:// or wss://',
    problem: 'bad-signaling-url',
    build: (random, parts) =>
      assemble(random, {
        ...parts,
        signaling: [
          random.pick(NOT_WEBSOCKET_SERVER_URLS),
        ],
      }),
  },
  {
    name: 'a relay that is not ws:// or wss://',
    problem: 'bad-relay-url',
    build: (random, parts) => assemble(random, { ...parts, relays: [...parts.relays, random.pick(NOT_WEBSOCKET_SERVER_URLS)] }),
  },
  { name: 'no signaling server', problem: 'no-signaling', build: (random, parts) => assemble(random, { ...parts, signaling: [] }) },
  {
    name: 'a title over 300 characters',
    problem: 'bad-title',
    build: (random, parts) => assemble(random, { ...parts, title: 'T'.repeat(MAX_INVITE_TITLE_LENGTH + 1 + random.int(500)) }),
  },
];

// --- Mutations within a part ----------------------------------------------------------------

function percentEncodeSome(text: string, random: SeededRandom): string {
  return [...text].map((char) => (random.chance(0.3) ? encode(char).replace(/^[A-Za-z0-9_.!~*'()-]$/, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`) : char)).join('');
}

function mutateText(text: string, random: SeededRandom): string {
  const chars = [...text];
  const edits = random.between(1, 4);
  for (let e = 0; e < edits; e++) {
    const at = random.int(chars.length + 1);
    switch (random.int(8)) {
      case 0:
        chars.splice(at, 1);
        break;
      case 1:
        chars.splice(at, 0, random.pick(UNICODE));
        break;
      case 2:
        chars.splice(at, 0, random.pick(PUNCTUATION));
        break;
      case 3:
        chars.splice(at, 0, random.pick(['%', '%2', '%25', '%E0', '%F0%9F', '%00', '%0A', '%26', '%3D', '%23']));
        break;
      case 4:
        chars.splice(at, random.int(6));
        break;
      case 5:
        chars.splice(at, 0, random.pick(['x', '%41', '-']).repeat(random.pick([2, 50, 400, 5000])));
        break;
      case 6:
        chars.splice(at, 0, ...[...percentEncodeSome(chars.slice(at, at + 6).join(''), random)]);
        break;
      default:
        chars.splice(at, 0, random.pick(['&', '&key=', '&sig=', '&relay=', '&title=', '#', '&&', '=']));
    }
  }
  return chars.join('');
}

/** A link whose one part (or the whole) is mutated, or rearranged at the parameter level. */
function mutatedLink(random: SeededRandom, parts: Parts): string {
  switch (random.int(10)) {
    case 0:
      return assemble(random, { ...parts, room: mutateText(parts.room, random) });
    case 1:
      return assemble(random, { ...parts, key: mutateText(parts.key, random) });
    case 2: {
      const index = random.int(parts.signaling.length);
      const signaling = parts.signaling.map((url, i) => (i === index ? mutateText(url, random) : url));
      return assemble(random, { ...parts, signaling });
    }
    case 9: {
      // A relay mutated, or several relays (4 are used).
      const relays = parts.relays.length > 0 && random.chance(0.5)
        ? parts.relays.map((url, i) => (i === 0 ? mutateText(url, random) : url))
        : Array.from({ length: random.int(9) }, () => signalingUrl(random));
      return assemble(random, { ...parts, relays });
    }
    case 3: {
      // A title with Unicode and separators, encoded properly or not at all.
      const raw = mutateText(parts.title ?? 'Title', random);
      return assemble(random, { ...parts, title: null }, [`title=${random.chance(0.5) ? encode(raw) : raw}`]);
    }
    case 4:
      // Repeated parameters: several keys (the last counts), many servers (8 are used), titles.
      return assemble(random, parts, [
        ...Array.from({ length: random.int(3) }, () => `key=${random.chance(0.7) ? secret(random) : mutateText(parts.key, random)}`),
        ...Array.from({ length: random.int(12) }, () => `sig=${encode(signalingUrl(random))}`),
        ...Array.from({ length: random.int(6) }, () => `relay=${encode(signalingUrl(random))}`),
        ...Array.from({ length: random.int(3) }, () => `title=${encode(title(random) ?? '')}`),
      ]);
    case 5:
      // Double-encoded values, and parts percent-encoded where the app would not.
      return assemble(random, {
        ...parts,
        room: random.chance(0.5) ? percentEncodeSome(parts.room, random) : parts.room,
        key: random.chance(0.5) ? percentEncodeSome(parts.key, random) : parts.key,
        signaling: parts.signaling.map((url) => (random.chance(0.5) ? encode(url) : url)),
      });
    case 6: {
      // Structure: spaces around, case of the scheme, trailing slashes, a second '#', a query.
      const link = assemble(random, parts, unknownParams(random));
      return random.pick([
        `  ${link}\n`,
        link.replace(INVITE_SCHEME_PREFIX, 'PEERBOOK://JOIN/'),
        link.replace('#', '///#'),
        link.replace('#', '#key=&'),
        `${link}#again`,
        link.replace('#', '?x=1#'),
        link.replace('#', ''),
        link.split('&').reverse().join('&'),
      ]);
    }
    case 7:
      // Anything of the link mutated, as a person might damage it while copying.
      return mutateText(assemble(random, parts), random);
    default:
      // A part cut short, or missing, without knowing which.
      return assemble(random, parts).slice(0, random.int(assemble(random, parts).length + 1));
  }
}

describe('invite links from a grammar, valid and broken', () => {
  it('parse to links that keep the contract or are refused with InviteLinkError, and nothing else', () => {
    const random = new SeededRandom(0x1b4dc0de);
    const refused = new Map<InviteLinkProblem, number>();
    const counts = { inputs: 0, parsed: 0, cleanRoundTrips: 0, faultsPredicted: 0, mutated: 0 };

    for (let n = 0; n < INPUTS; n++) {
      const parts = validParts(random);
      const kind = random.int(10);
      let input: string;
      let expected: 'parts' | InviteLinkProblem | null = null;
      if (kind < 2) {
        input = assemble(random, parts, unknownParams(random));
        expected = 'parts';
      } else if (kind < 4) {
        const fault = random.pick(FAULTS);
        input = fault.build(random, parts);
        expected = fault.problem;
      } else {
        input = mutatedLink(random, parts);
        counts.mutated++;
      }

      const outcome = outcomeOf(input);
      counts.inputs++;
      if ('parsed' in outcome) {
        counts.parsed++;
        expectContract(outcome.parsed, input);
      } else {
        expect(PROBLEMS).toContain(outcome.refused);
        refused.set(outcome.refused, (refused.get(outcome.refused) ?? 0) + 1);
      }

      if (expected === 'parts') {
        // Valid parts, however ordered and whatever unknown parameters come along, come back whole.
        expect(outcome, JSON.stringify(input)).toEqual({ parsed: { ...parts, title: parts.title?.trim() || null } });
        counts.cleanRoundTrips++;
      } else if (expected !== null) {
        expect(outcome, JSON.stringify(input).slice(0, 300)).toEqual({ refused: expected });
        counts.faultsPredicted++;
      }
    }

    const byProblem = PROBLEMS.filter((problem) => refused.has(problem))
      .map((problem) => `${problem} ${(refused.get(problem) ?? 0).toLocaleString('en-US')}`)
      .join(', ');
    const n = (value: number): string => value.toLocaleString('en-US');
    console.log(
      `invite link grammar fuzz: ${n(counts.inputs)} inputs (${n(counts.cleanRoundTrips)} from valid parts, all parsed back whole; ` +
        `${n(counts.faultsPredicted)} with one known fault, each refused for it; ${n(counts.mutated)} mutated), ` +
        `${n(counts.parsed)} parsed within the contract, ${n(counts.inputs - counts.parsed)} refused with InviteLinkError (${byProblem}), nothing else thrown`,
    );
    expect(counts.inputs).toBeGreaterThanOrEqual(10_000);
    // The fuzzer reaches every refusal the codec has.
    expect([...refused.keys()].sort()).toEqual([...PROBLEMS].sort());
  });
});

describe('a signaling server the codec accepts but the platform cannot parse', () => {
  it('is left out by the app’s peer sync instead of making joining throw', () => {
    // A punycode host name that is not valid punycode: the codec cannot tell, URL parsers refuse it.
    const link = parseInviteLink(formatInviteLink({ room: 'R'.repeat(32), key: 'K'.repeat(32), signaling: ['ws://xn--abc', 'ws://127.0.0.1:9'], title: null }));
    expect(link.signaling).toEqual(['ws://xn--abc', 'ws://127.0.0.1:9']);
    expect(URL.canParse('ws://xn--abc')).toBe(false);
    // y-webrtc's signaling client uses the global WebSocket: pinned to ws's, so the tests do not depend on the Node version's own.
    Object.assign(globalThis, { WebSocket });
    const doc = new Y.Doc();
    let sync: PeerSync | null = null;
    expect(() => {
      sync = new PeerSync(doc, new Awareness(doc), { room: link.room, key: link.key, signaling: link.signaling, iceServers: [] }, Date.now, wrtc);
    }).not.toThrow();
    (sync as PeerSync | null)?.destroy();
    doc.destroy();
  });
});

describe('a title at the length limit', () => {
  it('formats without splitting an emoji, and parses back', () => {
    for (const title of ['x'.repeat(MAX_INVITE_TITLE_LENGTH - 1) + '\u{1F600}', '\u{1F600}'.repeat(MAX_INVITE_TITLE_LENGTH), `Half \ud83d of an emoji`]) {
      const link = { room: 'R'.repeat(32), key: 'K'.repeat(32), signaling: ['ws://127.0.0.1:4444'], title };
      const parsed = parseInviteLink(formatInviteLink(link));
      expect(parsed.title?.length).toBeLessThanOrEqual(MAX_INVITE_TITLE_LENGTH);
      expect(() => encodeURIComponent(parsed.title ?? '')).not.toThrow();
      expect(title.startsWith(parsed.title?.replace('\ufffd', '') ?? '') || parsed.title?.includes('\ufffd')).toBe(true);
    }
  });
});
