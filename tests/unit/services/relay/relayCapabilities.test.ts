import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { CAPABILITIES_SCHEMA, RelayCapabilities } from '../../../../services/relay/relayCapabilities';
import { deriveRelayKeys } from '../../../../shared/relay/relayKeys';

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
});
