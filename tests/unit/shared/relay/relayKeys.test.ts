import { hkdfSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deriveRelayKeys, RELAY_DERIVED_VALUE, RELAY_HKDF_SALT, RELAY_INFO } from '../../../../shared/relay/relayKeys';

const key = 'TMzQKHXRh82F4msALWt03sImkv8ZA4cK';
const room = 'stEaeLAcZECk6m-KayLWxJErm7bEW67I';

describe('what a link holder derives for the relay', () => {
  it('is HKDF-SHA256 of the key with the documented salt and info, as any other client computes it', async () => {
    const keys = await deriveRelayKeys(key, crypto);
    // FORMAT.md's recipe, computed by Node's own HKDF rather than the code under test.
    const expected = (info: string): string => Buffer.from(hkdfSync('sha256', key, RELAY_HKDF_SALT, info, 32)).toString('base64url');
    expect(keys.documentName).toBe(expected(RELAY_INFO.documentName));
    expect(keys.capability).toBe(expected(RELAY_INFO.capability));
    expect(keys.documentName).toMatch(RELAY_DERIVED_VALUE);
  });

  it('gives the same name to every holder of a link, another to another key, and never shows the key or the room', async () => {
    const [a, b, other] = await Promise.all([deriveRelayKeys(key, crypto), deriveRelayKeys(key, crypto), deriveRelayKeys(`${key}x`, crypto)]);
    expect(a.documentName).toBe(b.documentName);
    expect(a.capability).toBe(b.capability);
    expect(other.documentName).not.toBe(a.documentName);
    expect(other.capability).not.toBe(a.capability);
    expect(a.documentName).not.toBe(a.capability);
    for (const value of [a.documentName, a.capability]) {
      expect(value).not.toContain(key);
      expect(value).not.toContain(room);
    }
  });
});
