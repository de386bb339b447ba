/**
 * [SRV-S13] What one user's sync sockets may cost the server, in milliseconds of the event
 * loop spent handling their messages (diffs answered, updates decoded and stored, presence):
 * a token bucket shared by all of the user's sockets and kept after they close, so that
 * reconnecting does not refill it. Counting messages is not enough: one sync step 1 on a
 * large document costs as much as thousands of keystrokes.
 */
export interface WorkLimits {
  /** Milliseconds a user may spend at once (a burst: opening many documents, a large paste). */
  burstMs: number
  /** Milliseconds per second the bucket refills: the share of one core a user may take for long. */
  perSecondMs: number
}

/** A tenth of a core for as long as anyone likes, two seconds at once. Real clients use a fraction. */
export const DEFAULT_WORK_LIMITS: WorkLimits = { burstMs: 2_000, perSecondMs: 100 }

class Bucket {
  private level: number
  private at: number

  constructor(private readonly limits: WorkLimits) {
    this.level = limits.burstMs
    this.at = performance.now()
  }

  /** The level now (refilled for the time since the last look). */
  current(): number {
    const now = performance.now()
    this.level = Math.min(this.limits.burstMs, this.level + ((now - this.at) / 1000) * this.limits.perSecondMs)
    this.at = now
    return this.level
  }

  /**
   * Takes `ms`; spending the last of it costs a whole burst more (a cool-down of
   * burstMs / perSecondMs seconds), so a closed socket that reconnects at once is refused.
   */
  spend(ms: number): number {
    this.level = this.current() - ms
    if (this.level <= 0) this.level = -this.limits.burstMs
    return this.level
  }
}

/** The buckets of every user who used sync recently. */
export class WorkBudgets {
  private readonly buckets = new Map<number, Bucket>()

  constructor(readonly limits: WorkLimits = DEFAULT_WORK_LIMITS) {}

  /** May the user start (another) socket? Not while their budget is spent. */
  available(userId: number): boolean {
    return (this.buckets.get(userId)?.current() ?? 1) > 0
  }

  /** Charges `ms` of work to the user; false when the budget is spent now. */
  spend(userId: number, ms: number): boolean {
    let bucket = this.buckets.get(userId)
    if (!bucket) {
      this.prune()
      bucket = new Bucket(this.limits)
      this.buckets.set(userId, bucket)
    }
    return bucket.spend(ms) > 0
  }

  /** Forgets full buckets (a new one is full too) so that the map does not grow with every user ever seen. */
  private prune(): void {
    if (this.buckets.size < 1000) return
    for (const [id, bucket] of this.buckets) if (bucket.current() >= this.limits.burstMs) this.buckets.delete(id)
  }
}
