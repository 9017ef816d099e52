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
 *
 * An entry with read-only links has a second capability, derived from its write key (token
 * `<capability>.<write capability>`): once a client has shown one, the document keeps its
 * verifier too, and from then on only clients showing it may append; the others only read.
 * A document nobody has shown a write capability for is written by every key holder, as
 * documents of entries shared before read-only links are.
 */
export const CAPABILITIES_SCHEMA = `CREATE TABLE IF NOT EXISTS "capabilities" (
  "name" TEXT PRIMARY KEY NOT NULL,
  "verifier" BLOB NOT NULL,
  "write_verifier" BLOB
)`;

/** What a client may do with a document. */
export type RelayAccess = 'read' | 'write';

function verifierOf(token: string): Buffer | null {
  if (!RELAY_DERIVED_VALUE.test(token)) return null;
  const capability = decodeBase64url(token);
  return capability === null ? null : createHash('sha256').update(capability).digest();
}

function same(stored: Buffer | null | undefined, verifier: Buffer): boolean {
  return stored !== null && stored !== undefined && stored.byteLength === verifier.byteLength && timingSafeEqual(stored, verifier);
}

export class RelayCapabilities {
  private readonly claim: BetterSqlite3.Statement<[string, Buffer]>;
  private readonly claimWrite: BetterSqlite3.Statement<[Buffer, string]>;
  private readonly lookup: BetterSqlite3.Statement<[string], { verifier: Buffer; write_verifier: Buffer | null }>;

  constructor(database: BetterSqlite3.Database) {
    // A relay whose storage predates write capabilities gets the column (empty: every document
    // it holds is written by every key holder, as before).
    const columns = database.prepare('PRAGMA table_info("capabilities")').all() as Array<{ name: string }>;
    if (!columns.some((column) => column.name === 'write_verifier')) database.exec('ALTER TABLE "capabilities" ADD COLUMN "write_verifier" BLOB');
    this.claim = database.prepare('INSERT OR IGNORE INTO "capabilities" ("name", "verifier") VALUES (?, ?)');
    this.claimWrite = database.prepare('UPDATE "capabilities" SET "write_verifier" = ? WHERE "name" = ? AND "write_verifier" IS NULL');
    this.lookup = database.prepare('SELECT "verifier", "write_verifier" FROM "capabilities" WHERE "name" = ?');
  }

  /** What `token` may do with the document named `documentName` (claiming it on first use), or null. */
  admit(documentName: unknown, token: unknown): RelayAccess | null {
    if (typeof documentName !== 'string' || typeof token !== 'string' || token.length > 100) return null;
    if (!RELAY_DERIVED_VALUE.test(documentName)) return null;
    const [read = '', write, ...rest] = token.split('.');
    if (rest.length > 0) return null;
    const verifier = verifierOf(read);
    const writeVerifier = write === undefined ? null : verifierOf(write);
    if (verifier === null || (write !== undefined && writeVerifier === null)) return null;
    this.claim.run(documentName, verifier);
    if (writeVerifier) this.claimWrite.run(writeVerifier, documentName);
    const stored = this.lookup.get(documentName);
    if (!stored || !same(stored.verifier, verifier)) return null;
    if (stored.write_verifier === null) return 'write';
    return writeVerifier && same(stored.write_verifier, writeVerifier) ? 'write' : 'read';
  }

  /** True when `token` opens the document (to read at least). */
  admits(documentName: unknown, token: unknown): boolean {
    return this.admit(documentName, token) !== null;
  }
}
