import type BetterSqlite3 from 'better-sqlite3';
import { createHash, createPublicKey, timingSafeEqual, verify as verifySignature } from 'node:crypto';
import { decodeBase64url } from '../../shared/encoding/base64url';
import { RELAY_DERIVED_VALUE, RELAY_DOCUMENT_NAME, RELAY_WRITE_SIGNATURE, relayWriteMessage } from '../../shared/relay/relayKeys';

/**
 * Who may read and append to a relay document: whoever shows the capability derived from the
 * entry's key (shared/relay/relayKeys.ts). The relay keeps only a verifier, SHA-256 of the
 * capability's bytes, set by the first client that opens the document; from then on a client
 * whose token does not hash to it is refused. The document name is itself derived from the key,
 * so nobody without the key can guess it to claim it first.
 *
 * The document of an entry with read-only links is named `<name>.<public write key>`: a client
 * may append to it only if its token is `<capability>.<signature>`, the signature being the
 * document name signed with the entry's write key (Ed25519), checked against the key in the name;
 * any other holder of the capability only reads. Nothing about who may write is learned on first
 * use, so a reader who reaches the relay before any editor claims nothing.
 */
export const CAPABILITIES_SCHEMA = `CREATE TABLE IF NOT EXISTS "capabilities" (
  "name" TEXT PRIMARY KEY NOT NULL,
  "verifier" BLOB NOT NULL
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

/** True when `signature` is the document name signed by the write key `verify`. */
function signedByWriteKey(documentName: string, verify: string, signature: string): boolean {
  const bytes = decodeBase64url(signature);
  if (!bytes) return false;
  try {
    const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: verify }, format: 'jwk' });
    return verifySignature(null, relayWriteMessage(documentName), key, bytes);
  } catch {
    return false;
  }
}

export class RelayCapabilities {
  private readonly claim: BetterSqlite3.Statement<[string, Buffer]>;
  private readonly lookup: BetterSqlite3.Statement<[string], { verifier: Buffer }>;

  constructor(database: BetterSqlite3.Database) {
    this.claim = database.prepare('INSERT OR IGNORE INTO "capabilities" ("name", "verifier") VALUES (?, ?)');
    this.lookup = database.prepare('SELECT "verifier" FROM "capabilities" WHERE "name" = ?');
  }

  /** What `token` may do with the document named `documentName` (claiming it on first use), or null. */
  admit(documentName: unknown, token: unknown): RelayAccess | null {
    if (typeof documentName !== 'string' || typeof token !== 'string' || token.length > 200) return null;
    if (!RELAY_DOCUMENT_NAME.test(documentName)) return null;
    const [capability = '', signature, ...rest] = token.split('.');
    if (rest.length > 0 || (signature !== undefined && !RELAY_WRITE_SIGNATURE.test(signature))) return null;
    const verifier = verifierOf(capability);
    if (verifier === null) return null;
    this.claim.run(documentName, verifier);
    const stored = this.lookup.get(documentName);
    if (!stored || !same(stored.verifier, verifier)) return null;
    const verify = documentName.split('.')[1];
    if (verify === undefined) return 'write';
    return signature !== undefined && signedByWriteKey(documentName, verify, signature) ? 'write' : 'read';
  }

  /** True when `token` opens the document (to read at least). */
  admits(documentName: unknown, token: unknown): boolean {
    return this.admit(documentName, token) !== null;
  }
}
