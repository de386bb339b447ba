/**
 * Issue 22.2, no size quotas: a reviewer stored ~1.1 GB in the review room with 15 MB
 * updates, and `POST /versions` stored a full copy each time. Now (SRV-S14, API.md
 * "Versions"): an update over the per-update limit, a room over its quota and a user over
 * the bytes of a time window are refused before they are decoded, the socket is closed
 * with 4413 and a reason, nothing of it is stored and everyone else keeps working; saving
 * unchanged content stores no new state, and saving is rate-limited. Quotas are set small
 * here so the test is quick; the defaults are the same rules with more room.
 */
import { beforeAll, expect, it } from 'vitest'
import { createThread } from '@perspektiv/review'
import { addMember, api, connect, connected, createDoc, rows, sectionText, typeInSection, waitFor, type Client } from './support.js'
import { serverWorld } from '../server/world.js'

const KB = 1024
const w = serverWorld(['anna', 'rita'], {
  quotas: {
    updateBytes: { content: 256 * KB, review: 64 * KB },
    roomBytes: { content: 1024 * KB, review: 200 * KB },
    userBurstBytes: 600 * KB,
    userBytesPerSecond: 1,
  },
})
const { clients } = w
let anna: string
let rita: string
let doc: string

beforeAll(async () => {
  anna = w.t.anna!
  rita = w.t.rita!
  doc = await createDoc(w.server.url, anna, 'Kvoter')
  await addMember(w.server.url, anna, doc, 'rita', 'reviewer')
})

const closeOf = (c: Client) =>
  new Promise<{ code: number; reason: string }>((ok) =>
    c.provider.on('connection-close', (e: CloseEvent | null) => e && ok({ code: e.code, reason: e.reason })),
  )

const reviewBytes = () =>
  rows<{ n: number }>(
    w.data.dir,
    `SELECT COALESCE(SUM(LENGTH(data)), 0) AS n FROM (SELECT data FROM doc_updates WHERE document_id = ? AND room = 'review' UNION ALL SELECT data FROM snapshots WHERE document_id = ? AND room = 'review')`,
    doc,
    doc,
  )[0]!.n

it('SRV-S14: an oversized review update closes the socket with 4413 and is not stored; the author keeps editing', async () => {
  const author = connect(w.server.wsUrl, doc, anna)
  const reviewer = connect(w.server.wsUrl, `${doc}/review`, rita)
  clients.push(author, reviewer)
  await Promise.all([connected(author), connected(reviewer)])
  const before = reviewBytes()
  const closed = closeOf(reviewer)
  reviewer.doc.getMap('threads').set('x', 'y'.repeat(100 * KB))
  const { code, reason } = await closed
  expect(code).toBe(4413)
  expect(reason).toContain("over the review room's limit")
  expect(reviewBytes()).toBe(before)
  typeInSection(author.doc, 'sammanfattning', 'Fortfarande öppet.')
  const watcher = connect(w.server.wsUrl, doc, rita)
  clients.push(watcher)
  await waitFor(() => sectionText(watcher.doc, 'sammanfattning') === 'Fortfarande öppet.', 5000, 'edits still stored')
})

it('SRV-S14: a room over its quota and a user over the window are refused, and the room stays as it was', async () => {
  const reviewer = connect(w.server.wsUrl, `${doc}/review`, rita)
  clients.push(reviewer)
  await connected(reviewer)
  const closed = closeOf(reviewer)
  // Real comment threads by the reviewer (the review guard refuses anything else, G1–G2), each
  // with the longest comment the review shape allows (10,000 characters): under the per-update
  // limit; the room's 200 kB quota is met after about twenty of them.
  const anchor = { start: 'AA==', end: 'AA==', quote: 'citat', sectionKey: 'arendet' }
  for (let i = 0; i < 30; i++) {
    createThread(reviewer.doc, {
      id: `t${i}`,
      anchor,
      comment: { id: `t${i}-c1`, author: { username: 'rita', name: 'Rita' }, text: `${i % 10}`.repeat(10_000), at: new Date().toISOString() },
    })
    await new Promise((r) => setTimeout(r, 30))
  }
  const { code, reason } = await closed
  expect(code).toBe(4413)
  expect(reason).toMatch(/review room is full|written in a short time/)
  expect(reviewBytes()).toBeLessThanOrEqual(200 * KB)
  // What was stored still loads, for everyone.
  const later = connect(w.server.wsUrl, `${doc}/review`, anna)
  clients.push(later)
  await connected(later)
  expect(later.doc.getMap('threads').size).toBeGreaterThan(0)
  expect((await api(w.server.url, 'GET', '/api/health')).status).toBe(200)
})

it('versions: unchanged content stores no new state, and saving is rate-limited (429)', async () => {
  const saves = []
  for (let i = 0; i < 10; i++) saves.push(await api(w.server.url, 'POST', `/api/documents/${doc}/versions`, { token: anna, body: { label: `Version ${i}` } }))
  expect(saves.every((s) => s.status === 201)).toBe(true)
  const stored = rows<{ bytes: number }>(w.data.dir, 'SELECT LENGTH(state) AS bytes FROM versions WHERE document_id = ? AND label LIKE ?', doc, 'Version %')
  expect(stored.filter((r) => r.bytes > 0)).toHaveLength(1)
  // Each named version still shows its content.
  const last = await api(w.server.url, 'GET', `/api/documents/${doc}/versions/${saves[9]!.body.version.id}`, { token: anna })
  expect(JSON.stringify(last.body.content)).toContain('Fortfarande öppet.')
  const refused = await api(w.server.url, 'POST', `/api/documents/${doc}/versions`, { token: anna, body: { label: 'En till' } })
  expect(refused.status).toBe(429)
  expect(refused.body.error.details.message).toContain('Vänta')
})
