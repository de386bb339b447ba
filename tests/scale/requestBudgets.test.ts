/**
 * Request budgets of routes shared by the instances on one Redis (SRV-SC24): two server
 * instances on one PostgreSQL and one Redis, as behind nginx. Counted apart, a user whose
 * requests land on both would get each instance's budget.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { api } from '../server/harness.js'
import { missing, useServices } from './services.js'
import { startTwoInstances, type TwoInstances } from './twoInstances.js'

const services = useServices()
/** USER_SEARCHES_PER_MINUTE (apps/server/src/routes/users/users.ts). */
const USER_SEARCHES_PER_MINUTE = 60

describe.skipIf(missing)('request budgets across instances (SRV-SC24)', () => {
  let two: TwoInstances
  const search = (i: 0 | 1, username: string) => api(two.urls[i], 'GET', '/api/users?query=a', { token: two.tokens[username] })

  beforeAll(async () => {
    two = await startTwoInstances(services, ['kim', 'lo'])
  }, 120_000)
  afterAll(() => two?.close())

  it('SRV-SC24: user searches spread over both instances add up to one budget; past it the user is refused (429, Retry-After) on both, another user is not', async () => {
    for (let i = 0; i < USER_SEARCHES_PER_MINUTE; i++) expect((await search((i % 2) as 0 | 1, 'kim')).status).toBe(200)
    for (const i of [0, 1] as const) {
      const refused = await search(i, 'kim')
      expect(refused.status).toBe(429)
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
      expect(refused.body.error.message).toBe(`too many user searches: at most ${USER_SEARCHES_PER_MINUTE} per 60 s`)
    }
    expect((await search(1, 'lo')).status).toBe(200)
  })

  it('SRV-SC24: Redis away: each instance still counts the requests it sees itself, and answers', async () => {
    const redis = services.get().redis
    await redis.stop()
    try {
      expect((await search(0, 'lo')).status).toBe(200)
    } finally {
      await redis.start()
    }
  })
})
