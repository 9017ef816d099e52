/**
 * A token bucket refilled continuously: a burst of `capacity` is allowed, then on average
 * `capacity` per `windowMs`. The signaling server and the relay keep one per client connection;
 * a device keeps them per entry for what its peers push (renderer/collab/peerMessageCheck.ts).
 */
export class TokenBucket {
  private tokens: number;
  private countedAt: number;

  constructor(
    private readonly capacity: number,
    private readonly windowMs: number,
    private readonly now: () => number,
  ) {
    this.tokens = capacity;
    this.countedAt = now();
  }

  /** Takes `count` tokens if there are that many; false (and nothing taken) otherwise. */
  take(count = 1): boolean {
    if (this.available() < count) return false;
    this.tokens -= count;
    return true;
  }

  /** How many tokens there are now. */
  available(): number {
    const now = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.countedAt) * this.capacity) / this.windowMs);
    this.countedAt = now;
    return this.tokens;
  }

  /** Whether the bucket is as full as a new one. */
  get full(): boolean {
    return this.available() >= this.capacity;
  }
}
