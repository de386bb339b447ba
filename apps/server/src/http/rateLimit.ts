import { ApiError } from './errors.js'

/**
 * A fixed-window request budget per key (e.g. per user): `limit` calls per `windowMs`,
 * then 429 with `Retry-After` until the window ends. In memory, like the sign-in throttle.
 */
export class RateLimit {
  private readonly windows = new Map<string | number, { start: number; count: number }>()

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly what: string,
    /** Shown as it is by the web app (Swedish), as `details.message`. */
    private readonly message?: string,
  ) {}

  /** Counts one call for `key`; throws 429 when over the budget. */
  take(key: string | number, now = Date.now()): void {
    let w = this.windows.get(key)
    if (!w || now - w.start >= this.windowMs) {
      if (this.windows.size > 10_000) this.prune(now)
      w = { start: now, count: 0 }
      this.windows.set(key, w)
    }
    w.count++
    if (w.count > this.limit) {
      const retryAfter = Math.max(1, Math.ceil((w.start + this.windowMs - now) / 1000))
      throw new ApiError(
        429,
        `too many ${this.what}: at most ${this.limit} per ${this.windowMs / 1000} s`,
        this.message ? { message: this.message } : undefined,
        { 'Retry-After': String(retryAfter) },
      )
    }
  }

  private prune(now: number): void {
    for (const [k, w] of this.windows) if (now - w.start >= this.windowMs) this.windows.delete(k)
  }
}
