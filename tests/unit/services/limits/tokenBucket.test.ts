import { describe, expect, it } from 'vitest';
import { TokenBucket } from '../../../../services/limits/tokenBucket';

describe('a token bucket', () => {
  it('allows a burst of its capacity, then refills at capacity per window', () => {
    let now = 0;
    const bucket = new TokenBucket(10, 1000, () => now);
    expect(Array.from({ length: 10 }, () => bucket.take()).every(Boolean)).toBe(true);
    expect(bucket.take()).toBe(false);
    now = 500;
    expect(bucket.take(5)).toBe(true);
    expect(bucket.take()).toBe(false);
    now = 10_000;
    expect(bucket.take(11)).toBe(false);
    expect(bucket.take(10)).toBe(true);
  });
});
