/**
 * Promise 8 (issue #8), resource limits: request bodies over 1 MB are refused with 413
 * (also before sign-in, also when streamed without a length), and one user cannot hold
 * more than the configured number of sync connections open (429 before the upgrade).
 * The third limit, a client that never reads being dropped at 8 MB queued instead of
 * buffered without bound, is proven by tests/server/sync.test.ts ("a client that stops
 * reading is dropped (back-pressure)").
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import {
  addMember,
  api,
  createDoc,
  rawSocket,
  refusedUpgrade,
  seedUsers,
  signIn,
  startTestServer,
  tempDataDir,
  upgradeStatus,
  waitFor,
  type TestServer,
} from './support.js'

const LIMIT = 6
const data = tempDataDir()
let server: TestServer
let anna: string
let erik: string
const docs: string[] = []
const sockets: Array<{ ws: any }> = []

beforeAll(async () => {
  await seedUsers(data.dir, ['anna', 'erik'])
  server = await startTestServer(data.dir, { syncLimits: { maxConnectionsPerUser: LIMIT } })
  anna = await signIn(server.url, 'anna')
  erik = await signIn(server.url, 'erik')
  for (let i = 0; i < 4; i++) {
    const id = await createDoc(server.url, anna, `Dokument ${i}`)
    await addMember(server.url, anna, id, 'erik', 'reader')
    docs.push(id)
  }
})
afterAll(async () => {
  for (const s of sockets) s.ws.terminate()
  await server?.close()
  data.remove()
})

it('413 for bodies over 1 MB: with a length, streamed without one, and before sign-in', async () => {
  const big = 'x'.repeat(1024 * 1024 + 1)
  const create = await api(server.url, 'POST', '/api/documents', { token: anna, body: { templateId: 'remissvar', title: big } })
  expect(create.status).toBe(413)
  expect(create.body.error.code).toBe('too_large')
  const member = await api(server.url, 'PUT', `/api/documents/${docs[0]}/members`, { token: anna, body: { username: big, role: 'reader' } })
  expect(member.status).toBe(413)
  const signInBody = await api(server.url, 'POST', '/api/session', { body: { username: 'anna', password: big } })
  expect(signInBody.status).toBe(413)
  // Chunked: no Content-Length to check up front; the server must stop reading at 1 MB.
  const chunks = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let i = 0; i < 40; i++) controller.enqueue(new TextEncoder().encode('y'.repeat(64 * 1024)))
      controller.close()
    },
  })
  const streamed = await fetch(`${server.url}/api/documents`, {
    method: 'POST',
    headers: { authorization: `Bearer ${anna}`, 'content-type': 'application/json' },
    body: chunks,
    duplex: 'half',
  } as RequestInit)
  expect(streamed.status).toBe(413)
  // Just under the limit is an ordinary (here: invalid) request.
  const under = await api(server.url, 'POST', '/api/documents', { token: anna, body: { templateId: 'remissvar', title: 'x'.repeat(1000) } })
  expect(under.status).not.toBe(413)
})

it(`at most ${LIMIT} open sync connections per user: 429 before the upgrade, others unaffected, freed on close`, async () => {
  const rooms = docs.flatMap((id) => [id, `${id}/review`])
  for (const room of rooms.slice(0, LIMIT)) sockets.push(await rawSocket(`${server.wsUrl}/${room}?token=${anna}`))
  const refused = await refusedUpgrade(`${server.wsUrl}/${rooms[LIMIT]}?token=${anna}`)
  expect(refused.status).toBe(429)
  // (@hono/node-ws writes a refused upgrade's status line only, no body.)
  // Per user, not per server: erik is not affected by anna's sockets.
  expect(await upgradeStatus(`${server.wsUrl}/${rooms[LIMIT]}?token=${erik}`)).toBe(101)
  // Closing one frees a place.
  const first = sockets.shift()!
  first.ws.close()
  await waitFor(async () => (await upgradeStatus(`${server.wsUrl}/${rooms[LIMIT]}?token=${anna}`)) === 101, 5000, 'a freed connection slot')
})

it('parallel handshakes cannot slip past the limit', async () => {
  for (const s of sockets.splice(0)) s.ws.close()
  await new Promise((r) => setTimeout(r, 200))
  const attempts = await Promise.allSettled(
    Array.from({ length: LIMIT * 3 }, (_, i) => rawSocket(`${server.wsUrl}/${docs[i % docs.length]}?token=${anna}`)),
  )
  const opened = attempts.filter((a): a is PromiseFulfilledResult<Awaited<ReturnType<typeof rawSocket>>> => a.status === 'fulfilled').map((a) => a.value)
  sockets.push(...opened)
  // Give the server's post-upgrade check time to close any that got through the race.
  await new Promise((r) => setTimeout(r, 300))
  const stillOpen = opened.filter((s) => s.ws.readyState === 1)
  expect(stillOpen.length).toBeLessThanOrEqual(LIMIT)
  expect(stillOpen.length).toBeGreaterThan(0)
})
