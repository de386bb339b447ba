/**
 * Promise 8 (issue #8), resource limits: request bodies over 1 MB are refused with 413
 * (also before sign-in, also when streamed without a length), and one user cannot hold
 * more than the configured number of sync connections open (429 before the upgrade).
 * The third limit, a client that never reads being dropped at 8 MB queued instead of
 * buffered without bound, is proven by tests/server/sync.test.ts ("a client that stops
 * reading is dropped (back-pressure)"). A socket that no longer answers pings (half open)
 * is dropped too, so it holds neither a place nor its document (SRV-S9).
 */
import { createRequire } from 'node:module'
import { afterAll, beforeAll, expect, it } from 'vitest'
import {
  addMember,
  api,
  createDoc,
  execSql,
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

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const WsClient = createRequire(import.meta.url)('ws') as any

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

it(`SRV-S8: at most ${LIMIT} open sync connections per user: 429 before the upgrade, others unaffected, freed on close`, async () => {
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

it('SRV-S8: parallel handshakes cannot slip past the limit', async () => {
  for (const s of sockets.splice(0)) s.ws.close()
  await new Promise((r) => setTimeout(r, 200))
  const attempts = await Promise.allSettled(Array.from({ length: LIMIT * 3 }, (_, i) => rawSocket(`${server.wsUrl}/${docs[i % docs.length]}?token=${anna}`)))
  const opened = attempts.filter((a): a is PromiseFulfilledResult<Awaited<ReturnType<typeof rawSocket>>> => a.status === 'fulfilled').map((a) => a.value)
  sockets.push(...opened)
  // Give the server's post-upgrade check time to close any that got through the race.
  await new Promise((r) => setTimeout(r, 300))
  const stillOpen = opened.filter((s) => s.ws.readyState === 1)
  expect(stillOpen.length).toBeLessThanOrEqual(LIMIT)
  expect(stillOpen.length).toBeGreaterThan(0)
})

it('SRV-S8: the per-user limit is checked before the document is loaded: an unreadable document at the limit is a 429, and is not loaded', async () => {
  const own = tempDataDir()
  try {
    await seedUsers(own.dir, ['anna'])
    let s = await startTestServer(own.dir)
    let token = await signIn(s.url, 'anna')
    const open = await createDoc(s.url, token, 'Öppen')
    const broken = await createDoc(s.url, token, 'Trasig')
    await s.close()
    execSql(own.dir, "UPDATE snapshots SET data = ? WHERE document_id = ? AND room = 'content'", Buffer.from([0xff, 0x13, 0x37]), broken)
    const logged: Array<{ event: string; details: Record<string, unknown> }> = []
    s = await startTestServer(own.dir, { syncLimits: { maxConnectionsPerUser: 2 }, log: (event, details) => logged.push({ event, details }) })
    try {
      token = await signIn(s.url, 'anna')
      const held = [await rawSocket(`${s.wsUrl}/${open}?token=${token}`), await rawSocket(`${s.wsUrl}/${open}/review?token=${token}`)]
      expect((await refusedUpgrade(`${s.wsUrl}/${broken}?token=${token}`)).status).toBe(429)
      // Refused before loading: the broken state was not even read.
      expect(logged.filter((l) => l.event === 'document unavailable')).toEqual([])
      held[0]!.ws.close()
      await held[0]!.closed
      await waitFor(async () => (await upgradeStatus(`${s.wsUrl}/${broken}?token=${token}`)) === 503, 5000, 'a place, then the load')
      expect(logged.filter((l) => l.event === 'document unavailable').map((l) => l.details.documentId)).toEqual([broken])
      held[1]!.ws.terminate()
    } finally {
      await s.close()
    }
  } finally {
    own.remove()
  }
})

it('SRV-S9: a socket that stops answering pings is dropped, freeing its place; one that answers stays', async () => {
  const own = tempDataDir()
  try {
    await seedUsers(own.dir, ['anna'])
    const logged: string[] = []
    const s = await startTestServer(own.dir, { syncLimits: { maxConnectionsPerUser: 2, pingIntervalMs: 300 }, log: (event) => logged.push(event) })
    try {
      const token = await signIn(s.url, 'anna')
      const id = await createDoc(s.url, token, 'Ping')
      const answering = await rawSocket(`${s.wsUrl}/${id}?token=${token}`)
      let pings = 0
      answering.ws.on('ping', () => pings++)
      // A real socket whose other end has gone away without closing (a laptop put to
      // sleep, a dropped network): it is open on the server but answers nothing.
      // It answers while the user has both places taken, then stops.
      let alive = true
      const halfOpen = new WsClient(`${s.wsUrl}/${id}/review?token=${token}`, { autoPong: false })
      halfOpen.on('ping', () => alive && halfOpen.pong())
      const halfOpenClosed = new Promise<number>((done) => halfOpen.on('close', (code: number) => done(code)))
      await new Promise((ok, fail) => {
        halfOpen.on('open', ok)
        halfOpen.on('error', fail)
      })
      expect((await refusedUpgrade(`${s.wsUrl}/${id}/review?token=${token}`)).status).toBe(429)
      alive = false
      // Dropped without a closing handshake (nothing would answer one).
      expect(await halfOpenClosed).toBe(1006)
      expect(logged).toContain('unresponsive client dropped')
      // Its place is free again, and the socket that answers is still open after several pings.
      await waitFor(async () => (await upgradeStatus(`${s.wsUrl}/${id}/review?token=${token}`)) === 101, 5000, 'the freed place')
      await waitFor(() => pings >= 3, 5000, 'three pings answered')
      expect(answering.ws.readyState).toBe(1)
      expect(logged.filter((e) => e === 'unresponsive client dropped')).toHaveLength(1)
      answering.ws.close()
    } finally {
      await s.close()
    }
  } finally {
    own.remove()
  }
})
