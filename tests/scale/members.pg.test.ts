/**
 * Member changes under the document's workflow lock across instances (SRV-SC16): two server
 * instances on one PostgreSQL. The test holds the document's lock itself, as a third
 * instance in the middle of a workflow step would, lets the conflicting requests queue
 * behind it on both instances in the order it wants (PostgreSQL grants the lock in queue
 * order), and releases it: every interleaving it can force ends as one of the serial orders.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { api, waitFor } from '../server/harness.js'
import { readyDocument } from '../server/sharingSupport.js'
import { missing, useServices } from './services.js'
import { startTwoInstances, waitingSteps, type TwoInstances } from './twoInstances.js'

const services = useServices()

describe.skipIf(missing)('member changes across instances (SRV-SC16)', () => {
  let two: TwoInstances
  const call = (i: 0 | 1, who: string, method: string, path: string, body?: unknown) => api(two.urls[i], method, path, { token: two.tokens[who], body })

  beforeAll(async () => {
    two = await startTwoInstances(services, ['anna', 'erik', 'rita', 'linn'])
  }, 120_000)
  afterAll(() => two?.close())

  /**
   * Holds the document's lock while `requests` are sent one by one, each only once the one
   * before waits for the lock (so they queue in this order), then releases it; their answers.
   */
  type Answer = { status: number; body: any }
  async function queuedBehindLock(id: string, requests: [() => Promise<Answer>, () => Promise<Answer>]): Promise<[Answer, Answer]> {
    let release!: () => void
    let holding!: () => void
    const held = new Promise<void>((r) => (holding = r))
    const lock = two.db.documentLock.run(id, async () => {
      holding()
      await new Promise<void>((r) => (release = r))
    })
    await held
    const answers: Array<Promise<Answer>> = []
    try {
      for (const [i, request] of requests.entries()) {
        answers.push(request())
        // Waits in PostgreSQL, not already answered: a member change that took no lock would answer here.
        await waitFor(async () => (await waitingSteps(two.db)) === i + 1, 20_000, `request ${i + 1} to wait for the document lock`)
      }
    } finally {
      release()
      await lock
    }
    const [first, second] = await Promise.all(answers)
    return [first!, second!]
  }

  const audit = async (id: string) => (await call(0, 'anna', 'GET', `/api/documents/${id}/audit`)).body.entries as Array<{ action: string; details: any }>
  const toReview = (e: { action: string; details: any }) => e.action === 'status.changed' && e.details.to === 'granskning'
  const members = async (id: string) => (await call(1, 'anna', 'GET', `/api/documents/${id}`)).body.members as Array<{ username: string; role: string }>

  it('SRV-SC16: review started on one instance while another makes someone approver: the approver change waits, then is refused (membership frozen)', async () => {
    const id = await readyDocument(two.urls[0], two.urls[0].replace('http', 'ws') + '/sync', two.tokens.anna!, 'Granskning först')
    const [review, approver] = await queuedBehindLock(id, [
      () => call(0, 'anna', 'POST', `/api/documents/${id}/status`, { to: 'granskning' }),
      () => call(1, 'anna', 'PUT', `/api/documents/${id}/members`, { username: 'rita', role: 'approver' }),
    ])
    expect(review.status).toBe(200)
    expect(review.body.status).toBe('granskning')
    expect(approver.status).toBe(409)
    expect(approver.body.error.details).toMatchObject({ reason: 'approversInReview' })
    expect((await members(id)).map((m) => m.username)).not.toContain('rita')
    const entries = await audit(id)
    expect(entries.filter((e) => e.action === 'member.set')).toEqual([])
    expect(entries.filter(toReview)).toHaveLength(1)
  })

  it('SRV-SC16: the approver change queued first is made first, and the review then starts with that approver', async () => {
    const id = await readyDocument(two.urls[0], two.urls[0].replace('http', 'ws') + '/sync', two.tokens.anna!, 'Godkännare först')
    const [approver, review] = await queuedBehindLock(id, [
      () => call(1, 'anna', 'PUT', `/api/documents/${id}/members`, { username: 'rita', role: 'approver' }),
      () => call(0, 'anna', 'POST', `/api/documents/${id}/status`, { to: 'granskning' }),
    ])
    expect(approver.status).toBe(200)
    expect(review.status).toBe(200)
    expect(review.body.status).toBe('granskning')
    expect(await members(id)).toContainEqual(expect.objectContaining({ username: 'rita', role: 'approver' }))
    // One audit entry for the one change, before the review started.
    const entries = await audit(id)
    const set = entries.filter((e) => e.action === 'member.set' && e.details.username === 'rita')
    expect(set).toHaveLength(1)
    expect(entries.filter(toReview)).toHaveLength(1)
    expect(entries.indexOf(set[0]!)).toBeLessThan(entries.findIndex(toReview))
  })

  it('SRV-SC16: two authors removing each other on two instances at once leave one author', async () => {
    const created = await call(0, 'anna', 'POST', '/api/documents', { templateId: 'remissvar', title: 'Två författare' })
    const id = created.body.id as string
    expect((await call(0, 'anna', 'PUT', `/api/documents/${id}/members`, { username: 'erik', role: 'author' })).status).toBe(200)
    const [annaRemovesErik, erikRemovesAnna] = await queuedBehindLock(id, [
      () => call(0, 'anna', 'DELETE', `/api/documents/${id}/members/erik`),
      () => call(1, 'erik', 'DELETE', `/api/documents/${id}/members/anna`),
    ])
    expect(annaRemovesErik.status).toBe(200)
    // Erik is no longer a member when his request is judged.
    expect(erikRemovesAnna.status).toBeGreaterThanOrEqual(403)
    expect(await members(id)).toEqual([expect.objectContaining({ username: 'anna', role: 'author' })])
    expect((await audit(id)).filter((e) => e.action === 'member.removed')).toHaveLength(1)
  })
})
