import type { MaybePromise } from '../storage/awaitable.js'

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

/**
 * The failed-sign-in brake the session route asks (SRV-SC15): in this process's memory
 * (`MemorySignInThrottle`, one instance) or on Redis shared by every instance
 * (`RedisSignInThrottle` in scale/, `REDIS_URL`), with the same limits and answers.
 */
export interface SignInThrottle {
  /**
   * Before the password is checked: the milliseconds until this username may try again from
   * this address (nothing counted), or 0 and the attempt is counted as a failure at once —
   * so that many attempts sent together meet the same brake as one after another (checking
   * first and counting after the slow password check let a burst through unbraked).
   */
  begin(attempt: SignInAttempt): MaybePromise<number>
  /** The begun attempt had the right password: the username's counts are cleared, its address count taken back. */
  succeeded(attempt: SignInAttempt): MaybePromise<void>
}

interface Entry {
  failures: number
  blockedUntil: number
  lastFailure: number
}

export interface ThrottleCounter {
  /** `pair:…`, `user:…` or `address:…` (recordSuccess clears the first two). */
  key: string
  free: number
}

export interface ThrottleLimits {
  freeFailures: number
  userFreeFailures: number
  addressFreeFailures: number
  baseDelayMs: number
  maxDelayMs: number
}

/** The options with their defaults (5 / 20 / 100 free, 1 s doubling up to 15 min). */
export function throttleLimits(options: ThrottleOptions = {}): ThrottleLimits {
  const freeFailures = options.freeFailures ?? 5
  return {
    freeFailures,
    userFreeFailures: options.userFreeFailures ?? Math.max(20, freeFailures * 4),
    addressFreeFailures: options.addressFreeFailures ?? Math.max(100, freeFailures * 20),
    baseDelayMs: options.baseDelayMs ?? 1_000,
    maxDelayMs: options.maxDelayMs ?? 15 * 60_000,
  }
}

/** The three counts one attempt adds to, in this order: pair, username, address. */
export function throttleCounters(attempt: SignInAttempt, limits: ThrottleLimits): [ThrottleCounter, ThrottleCounter, ThrottleCounter] {
  const user = attempt.username.trim().toLowerCase()
  return [
    // JSON keeps the two parts apart whatever characters a username holds.
    { key: `pair:${JSON.stringify([user, attempt.address])}`, free: limits.freeFailures },
    { key: `user:${user}`, free: limits.userFreeFailures },
    { key: `address:${attempt.address}`, free: limits.addressFreeFailures },
  ]
}

/**
 * Exponential back-off for failed sign-ins, counted three ways:
 * - per username *and* address: the brake someone mistyping, or guessing, meets first;
 * - per username: guessing one account from many addresses (a higher ceiling, so that
 *   someone elsewhere failing on a name does not at once lock its owner out);
 * - per address: spraying many accounts from one place (a much higher ceiling, so that one
 *   user's failures never lock out everyone behind the same NAT or proxy).
 * In memory: a restart forgets, which is acceptable for an online-guessing brake; several
 * instances need the shared one (SRV-SC15), or each would allow the attempts again.
 */
export class MemorySignInThrottle implements SignInThrottle {
  private readonly entries = new Map<string, Entry>()
  private readonly limits: ThrottleLimits

  constructor(options: ThrottleOptions = {}) {
    this.limits = throttleLimits(options)
  }

  private counters(attempt: SignInAttempt): ThrottleCounter[] {
    return throttleCounters(attempt, this.limits)
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
      if (over > 0) e.blockedUntil = now + Math.min(this.limits.maxDelayMs, this.limits.baseDelayMs * 2 ** (over - 1))
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

  begin(attempt: SignInAttempt, now = Date.now()): number {
    const wait = this.retryAfterMs(attempt, now)
    if (wait === 0) this.recordFailure(attempt, now)
    return wait
  }

  /**
   * After `begin`: the username's counts cleared, the address's as before the attempt (a
   * block it set only because this attempt was counted is lifted; an earlier one stays).
   */
  succeeded(attempt: SignInAttempt): void {
    this.recordSuccess(attempt)
    const address = this.counters(attempt)[2]!
    const e = this.entries.get(address.key)
    if (!e) return
    e.failures = Math.max(0, e.failures - 1)
    if (e.failures <= address.free) e.blockedUntil = 0
  }

  private prune(now: number): void {
    for (const [k, e] of this.entries) if (now - e.lastFailure > this.limits.maxDelayMs && e.blockedUntil < now) this.entries.delete(k)
  }
}
