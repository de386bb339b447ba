/**
 * Changes that concern open sockets cross instances (apps/server/src/scale/instanceBus.ts)
 * on real Redis: a sign-out, a role change, a status change (approval locks editing), an
 * /events message. Rule SRV-SC5.
 */
import { Redis } from 'ioredis'
import { afterEach, describe, expect, it } from 'vitest'
import { InstanceBus, type BusMessage } from '@perspektiv/server'
import { waitFor } from '../server/harness.js'
import { missing, useServices } from './services.js'

const services = useServices()
const cleanups: Array<() => void> = []
afterEach(() => {
  for (const c of cleanups.splice(0)) c()
})

async function instance() {
  const url = services.get().redis.url
  const [pub, sub] = [new Redis(url), new Redis(url)]
  cleanups.push(() => {
    pub.disconnect()
    sub.disconnect()
  })
  const received: BusMessage[] = []
  const logged: string[] = []
  const bus = new InstanceBus(
    pub,
    sub,
    (m) => received.push(m),
    (event, details) => logged.push(`${event}: ${JSON.stringify(details)}`),
  )
  await bus.subscribed()
  return { bus, received, logged, raw: pub }
}

describe.skipIf(missing)('instance bus', () => {
  it('SRV-SC5: a sign-out, role and status change and an /events message reach every other instance, not the sender', async () => {
    const [a, b, c] = [await instance(), await instance(), await instance()]
    const messages: BusMessage[] = [
      { type: 'session-ended', sessionHash: 'a'.repeat(64), reason: 'session ended' },
      { type: 'role', documentId: 'd1', userId: 7, role: null },
      { type: 'status', documentId: 'd1', status: 'godkand' },
      { type: 'event', userIds: [7, 8], message: { type: 'read', unread: 0 } },
    ]
    for (const m of messages) await a.bus.publish(m)
    await waitFor(() => b.received.length === 4 && c.received.length === 4, 15_000, 'B and C to get all four')
    expect(b.received).toEqual(messages)
    expect(c.received).toEqual(messages)
    expect(a.received).toEqual([])
  })

  it('SRV-SC5: a malformed message is refused with its reason and the bus goes on', async () => {
    const [a, b] = [await instance(), await instance()]
    await a.raw.publish('perspektiv:instances', 'inte json')
    await a.raw.publish('perspektiv:instances', JSON.stringify({ from: 'x', message: { type: 'status', documentId: 'd1', status: 'klar' } }))
    await a.bus.publish({ type: 'status', documentId: 'd1', status: 'granskning' })
    await waitFor(() => b.received.length === 1, 15_000, 'the valid message')
    expect(b.received).toEqual([{ type: 'status', documentId: 'd1', status: 'granskning' }])
    expect(b.logged.join('\n')).toMatch(/not JSON/)
    expect(b.logged.join('\n')).toMatch(/status: Invalid option/)
    expect(() => a.bus.publish({ type: 'role', documentId: '', userId: 1, role: 'author' })).toThrow()
  })
})
