import type { Redis } from 'ioredis'
import { overBudget, RateLimit, type BudgetSpec, type RequestBudget } from '../http/rateLimit.js'
import { RedisOrLocal } from './redisOrLocal.js'

type Log = (event: string, details: Record<string, unknown>) => void

const PREFIX = 'perspektiv:budget:'

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
  private readonly redisOrLocal: RedisOrLocal

  constructor(
    private readonly redis: Redis,
    private readonly name: string,
    private readonly spec: BudgetSpec,
    log: Log = () => {},
  ) {
    this.local = new RateLimit(spec.limit, spec.windowMs, spec.what, spec.message)
    this.redisOrLocal = new RedisOrLocal(log, { away: 'request budget counted in memory', back: 'request budget shared again' }, { budget: name })
  }

  async take(key: string | number, now = Date.now()): Promise<void> {
    const answer = await this.redisOrLocal.call(
      () => this.redis.eval(TAKE, 1, `${PREFIX}${this.name}:${key}`, String(this.spec.windowMs)) as Promise<[number, number]>,
    )
    if (answer === undefined) return this.local.take(key, now)
    const [count, leftMs] = answer
    if (count > this.spec.limit) throw overBudget(this.spec, leftMs)
  }
}
