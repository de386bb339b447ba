/**
 * Promise 3 (issue #8), failed load (the Hocuspocus #382 data loss: a failed load served a
 * blank document that then overwrote the stored one). A document whose stored state is
 * corrupt or missing is refused with 503 and a logged reason, on REST and both sync rooms;
 * it is never served empty and nothing is ever written for it, even when a client holding
 * an older copy keeps trying to sync; other documents keep working.
 */
import { afterAll, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  api,
  connect,
  connected,
  createDoc,
  execSql,
  loadFromDisk,
  rows,
  sectionText,
  seedUsers,
  signIn,
  sleep,
  startTestServer,
  tempDataDir,
  typeInSection,
  upgradeStatus,
  waitFor,
  type Client,
} from './support.js'

const data = tempDataDir()
const clients: Client[] = []
afterAll(() => {
  for (const c of clients) c.destroy()
  data.remove()
})

/** Every stored byte of the Yjs state, to prove nothing was written. */
const storedState = () => ({
  snapshots: rows(data.dir, 'SELECT document_id, room, hex(data) AS data, updated_at FROM snapshots ORDER BY document_id, room'),
  updates: rows(data.dir, 'SELECT id, document_id, room, hex(data) AS data FROM doc_updates ORDER BY id'),
})

it('SRV-S1, SRV-ST5: corrupt, truncated, unreadable-log and missing state: 503 with a logged reason, never served empty or overwritten; others keep working', async () => {
  await seedUsers(data.dir, ['anna'])
  let server = await startTestServer(data.dir, { idleUnloadMs: 50 })
  let token = await signIn(server.url, 'anna')
  const kinds = ['garbage-snapshot', 'truncated-snapshot', 'garbage-log-row', 'missing-state', 'garbage-review'] as const
  const broken: Record<(typeof kinds)[number], string> = {} as never
  for (const kind of kinds) broken[kind] = await createDoc(server.url, token, `Trasig ${kind}`)
  const healthy = await createDoc(server.url, token, 'Frisk')

  // An author's client holds a full copy of one document (think: an open tab, or the offline cache).
  const cached = connect(server.wsUrl, broken['garbage-snapshot'], token)
  clients.push(cached)
  await connected(cached)
  typeInSection(cached.doc, 'sammanfattning', 'Text som finns i fliken.')
  await waitFor(() => sectionText(loadFromDisk(data.dir, broken['garbage-snapshot']), 'sammanfattning') !== '', 5000, 'stored')
  cached.provider.disconnect()
  await server.close()

  const snapshot = (id: string, room = 'content') =>
    rows<{ data: Buffer }>(data.dir, 'SELECT data FROM snapshots WHERE document_id = ? AND room = ?', id, room)[0]!.data
  execSql(
    data.dir,
    "UPDATE snapshots SET data = ? WHERE document_id = ? AND room = 'content'",
    Buffer.from([0xff, 0x13, 0x37, 0, 0x42, 0x99, 1]),
    broken['garbage-snapshot'],
  )
  const full = snapshot(broken['truncated-snapshot'])
  execSql(
    data.dir,
    "UPDATE snapshots SET data = ? WHERE document_id = ? AND room = 'content'",
    full.subarray(0, Math.floor(full.length / 2)),
    broken['truncated-snapshot'],
  )
  execSql(
    data.dir,
    "INSERT INTO doc_updates (document_id, room, data, created_at) VALUES (?, 'content', ?, 0)",
    broken['garbage-log-row'],
    Buffer.from([1, 1, 7, 0, 4, 0xff, 0xff, 0xff, 0xff, 0x0f]),
  )
  execSql(data.dir, 'DELETE FROM snapshots WHERE document_id = ?', broken['missing-state'])
  execSql(data.dir, 'DELETE FROM doc_updates WHERE document_id = ?', broken['missing-state'])
  execSql(
    data.dir,
    "INSERT OR REPLACE INTO snapshots (document_id, room, data, updated_at) VALUES (?, 'review', ?, 0)",
    broken['garbage-review'],
    Buffer.from([9, 9, 9]),
  )
  const before = storedState()

  for (const attempt of ['first start', 'after a restart']) {
    const logged: Array<{ event: string; details: Record<string, unknown> }> = []
    server = await startTestServer(data.dir, { idleUnloadMs: 50, log: (event, details) => logged.push({ event, details }) })
    token = await signIn(server.url, 'anna')
    // The client with the old copy reconnects on its own, over and over, while we look.
    const retrying = connect(server.wsUrl, broken['garbage-snapshot'], token)
    clients.push(retrying)
    Y.applyUpdate(retrying.doc, Y.encodeStateAsUpdate(cached.doc))
    try {
      for (const kind of kinds) {
        const id = broken[kind]
        const what = `${kind} (${attempt})`
        for (const path of [`/api/documents/${id}`, `/api/documents/${id}/coverage`]) {
          const res = await api(server.url, 'GET', path, { token })
          expect(res.status, `${what}: GET ${path}`).toBe(503)
          expect(res.body.error.code).toBe('unavailable')
          expect(res.body.error.message).toMatch(/cannot|no sections/)
        }
        expect(await upgradeStatus(`${server.wsUrl}/${id}?token=${token}`), `${what}: content socket`).toBe(503)
        expect(await upgradeStatus(`${server.wsUrl}/${id}/review?token=${token}`), `${what}: review socket`).toBe(503)
        const reason = logged.find((l) => l.event === 'document unavailable' && l.details.documentId === id)?.details.reason
        expect(reason, `${what}: a logged reason`).toEqual(expect.stringMatching(/cannot read stored|no sections/))
      }
      // Never served as a blank: the list still shows what is stored about it.
      const list = await api(server.url, 'GET', '/api/documents', { token })
      expect(list.body.documents.map((d: { title: string }) => d.title)).toEqual(expect.arrayContaining(kinds.map((k) => `Trasig ${k}`)))

      // Another document: live editing and storage go on as usual.
      const a = connect(server.wsUrl, healthy, token)
      const b = connect(server.wsUrl, healthy, token)
      clients.push(a, b)
      await Promise.all([connected(a), connected(b)])
      typeInSection(a.doc, 'bakgrund', `Fungerar (${attempt}).`)
      await waitFor(() => sectionText(b.doc, 'bakgrund').endsWith(`Fungerar (${attempt}).`), 5000, 'healthy document syncs')
      await waitFor(() => sectionText(loadFromDisk(data.dir, healthy), 'bakgrund').endsWith(`Fungerar (${attempt}).`), 5000, 'healthy document stored')
      expect((await api(server.url, 'GET', `/api/documents/${healthy}/coverage`, { token })).status).toBe(200)
      a.destroy()
      b.destroy()
      // Give the retrying client, idle unload and compaction time to do harm if they could.
      await sleep(300)
      expect(retrying.provider.synced).toBe(false)
    } finally {
      retrying.destroy()
      await server.close()
    }
    const after = storedState()
    const brokenIds = new Set(Object.values(broken))
    const only = (s: ReturnType<typeof storedState>) => ({
      snapshots: s.snapshots.filter((r) => brokenIds.has(r.document_id as string)),
      updates: s.updates.filter((r) => brokenIds.has(r.document_id as string)),
    })
    expect(only(after), `nothing written for a broken document (${attempt})`).toEqual(only(before))
  }
}, 60_000)
