export interface ThrottleOptions {
  /** Failures allowed for one username from one address before back-off starts. */
  freeFailures?: number
  /** Failures allowed for one username from all addresses together (guessing one account). */
  userFreeFailures?: number
  /** Failures allowed from one address for all usernames together (guessing many accounts). */
  addressFreeFailures?: number
  /** First back-off; doubles with each further failure. */
  baseDelayMs?: number
  maxDelayMs?: number
}

/** One sign-in attempt: the username as typed and the client address (see trustProxy.ts). */
export interface SignInAttempt {
  username: string
  address: string
}

interface Entry {
  failures: number
  blockedUntil: number
  lastFailure: number
}

interface Counter {
  key: string
  free: number
}

/**
 * Exponential back-off for failed sign-ins, counted three ways:
 * - per username *and* address: the brake someone mistyping, or guessing, meets first;
 * - per username: guessing one account from many addresses (a higher ceiling, so that
 *   someone elsewhere failing on a name does not at once lock its owner out);
 * - per address: spraying many accounts from one place (a much higher ceiling, so that one
 *   user's failures never lock out everyone behind the same NAT or proxy).
 * In memory: a restart forgets, which is acceptable for an online-guessing brake.
 */
export class SignInThrottle {
  private readonly entries = new Map<string, Entry>()
  private readonly freeFailures: number
  private readonly userFreeFailures: number
  private readonly addressFreeFailures: number
  private readonly baseDelayMs: number
  private readonly maxDelayMs: number

  constructor(options: ThrottleOptions = {}) {
    this.freeFailures = options.freeFailures ?? 5
    this.userFreeFailures = options.userFreeFailures ?? Math.max(20, this.freeFailures * 4)
    this.addressFreeFailures = options.addressFreeFailures ?? Math.max(100, this.freeFailures * 20)
    this.baseDelayMs = options.baseDelayMs ?? 1_000
    this.maxDelayMs = options.maxDelayMs ?? 15 * 60_000
  }

  private counters(attempt: SignInAttempt): Counter[] {
    const user = attempt.username.trim().toLowerCase()
    return [
      // JSON keeps the two parts apart whatever characters a username holds.
      { key: `pair:${JSON.stringify([user, attempt.address])}`, free: this.freeFailures },
      { key: `user:${user}`, free: this.userFreeFailures },
      { key: `address:${attempt.address}`, free: this.addressFreeFailures },
    ]
  }

  /** Milliseconds until this username may try again from this address (0 = now). */
  retryAfterMs(attempt: SignInAttempt, now = Date.now()): number {
    return Math.max(0, ...this.counters(attempt).map((c) => (this.entries.get(c.key)?.blockedUntil ?? 0) - now))
  }

  recordFailure(attempt: SignInAttempt, now = Date.now()): void {
    if (this.entries.size > 10_000) this.prune(now)
    for (const { key, free } of this.counters(attempt)) {
      const e = this.entries.get(key) ?? { failures: 0, blockedUntil: 0, lastFailure: now }
      e.failures++
      e.lastFailure = now
      const over = e.failures - free
      if (over > 0) e.blockedUntil = now + Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (over - 1))
      this.entries.set(key, e)
    }
  }

  /**
   * The right password clears the counts for this username. The address count stays: one
   * valid account must not reset a spraying attacker's budget for all the others.
   */
  recordSuccess(attempt: SignInAttempt): void {
    const [pair, user] = this.counters(attempt)
    this.entries.delete(pair!.key)
    this.entries.delete(user!.key)
  }

  private prune(now: number): void {
    for (const [k, e] of this.entries) if (now - e.lastFailure > this.maxDelayMs && e.blockedUntil < now) this.entries.delete(k)
  }
}
