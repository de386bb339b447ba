/**
 * Sessions across instances (SRV-SC10, issue 19): a session made on one instance is one on
 * every instance (they share PostgreSQL, nothing is cached per instance), and a sign-out on
 * one ends it on the other at once, for REST (cookie and bearer) and the `/events` socket.
 * The sockets across three processes behind nginx: tests/scale/instances.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { api, PASSWORD, rawSocket } from '../server/harness.js'
import { missing, useServices } from './services.js'
import { startTwoInstances, type TwoInstances } from './twoInstances.js'

const services = useServices()

describe.skipIf(missing)('sessions across instances', () => {
  let two: TwoInstances
  beforeAll(async () => {
    two = await startTwoInstances(services, ['kim'])
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
})
