import type { Redis } from 'ioredis'
import { overBudget, RateLimit, type BudgetSpec, type RequestBudget } from '../http/rateLimit.js'

type Log = (event: string, details: Record<string, unknown>) => void

const PREFIX = 'perspektiv:budget:'
/** How long a request waits for Redis before it counts in memory instead (as the sign-in throttle). */
const SHARED_ANSWER_MS = 2_000

/**
 * One call counted in the key's window (KEYS: the count; ARGV: the window in ms): the count
 * after it and the ms until the window ends. The window starts with its first call and is a
 * key that expires with it, so the instances' clocks never enter into it.
 */
const TAKE = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local left = redis.call('PTTL', KEYS[1])
if left < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  left = tonumber(ARGV[1])
end
return { n, left }
`

/**
 * A route's request budget shared by every instance on one Redis (`REDIS_URL`, SRV-SC24):
 * the same fixed window as `RateLimit`, counted in Redis, so that a user's calls spread over
 * the instances behind a load balancer add up. Redis away (or not answering in 2 s): each
 * instance counts in its own memory meanwhile (the same limit), as the sign-in throttle does —
 * neither unlimited nor every request refused.
 */
export class RedisRateLimit implements RequestBudget {
  private readonly local: RateLimit
  /** Redis failed the last call: said once per outage in the log, not per request. */
  private away = false

  constructor(
    private readonly redis: Redis,
    private readonly name: string,
    private readonly spec: BudgetSpec,
    private readonly log: Log = () => {},
  ) {
    this.local = new RateLimit(spec.limit, spec.windowMs, spec.what, spec.message)
  }

  async take(key: string | number, now = Date.now()): Promise<void> {
    let answer: [number, number]
    try {
      answer = await this.shared(key)
      if (this.away) this.log('request budget shared again', { budget: this.name })
      this.away = false
    } catch (err) {
      if (!this.away) this.log('request budget counted in memory', { budget: this.name, reason: (err as Error).message })
      this.away = true
      this.local.take(key, now)
      return
    }
    const [count, leftMs] = answer
    if (count > this.spec.limit) throw overBudget(this.spec, leftMs)
  }

  private shared(key: string | number): Promise<[number, number]> {
    let timer: NodeJS.Timeout | undefined
    const late = new Promise<never>((_, fail) => {
      timer = setTimeout(() => fail(new Error(`Redis did not answer in ${SHARED_ANSWER_MS} ms`)), SHARED_ANSWER_MS)
    })
    const asked = this.redis.eval(TAKE, 1, `${PREFIX}${this.name}:${key}`, String(this.spec.windowMs)) as Promise<[number, number]>
    return Promise.race([asked, late]).finally(() => clearTimeout(timer))
  }
}
