import { describe, expect, it } from 'vitest';
import {
  createShareSecrets,
  formatInviteLink,
  InviteLinkError,
  parseInviteLink,
  type InviteLinkProblem,
} from '../../../../shared/invite/inviteLink';
import { problemOf } from '../../support/problemOf';

const random = (length: number): Uint8Array => crypto.getRandomValues(new Uint8Array(length));
const room = 'stEaeLAcZECk6m-KayLWxJErm7bEW67I';
const key = 'TMzQKHXRh82F4msALWt03sImkv8ZA4cK';

function linkProblem(text: string): InviteLinkProblem | 'parsed' {
  return problemOf(() => parseInviteLink(text), InviteLinkError, 'parsed');
}

describe('the invite link', () => {
  it('follows the contract: room in the path, key, signaling servers and title in the fragment', () => {
    const link = formatInviteLink({ room, key, signaling: ['ws://127.0.0.1:4444', 'wss://signal.example.org/y'], title: 'Release day & more' });
    expect(link).toBe(
      `peerbook://join/${room}#key=${key}&sig=ws%3A%2F%2F127.0.0.1%3A4444&sig=wss%3A%2F%2Fsignal.example.org%2Fy&title=Release%20day%20%26%20more`,
    );
    expect(parseInviteLink(link)).toEqual({
      room,
      key,
      signaling: ['ws://127.0.0.1:4444', 'wss://signal.example.org/y'],
      relays: [],
      title: 'Release day & more',
    });
  });

  it('carries relays after the signaling servers, in order, and reads them back', () => {
    const relays = ['wss://relay.example.org/peerbook', 'ws://10.0.0.5:4455'];
    const link = formatInviteLink({ room, key, signaling: ['ws://127.0.0.1:4444'], relays, title: null });
    expect(link).toBe(
      `peerbook://join/${room}#key=${key}&sig=ws%3A%2F%2F127.0.0.1%3A4444&relay=wss%3A%2F%2Frelay.example.org%2Fpeerbook&relay=ws%3A%2F%2F10.0.0.5%3A4455`,
    );
    expect(parseInviteLink(link).relays).toEqual(relays);
  });

  it('reads a link without relays as before, and keeps at most four distinct relays', () => {
    expect(parseInviteLink(`peerbook://join/${room}#key=${key}&sig=ws%3A%2F%2Fh`)).toEqual({
      room,
      key,
      signaling: ['ws://h'],
      relays: [],
      title: null,
    });
    const many = Array.from({ length: 6 }, (_, index) => `&relay=ws%3A%2F%2Frelay${index}`).join('');
    const repeated = `&relay=ws%3A%2F%2Frelay0${many}`;
    expect(parseInviteLink(`peerbook://join/${room}#key=${key}&sig=ws%3A%2F%2Fh${repeated}`).relays).toEqual([
      'ws://relay0',
      'ws://relay1',
      'ws://relay2',
      'ws://relay3',
    ]);
  });

  it('forgives spaces around a pasted link and leaves the title out when absent', () => {
    const parsed = parseInviteLink(`  peerbook://join/${room}#key=${key}&sig=ws%3A%2F%2Fhost%3A4444 \n`);
    expect(parsed.title).toBeNull();
    expect(parsed.signaling).toEqual(['ws://host:4444']);
  });

  it('makes a fresh, unguessable room and key for every share', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const secrets = createShareSecrets(random);
      expect(secrets.room).toMatch(/^[A-Za-z0-9_-]{32}$/);
      expect(secrets.key).toMatch(/^[A-Za-z0-9_-]{32}$/);
      expect(secrets.room).not.toBe(secrets.key);
      seen.add(secrets.room).add(secrets.key);
    }
    expect(seen.size).toBe(400);
  });

  it.each<[string, InviteLinkProblem]>([
    ['', 'empty'],
    ['https://example.com/join/abc', 'wrong-scheme'],
    [`peerbook://open/${room}#key=${key}`, 'wrong-scheme'],
    [`peerbook://join/#key=${key}&sig=ws%3A%2F%2Fh`, 'no-room'],
    [`peerbook://join/short#key=${key}&sig=ws%3A%2F%2Fh`, 'bad-room'],
    [`peerbook://join/${room}`, 'no-key'],
    [`peerbook://join/${room}#sig=ws%3A%2F%2Fh`, 'no-key'],
    [`peerbook://join/${room}#key=abc&sig=ws%3A%2F%2Fh`, 'bad-key'],
    [`peerbook://join/${room}#key=${key}&sig=%E0%A4%A`, 'bad-encoding'],
    [`peerbook://join/${room}#key=${key}&sig=https%3A%2F%2Fh`, 'bad-signaling-url'],
    [`peerbook://join/${room}#key=${key}`, 'no-signaling'],
    [`peerbook://join/${room}#key=${key}&sig=ws%3A%2F%2Fh&relay=https%3A%2F%2Frelay.example.org`, 'bad-relay-url'],
    [`peerbook://join/${room}#key=${key}&sig=ws%3A%2F%2Fh&relay=ws%3A%2F%2Fuser%3Apass%40h`, 'bad-relay-url'],
    [`peerbook://join/${room}#key=${key}&sig=ws%3A%2F%2Fh&relay=`, 'bad-relay-url'],
    [`peerbook://join/${room}#key=${key}&sig=ws%3A%2F%2Fh&title=${'x'.repeat(400)}`, 'bad-title'],
    [`peerbook://join/${room}#key=${key}&sig=ws%3A%2F%2Fh&title=${'x'.repeat(5000)}`, 'too-long'],
  ])('refuses %j: %s', (text, problem) => {
    expect(linkProblem(text)).toBe(problem);
  });

  it('says what is wrong in words a person understands', () => {
    expect(() => parseInviteLink('https://example.com')).toThrow(/should start with peerbook:\/\/join\//);
    expect(() => parseInviteLink(`peerbook://join/${room}`)).toThrow(/no key/);
  });

  it('parses or refuses with its typed error for 10,000 generated inputs, and never throws anything else', () => {
    const valid = formatInviteLink({ room, key, signaling: ['ws://127.0.0.1:4444'], title: 'Fuzz' });
    const alphabet = ['%', '#', '&', '=', '/', ':', 'k', 'e', 'y', 's', 'i', 'g', '\u0000', '\u{1F600}', ' ', 'A', '9', '-', '_', '%E0', '%2'];
    let state = 0x2545f491;
    const next = (n: number): number => {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      return (state >>> 0) % n;
    };
    const counts = { parsed: 0, refused: 0 };
    for (let i = 0; i < 10_000; i++) {
      const chars = [...valid];
      const edits = 1 + next(6);
      for (let e = 0; e < edits; e++) {
        const at = next(chars.length + 1);
        const kind = next(3);
        if (kind === 0) chars.splice(at, 1);
        else if (kind === 1) chars.splice(at, 0, alphabet[next(alphabet.length)] as string);
        else chars.splice(at, next(8), ...Array.from({ length: next(4) }, () => alphabet[next(alphabet.length)] as string));
      }
      const outcome = linkProblem(chars.join(''));
      counts[outcome === 'parsed' ? 'parsed' : 'refused']++;
    }
    console.log(`invite link fuzz: 10000 inputs, ${counts.parsed} parsed, ${counts.refused} refused with InviteLinkError`);
    expect(counts.parsed + counts.refused).toBe(10_000);
    expect(counts.refused).toBeGreaterThan(1000);
  });
});
