import { ApiError } from './errors.js'

/** A request budget per key: `take` counts one call, and throws (or rejects with) 429 when over it. */
export interface RequestBudget {
  take(key: string | number, now?: number): void | Promise<void>
}

/** What a budget allows: `limit` calls per `windowMs`; `what` names them in the 429. */
export interface BudgetSpec {
  limit: number
  windowMs: number
  what: string
  /** Shown as it is by the web app (Swedish), as `details.message`. */
  message?: string
}

/** Makes a route's budget by name: this process's own (`RateLimit`), or every instance's on one Redis (scale/rateLimit.ts). */
export type BudgetFactory = (name: string, spec: BudgetSpec) => RequestBudget

export const memoryBudgets: BudgetFactory = (_name, { limit, windowMs, what, message }) => new RateLimit(limit, windowMs, what, message)

/** The 429 of a spent budget, with its Retry-After in whole seconds (at least 1). */
export function overBudget({ limit, windowMs, what, message }: BudgetSpec, retryAfterMs: number): ApiError {
  return new ApiError(429, `too many ${what}: at most ${limit} per ${windowMs / 1000} s`, message ? { message } : undefined, {
    'Retry-After': String(Math.max(1, Math.ceil(retryAfterMs / 1000))),
  })
}

/**
 * A fixed-window request budget per key (e.g. per user): `limit` calls per `windowMs`,
 * then 429 with `Retry-After` until the window ends. In memory, like the sign-in throttle;
 * with REDIS_URL the routes count on Redis instead, across instances (SRV-SC24).
 */
export class RateLimit implements RequestBudget {
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
      throw overBudget({ limit: this.limit, windowMs: this.windowMs, what: this.what, message: this.message }, w.start + this.windowMs - now)
    }
  }

  private prune(now: number): void {
    for (const [k, w] of this.windows) if (now - w.start >= this.windowMs) this.windows.delete(k)
  }
}
