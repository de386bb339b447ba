import type { Redis } from 'ioredis'
import {
  MemorySignInThrottle,
  throttleCounters,
  throttleLimits,
  type SignInAttempt,
  type SignInThrottle,
  type ThrottleLimits,
  type ThrottleOptions,
} from '../http/signInThrottle.js'
import { RedisOrLocal } from './redisOrLocal.js'

type Log = (event: string, details: Record<string, unknown>) => void

const PREFIX = 'perspektiv:signin:'

/**
 * An attempt begins (KEYS: count, block per count — pair, username, address; ARGV: the three
 * free failures, base and max delay): blocked, the longest wait and nothing counted; else a
 * failure for the three counts at once and 0. Atomic, so attempts arriving together at
 * several instances each meet the brake. A count is forgotten `max` ms after its last
 * failure (as the memory throttle prunes); a block is a key that expires when the wait is
 * over, so the instances' clocks never enter into it.
 */
const BEGIN = `
local wait = 0
for i = 1, 3 do wait = math.max(wait, redis.call('PTTL', KEYS[2 * i])) end
if wait > 0 then return wait end
local base = tonumber(ARGV[4])
local max = tonumber(ARGV[5])
for i = 1, 3 do
  local n = redis.call('INCR', KEYS[2 * i - 1])
  redis.call('PEXPIRE', KEYS[2 * i - 1], max)
  local over = n - tonumber(ARGV[i])
  if over > 0 then
    local delay = math.min(max, base * 2 ^ math.min(over - 1, 40))
    redis.call('SET', KEYS[2 * i], '1', 'PX', math.max(1, math.floor(delay)))
  end
end
return 0
`

/**
 * The begun attempt had the right password (same KEYS; ARGV: the address's free failures):
 * the username's counts and blocks go, the address count is taken back, and a block it set
 * only because this attempt was counted is lifted (as MemorySignInThrottle.succeeded).
 */
const SUCCEEDED = `
redis.call('DEL', KEYS[1], KEYS[2], KEYS[3], KEYS[4])
if redis.call('EXISTS', KEYS[5]) == 1 then
  local n = redis.call('DECR', KEYS[5])
  if n <= tonumber(ARGV[1]) then redis.call('DEL', KEYS[6]) end
end
return 1
`

/**
 * The sign-in throttle of every instance on one Redis (`REDIS_URL`, SRV-SC15): the same
 * counts, limits and back-off as `MemorySignInThrottle`, kept in Redis so that failures spread
 * over the instances behind a load balancer add up, and a block set on one holds on all.
 *
 * Redis away: not unlimited, and not closed. While Redis does not answer, each instance
 * counts the failures it sees in its own memory (`MemorySignInThrottle`, the same limits) and
 * answers from those: at most the instances' number times the attempts for as long as the
 * outage lasts (`/api/health` says 503 then, so a load balancer drains the instances anyway).
 * Refusing every sign-in instead would lock everyone out of a server that otherwise works.
 * Counting in memory only when Redis fails (not always, taking the longer wait) keeps the
 * right password on one instance clearing the counts on all.
 */
export class RedisSignInThrottle implements SignInThrottle {
  private readonly limits: ThrottleLimits
  private readonly local: MemorySignInThrottle
  /** Redis's answer, or undefined while it does not answer (the local counts decide then). */
  private readonly shared: RedisOrLocal

  constructor(
    private readonly redis: Redis,
    options: ThrottleOptions = {},
    log: Log = () => {},
  ) {
    this.limits = throttleLimits(options)
    this.local = new MemorySignInThrottle(options)
    this.shared = new RedisOrLocal(log, { away: 'sign-in throttle on this instance only: redis unavailable', back: 'sign-in throttle shared again' })
  }

  /** Count and block key of each count: pair, username, address. */
  private keys(attempt: SignInAttempt): string[] {
    return throttleCounters(attempt, this.limits).flatMap((c) => [`${PREFIX}count:${c.key}`, `${PREFIX}block:${c.key}`])
  }

  async begin(attempt: SignInAttempt): Promise<number> {
    const { freeFailures, userFreeFailures, addressFreeFailures, baseDelayMs, maxDelayMs } = this.limits
    const keys = this.keys(attempt)
    const wait = await this.shared.call(() =>
      this.redis.eval(BEGIN, keys.length, ...keys, freeFailures, userFreeFailures, addressFreeFailures, baseDelayMs, maxDelayMs),
    )
    return wait === undefined ? this.local.begin(attempt) : Number(wait)
  }

  async succeeded(attempt: SignInAttempt): Promise<void> {
    this.local.succeeded(attempt)
    const keys = this.keys(attempt)
    await this.shared.call(() => this.redis.eval(SUCCEEDED, keys.length, ...keys, this.limits.addressFreeFailures))
  }
}
