/**
 * Sessions across instances (SRV-SC10, issue 19): a session made on one instance is one on
 * every instance (they share PostgreSQL, nothing is cached per instance), and a sign-out on
 * one ends it on the other at once, for REST (cookie and bearer) and the `/events` socket.
 * The sockets across three processes behind nginx: tests/scale/instances.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { api, PASSWORD, rawSocket, waitFor } from '../server/harness.js'
import { missing, useServices } from './services.js'
import { startTwoInstances, type TwoInstances } from './twoInstances.js'

const services = useServices()

describe.skipIf(missing)('sessions and the events channel across instances', () => {
  let two: TwoInstances
  beforeAll(async () => {
    two = await startTwoInstances(services, ['kim', 'anna', 'rita'])
  }, 120_000)
  afterAll(() => two?.close())

  it('SRV-SC10: signed in on one instance, known on the other (bearer and cookie); signed out on the first, refused on the second', async () => {
    const signedIn = await api(two.urls[0], 'POST', '/api/session', { body: { username: 'kim', password: PASSWORD } })
    expect(signedIn.status).toBe(200)
    const token = signedIn.body.token as string
    const cookie = signedIn.headers.get('set-cookie')!.split(';')[0]!
    expect((await api(two.urls[1], 'GET', '/api/me', { token })).body.username).toBe('kim')
    expect((await api(two.urls[1], 'GET', '/api/me', { headers: { cookie } })).body.username).toBe('kim')
    const events = await rawSocket(`${two.urls[1].replace('http', 'ws')}/events?token=${token}`)

    expect((await api(two.urls[0], 'DELETE', '/api/session', { token })).status).toBe(204)
    expect((await events.closed).code).toBe(1008)
    expect((await api(two.urls[1], 'GET', '/api/me', { token })).status).toBe(401)
    expect((await api(two.urls[1], 'GET', '/api/me', { headers: { cookie } })).status).toBe(401)
  })

  it('SRV-SC10: a notification made on one instance reaches the user’s /events socket on the other, and so does reading it there', async () => {
    const events = await rawSocket(`${two.urls[1].replace('http', 'ws')}/events?token=${two.tokens.rita}`)
    const received = () => events.messages.map((m) => JSON.parse(new TextDecoder().decode(m)))
    await waitFor(() => received().some((m) => m.type === 'hello'), 10_000, 'hello')
    const created = await api(two.urls[0], 'POST', '/api/documents', { token: two.tokens.anna, body: { templateId: 'remissvar', title: 'Över instanserna' } })
    const id = created.body.id as string
    expect(
      (await api(two.urls[0], 'PUT', `/api/documents/${id}/members`, { token: two.tokens.anna, body: { username: 'rita', role: 'reviewer' } })).status,
    ).toBe(200)
    await waitFor(() => received().some((m) => m.type === 'notification'), 10_000, 'the notification on the other instance')
    const note = received().find((m) => m.type === 'notification')
    expect(note).toMatchObject({ notification: { kind: 'member.added', documentId: id }, unread: 1 })
    await waitFor(() => received().some((m) => m.type === 'document' && m.documentId === id), 10_000, 'the document change on the other instance')
    expect((await api(two.urls[0], 'POST', '/api/notifications/read', { token: two.tokens.rita, body: {} })).status).toBe(200)
    await waitFor(() => received().some((m) => m.type === 'read' && m.unread === 0), 10_000, 'the read count on the other instance')
    events.ws.close()
  })
})
