import { describe, expect, it } from 'vitest';
import { decodeBase64url, encodeBase64url } from '../../../../shared/encoding/base64url';

describe('base64url', () => {
  it('writes RFC 4648 §5 without padding, as Node does, and reads it back', () => {
    for (let length = 0; length < 70; length++) {
      const bytes = crypto.getRandomValues(new Uint8Array(length));
      const text = encodeBase64url(bytes);
      expect(text).toBe(Buffer.from(bytes).toString('base64url'));
      expect(decodeBase64url(text)).toEqual(bytes);
    }
  });

  it('refuses text that is not base64url', () => {
    for (const text of ['a', 'abcde', 'ab+c', 'ab/c', 'ab=c', 'ab c', 'é']) {
      expect(decodeBase64url(text)).toBeNull();
    }
  });
});
