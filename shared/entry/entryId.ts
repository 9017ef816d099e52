/**
 * An entry's identity on this device. It names the entry's IndexedDB database and its row in
 * the library; it is never shared with peers (a shared entry is found by its room instead).
 */
export type EntryId = string & { readonly __brand: 'EntryId' };

const ENTRY_ID_PATTERN = /^e-[0-9a-z]{8,40}$/;

export class InvalidEntryIdError extends Error {
  constructor(value: unknown) {
    super(`Not an entry id: ${JSON.stringify(value)?.slice(0, 60) ?? String(value)}`);
    this.name = 'InvalidEntryIdError';
  }
}

/** `randomBytes` is passed in so shared/ stays free of platform APIs (crypto.getRandomValues). */
export function createEntryId(randomBytes: (length: number) => Uint8Array): EntryId {
  const bytes = randomBytes(12);
  let body = '';
  for (const byte of bytes) body += byte.toString(36).padStart(2, '0');
  return `e-${body}` as EntryId;
}

export function isEntryId(value: unknown): value is EntryId {
  return typeof value === 'string' && ENTRY_ID_PATTERN.test(value);
}

export function parseEntryId(value: unknown): EntryId {
  if (!isEntryId(value)) throw new InvalidEntryIdError(value);
  return value;
}
