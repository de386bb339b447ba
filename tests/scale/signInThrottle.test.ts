/**
 * The failed-sign-in throttle shared by the instances on one Redis (SRV-SC15): two server
 * instances on one PostgreSQL and one Redis, as behind nginx, where an attacker's attempts
 * land on both. Counted apart, each instance would allow the free failures again.
 */
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { api, PASSWORD, waitFor } from '../server/harness.js'
import { missing, useServices } from './services.js'
import { startTwoInstances, type TwoInstances } from './twoInstances.js'

const services = useServices()

describe.skipIf(missing)('sign-in throttle across instances (SRV-SC15)', () => {
  let two: TwoInstances
  const signIn = (i: 0 | 1, username: string, password: string) => api(two.urls[i], 'POST', '/api/session', { body: { username, password } })
  const wrong = 'fel lösenord igen'

  beforeAll(async () => {
    // A long first wait: the blocked attempts below land well inside it however slow the machine.
    two = await startTwoInstances(services, ['kim', 'lo', 'mio', 'ulf'], { throttle: { freeFailures: 5, baseDelayMs: 10 * 60_000 } })
  }, 120_000)
  afterAll(() => two?.close())

  it('SRV-SC15: failures spread over both instances add up; past the free ones the user is refused (429) on both, even with the right password', async () => {
    for (let i = 0; i < 5; i++) expect((await signIn((i % 2) as 0 | 1, 'kim', wrong)).status).toBe(401)
    // Three failures on one, two on the other: not yet blocked anywhere.
    expect((await signIn(1, 'kim', wrong)).status).toBe(401)
    for (const i of [0, 1] as const) {
      const refused = await signIn(i, 'kim', PASSWORD)
      expect(refused.status).toBe(429)
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
      expect(refused.body.error.message).toMatch(/^too many failed sign-ins; try again in \d+ s$/)
    }
  })

  it('SRV-SC15: the right password on one instance clears the username’s shared counts on the other', async () => {
    for (let i = 0; i < 4; i++) expect((await signIn((i % 2) as 0 | 1, 'lo', wrong)).status).toBe(401)
    expect((await signIn(0, 'lo', PASSWORD)).status).toBe(200)
    // Four more on the other instance: nine in all, but only four since the right password.
    for (let i = 0; i < 4; i++) expect((await signIn(1, 'lo', wrong)).status).toBe(401)
    expect((await signIn(1, 'lo', PASSWORD)).status).toBe(200)
  })

  it('SRV-SC15: a burst of wrong passwords sent at once to both instances meets the same brake as one after another', async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => signIn((i % 2) as 0 | 1, 'ulf', wrong)))
    const statuses = answers.map((a) => a.status).sort()
    // Five free failures and the sixth that sets the wait, as in sequence; the rest wait.
    expect(statuses).toEqual([...Array(6).fill(401), ...Array(14).fill(429)])
  })

  it('SRV-SC15: Redis stalled (connected, not answering writes): a sign-in is still answered, counted on the instance meanwhile', async () => {
    const admin = new Redis(services.get().redis.url)
    try {
      // Writes wait until the pause ends (a minute: far beyond this test's timeout).
      await admin.call('CLIENT', 'PAUSE', '60000', 'WRITE')
      expect((await signIn(1, 'mio', wrong)).status).toBe(401)
      expect((await signIn(1, 'mio', PASSWORD)).status).toBe(200)
    } finally {
      await admin.call('CLIENT', 'UNPAUSE')
      admin.disconnect()
    }
  })

  it('SRV-SC15: Redis away: each instance still brakes with the failures it saw itself (never unlimited), and sign-in works', async () => {
    const redis = services.get().redis
    await redis.stop()
    try {
      await waitFor(async () => (await api(two.urls[0], 'GET', '/api/health')).status === 503, 20_000, 'instance 1 to notice Redis is away')
      expect((await signIn(0, 'mio', PASSWORD)).status).toBe(200)
      for (let i = 0; i < 6; i++) expect((await signIn(0, 'mio', wrong)).status).toBe(401)
      expect((await signIn(0, 'mio', PASSWORD)).status).toBe(429)
    } finally {
      await redis.start()
    }
  })
})
