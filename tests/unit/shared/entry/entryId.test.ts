import { describe, expect, it } from 'vitest';
import { createEntryId, InvalidEntryIdError, isEntryId, parseEntryId } from '../../../../shared/entry/entryId';

function bytesFrom(seed: number): (length: number) => Uint8Array {
  return (length) => Uint8Array.from({ length }, (_, i) => (seed * 31 + i * 17) % 256);
}

describe('naming an entry on this device', () => {
  it('gives a new entry an id that the library accepts', () => {
    const id = createEntryId((length) => crypto.getRandomValues(new Uint8Array(length)));
    expect(isEntryId(id)).toBe(true);
    expect(parseEntryId(id)).toBe(id);
  });

  it('gives entries made from different random bytes different ids', () => {
    const ids = new Set(Array.from({ length: 50 }, (_, seed) => createEntryId(bytesFrom(seed))));
    expect(ids.size).toBe(50);
  });

  it('uses every random byte it asks for, even zeros and 255s', () => {
    const zeros = createEntryId((length) => new Uint8Array(length));
    const full = createEntryId((length) => new Uint8Array(length).fill(255));
    expect(zeros).not.toBe(full);
    expect(isEntryId(zeros)).toBe(true);
    expect(isEntryId(full)).toBe(true);
  });

  it('refuses anything that could name another database or a path', () => {
    for (const value of ['', 'e-', 'e-short', 'E-ABCDEFGH12', '../e-abcdefgh12', 'e-abcdefgh12/..', 'e-abc def gh12', 42, null, undefined, {}]) {
      expect(isEntryId(value), String(value)).toBe(false);
      expect(() => parseEntryId(value)).toThrow(InvalidEntryIdError);
    }
  });
});
