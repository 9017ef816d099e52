import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { CAPABILITIES_SCHEMA, RelayCapabilities } from '../../../../services/relay/relayCapabilities';
import { signWithWriteKey, createWriteKeys } from '../../../../renderer/collab/writeKeys';
import { encodeBase64url } from '../../../../shared/encoding/base64url';
import { deriveRelayKeys, relayWriteMessage } from '../../../../shared/relay/relayKeys';

describe('who may open a relay document', () => {
  it('admits the first holder of a name, then only the same capability, and keeps no capability itself', async () => {
    const database = new BetterSqlite3(':memory:');
    database.exec(CAPABILITIES_SCHEMA);
    const capabilities = new RelayCapabilities(database);
    const ana = await deriveRelayKeys('TMzQKHXRh82F4msALWt03sImkv8ZA4cK', crypto);
    const eve = await deriveRelayKeys('another-key-Eve-made-up-0123456789', crypto);

    expect(capabilities.admits(ana.documentName, ana.capability)).toBe(true);
    expect(capabilities.admits(ana.documentName, ana.capability)).toBe(true);
    expect(capabilities.admits(ana.documentName, eve.capability)).toBe(false);
    expect(capabilities.admits(eve.documentName, eve.capability)).toBe(true);

    const stored = database.prepare('SELECT verifier FROM capabilities').all() as Array<{ verifier: Buffer }>;
    expect(stored.map((row) => row.verifier.toString('base64url'))).not.toContain(ana.capability);
    database.close();
  });

  it('refuses tokens and names that are not derived values, without storing anything', () => {
    const database = new BetterSqlite3(':memory:');
    database.exec(CAPABILITIES_SCHEMA);
    const capabilities = new RelayCapabilities(database);
    const name = 'A'.repeat(43);
    for (const [documentName, token] of [[name, ''], [name, 'short'], ['room-name', 'B'.repeat(43)], [name, null], [42, 'B'.repeat(43)]] as const) {
      expect(capabilities.admits(documentName, token)).toBe(false);
    }
    expect(database.prepare('SELECT count(*) AS n FROM capabilities').get()).toEqual({ n: 0 });
    database.close();
  });

  it('lets only a holder of the write key append to the document of an entry with read-only links, whoever comes first', async () => {
    const database = new BetterSqlite3(':memory:');
    database.exec(CAPABILITIES_SCHEMA);
    const capabilities = new RelayCapabilities(database);
    const keys = await createWriteKeys();
    const relay = await deriveRelayKeys('TMzQKHXRh82F4msALWt03sImkv8ZA4cK', crypto, keys.verify);
    expect(relay.documentName).toMatch(/^[A-Za-z0-9_-]{43}\.[A-Za-z0-9_-]{43}$/);
    const sign = async (signer: { verify: string; write: string }, name: string): Promise<string> =>
      encodeBase64url(await signWithWriteKey(signer, relayWriteMessage(name)));

    // A reader reaches the relay first: it reads, and claims nothing.
    expect(capabilities.admit(relay.documentName, relay.capability)).toBe('read');
    const editor = `${relay.capability}.${await sign(keys, relay.documentName)}`;
    expect(capabilities.admit(relay.documentName, editor)).toBe('write');
    // A signature by another key, of another name, or a made-up one: read only.
    const other = await createWriteKeys();
    expect(capabilities.admit(relay.documentName, `${relay.capability}.${await sign(other, relay.documentName)}`)).toBe('read');
    const elsewhere = await deriveRelayKeys('another-key-from-a-reset-link-0123', crypto, keys.verify);
    expect(capabilities.admit(relay.documentName, `${relay.capability}.${await sign(keys, elsewhere.documentName)}`)).toBe('read');
    expect(capabilities.admit(relay.documentName, `${relay.capability}.${'A'.repeat(86)}`)).toBe('read');
    // The signature does not stand in for the capability.
    expect(capabilities.admit(relay.documentName, `${'B'.repeat(43)}.${await sign(keys, relay.documentName)}`)).toBeNull();
    // A document of an entry without read-only links is written by every holder of its capability.
    const plain = await deriveRelayKeys('TMzQKHXRh82F4msALWt03sImkv8ZA4cK', crypto);
    expect(capabilities.admit(plain.documentName, plain.capability)).toBe('write');
    database.close();
  });
});
