type Log = (event: string, details: Record<string, unknown>) => void

/**
 * How long a request waits for Redis before this instance answers from its own memory
 * instead: a Redis that holds the connection but does not answer (stalled, paused) must not
 * hang every sign-in or request.
 */
const SHARED_ANSWER_MS = 2_000

/**
 * Redis calls of a counter shared by the instances (the sign-in throttle, request budgets)
 * that fall back to this instance's own counts while Redis is away: `call` gives Redis's
 * answer, or undefined when it failed or did not answer in time. The outage is logged once
 * when it begins and once when it ends, not per call.
 */
export class RedisOrLocal {
  private away = false

  constructor(
    private readonly log: Log,
    private readonly events: { away: string; back: string },
    private readonly details: Record<string, unknown> = {},
  ) {}

  async call<T>(call: () => Promise<T>): Promise<T | undefined> {
    let timer: NodeJS.Timeout | undefined
    const late = new Promise<never>((_, fail) => {
      timer = setTimeout(() => fail(new Error(`no answer within ${SHARED_ANSWER_MS} ms`)), SHARED_ANSWER_MS)
    })
    try {
      const result = await Promise.race([call(), late])
      if (this.away) this.log(this.events.back, this.details)
      this.away = false
      return result
    } catch (err) {
      if (!this.away) this.log(this.events.away, { ...this.details, reason: (err as Error).message })
      this.away = true
      return undefined
    } finally {
      clearTimeout(timer)
    }
  }
}
