import type BetterSqlite3 from 'better-sqlite3';
import { createHash, timingSafeEqual } from 'node:crypto';
import { decodeBase64url } from '../../shared/encoding/base64url';
import { RELAY_DERIVED_VALUE } from '../../shared/relay/relayKeys';

/**
 * Who may read and append to a relay document: whoever shows the capability derived from the
 * entry's key (shared/relay/relayKeys.ts). The relay keeps only a verifier, SHA-256 of the
 * capability's bytes, set by the first client that opens the document; from then on a client
 * whose token does not hash to it is refused. The document name is itself derived from the key,
 * so nobody without the key can guess it to claim it first.
 */
export const CAPABILITIES_SCHEMA = `CREATE TABLE IF NOT EXISTS "capabilities" (
  "name" TEXT PRIMARY KEY NOT NULL,
  "verifier" BLOB NOT NULL
)`;

export class RelayCapabilities {
  private readonly claim: BetterSqlite3.Statement<[string, Buffer]>;
  private readonly lookup: BetterSqlite3.Statement<[string], { verifier: Buffer }>;

  constructor(database: BetterSqlite3.Database) {
    this.claim = database.prepare('INSERT OR IGNORE INTO "capabilities" ("name", "verifier") VALUES (?, ?)');
    this.lookup = database.prepare('SELECT "verifier" FROM "capabilities" WHERE "name" = ?');
  }

  /** True when `token` opens the document named `documentName` (claiming it on first use). */
  admits(documentName: unknown, token: unknown): boolean {
    if (typeof documentName !== 'string' || typeof token !== 'string') return false;
    if (!RELAY_DERIVED_VALUE.test(documentName) || !RELAY_DERIVED_VALUE.test(token)) return false;
    const capability = decodeBase64url(token);
    if (capability === null) return false;
    const verifier = createHash('sha256').update(capability).digest();
    this.claim.run(documentName, verifier);
    const stored = this.lookup.get(documentName)?.verifier;
    return stored !== undefined && stored.byteLength === verifier.byteLength && timingSafeEqual(stored, verifier);
  }
}
