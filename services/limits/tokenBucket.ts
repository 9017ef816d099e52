import { TokenBucket as SharedTokenBucket } from '../../shared/limits/tokenBucket';

/** The shared token bucket, on the monotonic clock the servers measure with by default. */
export class TokenBucket extends SharedTokenBucket {
  constructor(capacity: number, windowMs: number, now: () => number = () => performance.now()) {
    super(capacity, windowMs, now);
  }
}
