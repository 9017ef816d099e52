/**
 * A token bucket refilled continuously: a burst of `capacity` is allowed, then on average
 * `capacity` per `windowMs`. One per client connection, in the signaling server and the relay.
 */
export class TokenBucket {
  private tokens: number;
  private countedAt: number;

  constructor(
    private readonly capacity: number,
    private readonly windowMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = capacity;
    this.countedAt = now();
  }

  /** Takes `count` tokens if there are that many; false (and nothing taken) otherwise. */
  take(count = 1): boolean {
    const now = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.countedAt) * this.capacity) / this.windowMs);
    this.countedAt = now;
    if (this.tokens < count) return false;
    this.tokens -= count;
    return true;
  }
}
