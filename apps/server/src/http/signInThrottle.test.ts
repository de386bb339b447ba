import { describe, expect, it } from 'vitest'
import { SignInThrottle } from './signInThrottle.js'

describe('SignInThrottle', () => {
  it('lets the first failures through, then backs off exponentially up to the cap', () => {
    const t = new SignInThrottle({ freeFailures: 2, baseDelayMs: 1000, maxDelayMs: 5000 })
    const keys = ['user:kim', 'ip:1.2.3.4']
    t.recordFailure(keys, 0)
    t.recordFailure(keys, 0)
    expect(t.retryAfterMs(keys, 0)).toBe(0)
    t.recordFailure(keys, 0)
    expect(t.retryAfterMs(keys, 0)).toBe(1000)
    t.recordFailure(keys, 1000)
    expect(t.retryAfterMs(keys, 1000)).toBe(2000)
    t.recordFailure(keys, 3000)
    t.recordFailure(keys, 3000)
    expect(t.retryAfterMs(keys, 3000)).toBe(5000)
    // Another user from the same address is blocked too; from elsewhere, not.
    expect(t.retryAfterMs(['user:lo', 'ip:1.2.3.4'], 3000)).toBe(5000)
    expect(t.retryAfterMs(['user:lo', 'ip:5.6.7.8'], 3000)).toBe(0)
    t.recordSuccess(['user:kim'])
    expect(t.retryAfterMs(['user:kim'], 3000)).toBe(0)
  })
})
