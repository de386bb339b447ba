import { describe, expect, it } from 'vitest'
import { MemorySignInThrottle } from './signInThrottle.js'

const kimHere = { username: 'kim', address: '1.2.3.4' }

describe('MemorySignInThrottle', () => {
  it('lets the first failures through, then backs off exponentially up to the cap', () => {
    const t = new MemorySignInThrottle({ freeFailures: 2, baseDelayMs: 1000, maxDelayMs: 5000 })
    t.recordFailure(kimHere, 0)
    t.recordFailure(kimHere, 0)
    expect(t.retryAfterMs(kimHere, 0)).toBe(0)
    t.recordFailure(kimHere, 0)
    expect(t.retryAfterMs(kimHere, 0)).toBe(1000)
    t.recordFailure(kimHere, 1000)
    expect(t.retryAfterMs(kimHere, 1000)).toBe(2000)
    t.recordFailure(kimHere, 3000)
    t.recordFailure(kimHere, 3000)
    expect(t.retryAfterMs(kimHere, 3000)).toBe(5000)
    // Usernames compare case-insensitively, as sign-in does.
    expect(t.retryAfterMs({ username: 'KIM', address: '1.2.3.4' }, 3000)).toBe(5000)
    t.recordSuccess(kimHere)
    expect(t.retryAfterMs(kimHere, 3000)).toBe(0)
  })

  it('one user failing does not lock out other users behind the same address, nor the user elsewhere', () => {
    const t = new MemorySignInThrottle({ freeFailures: 2, userFreeFailures: 4, addressFreeFailures: 6, baseDelayMs: 1000 })
    for (let i = 0; i < 3; i++) t.recordFailure(kimHere, 0)
    expect(t.retryAfterMs(kimHere, 0)).toBe(1000)
    expect(t.retryAfterMs({ username: 'lo', address: '1.2.3.4' }, 0)).toBe(0)
    expect(t.retryAfterMs({ username: 'kim', address: '5.6.7.8' }, 0)).toBe(0)
  })

  it('guessing one account from many addresses meets the per-user ceiling', () => {
    const t = new MemorySignInThrottle({ freeFailures: 2, userFreeFailures: 4, addressFreeFailures: 6, baseDelayMs: 1000 })
    for (let i = 0; i < 5; i++) t.recordFailure({ username: 'kim', address: `10.0.0.${i}` }, 0)
    expect(t.retryAfterMs({ username: 'kim', address: '10.0.0.99' }, 0)).toBe(1000)
    expect(t.retryAfterMs({ username: 'lo', address: '10.0.0.1' }, 0)).toBe(0)
  })

  it('spraying many accounts from one address meets the per-address ceiling, which a success does not reset', () => {
    const t = new MemorySignInThrottle({ freeFailures: 2, userFreeFailures: 4, addressFreeFailures: 6, baseDelayMs: 1000 })
    for (let i = 0; i < 7; i++) t.recordFailure({ username: `user${i}`, address: '1.2.3.4' }, 0)
    expect(t.retryAfterMs({ username: 'somebody-new', address: '1.2.3.4' }, 0)).toBe(1000)
    t.recordSuccess({ username: 'user0', address: '1.2.3.4' })
    expect(t.retryAfterMs({ username: 'somebody-new', address: '1.2.3.4' }, 0)).toBe(1000)
    expect(t.retryAfterMs({ username: 'somebody-new', address: '5.6.7.8' }, 0)).toBe(0)
  })

  it('begin counts the attempt at once, so a burst checked before any password is judged meets the brake; succeeded takes it back', () => {
    const t = new MemorySignInThrottle({ freeFailures: 2, userFreeFailures: 4, addressFreeFailures: 3, baseDelayMs: 1000 })
    // Five attempts begun together (none judged yet): the first three pass, the rest wait.
    expect([1, 2, 3, 4, 5].map(() => t.begin(kimHere, 0))).toEqual([0, 0, 0, 1000, 1000])
    // The right password for another user at the address: its count is taken back, not the three before.
    const lo = { username: 'lo', address: '5.6.7.8' }
    for (let i = 0; i < 3; i++) expect(t.begin(lo, 0)).toBe(0)
    t.succeeded(lo)
    expect(t.begin({ username: 'mio', address: '5.6.7.8' }, 0)).toBe(0)
    // Three counted at the address now: one more passes and sets the wait, the next one waits.
    expect(t.begin({ username: 'nils', address: '5.6.7.8' }, 0)).toBe(0)
    expect(t.begin({ username: 'olle', address: '5.6.7.8' }, 0)).toBe(1000)
  })
})
