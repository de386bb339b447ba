export interface ThrottleOptions {
  /** Failures allowed before back-off starts. */
  freeFailures?: number
  /** First back-off; doubles with each further failure. */
  baseDelayMs?: number
  maxDelayMs?: number
}

interface Entry {
  failures: number
  blockedUntil: number
  lastFailure: number
}

/**
 * Exponential back-off for failed sign-ins, keyed per username and per client address:
 * guessing one account's password, or many accounts' from one place, both slow down.
 * In memory: a restart forgets, which is acceptable for an online-guessing brake.
 */
export class SignInThrottle {
  private readonly entries = new Map<string, Entry>()
  private readonly freeFailures: number
  private readonly baseDelayMs: number
  private readonly maxDelayMs: number

  constructor(options: ThrottleOptions = {}) {
    this.freeFailures = options.freeFailures ?? 5
    this.baseDelayMs = options.baseDelayMs ?? 1_000
    this.maxDelayMs = options.maxDelayMs ?? 15 * 60_000
  }

  /** Milliseconds until any of `keys` may try again (0 = now). */
  retryAfterMs(keys: string[], now = Date.now()): number {
    return Math.max(0, ...keys.map((k) => (this.entries.get(k)?.blockedUntil ?? 0) - now))
  }

  recordFailure(keys: string[], now = Date.now()): void {
    if (this.entries.size > 10_000) this.prune(now)
    for (const key of keys) {
      const e = this.entries.get(key) ?? { failures: 0, blockedUntil: 0, lastFailure: now }
      e.failures++
      e.lastFailure = now
      const over = e.failures - this.freeFailures
      if (over > 0) e.blockedUntil = now + Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (over - 1))
      this.entries.set(key, e)
    }
  }

  recordSuccess(keys: string[]): void {
    for (const key of keys) this.entries.delete(key)
  }

  private prune(now: number): void {
    for (const [k, e] of this.entries) if (now - e.lastFailure > this.maxDelayMs && e.blockedUntil < now) this.entries.delete(k)
  }
}
