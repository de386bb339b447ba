/**
 * Token buckets per user, shared by all of a user's sockets and kept after they close, so
 * that reconnecting does not refill them (SRV-S13, SRV-S14). Forgotten once full again.
 */
export interface BucketLimits {
  /** What a user may use at once. */
  burst: number
  /** What the bucket refills per second: what a user may use for long. */
  perSecond: number
  /**
   * Spending the last of it costs a whole burst more (a cool-down of burst / perSecond
   * seconds), so a socket closed for it that reconnects at once is refused.
   */
  coolDown?: boolean
}

class Bucket {
  private level: number
  private at: number

  constructor(private readonly limits: BucketLimits) {
    this.level = limits.burst
    this.at = performance.now()
  }

  /** The level now (refilled for the time since the last look). */
  current(): number {
    const now = performance.now()
    this.level = Math.min(this.limits.burst, this.level + ((now - this.at) / 1000) * this.limits.perSecond)
    this.at = now
    return this.level
  }

  spend(amount: number): number {
    this.level = this.current() - amount
    if (this.level <= 0 && this.limits.coolDown) this.level = -this.limits.burst
    return this.level
  }
}

export class UserBuckets {
  private readonly buckets = new Map<number, Bucket>()

  constructor(readonly limits: BucketLimits) {}

  /** Is anything left in the user's bucket? */
  available(userId: number): boolean {
    return (this.buckets.get(userId)?.current() ?? 1) > 0
  }

  /** Would `amount` fit in the user's bucket now (without taking it)? */
  fits(userId: number, amount: number): boolean {
    return (this.buckets.get(userId)?.current() ?? this.limits.burst) >= amount
  }

  /** Takes `amount` from the user's bucket; false when it is spent now. */
  spend(userId: number, amount: number): boolean {
    let bucket = this.buckets.get(userId)
    if (!bucket) {
      this.prune()
      bucket = new Bucket(this.limits)
      this.buckets.set(userId, bucket)
    }
    return bucket.spend(amount) > 0
  }

  /** Forgets full buckets (a new one is full too) so that the map does not grow with every user ever seen. */
  private prune(): void {
    if (this.buckets.size < 1000) return
    for (const [id, bucket] of this.buckets) if (bucket.current() >= this.limits.burst) this.buckets.delete(id)
  }
}
