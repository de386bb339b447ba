/**
 * Issue 22.2, last clause, for reads (SRV-S16): reading a large document over REST never
 * blocks the event loop for long. A document whose content room holds 3.5 MB of the
 * smallest Yjs structs (written straight into SQLite, as in big-load.test.ts; under the
 * room quota, so its author can still type) is being edited while its detail, coverage
 * (also as if its suggestions were accepted), HTML and DOCX exports, the approval check and a saved version are
 * read, again and again: every edit makes a new version of the room, so each read needs
 * the content built anew (a second or two of CPU for a Y.Doc of that size). Meanwhile
 * `/api/health` and an edit in another document keep answering: several of them complete
 * while each of those reads is in flight (event order, no clock), and three in four stay
 * within five times the median probe before the reads started (measured in this test).
 */
import { beforeAll, expect, it } from 'vitest'
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import {
  addMember,
  api,
  clientScope,
  createDoc,
  execSql,
  rawSocket,
  rows,
  sectionText,
  seedUsers,
  signIn,
  startTestServer,
  tempDataDir,
  typeInSection,
  waitFor,
} from './support.js'
import type { Client, TestServer } from './support.js'
import { smallestStructsOf } from './bigState.js'

const MB = 1024 * 1024
const data = tempDataDir()
let server: TestServer
let anna: string
let erik: string
let big: string
let other: string

beforeAll(async () => {
  await seedUsers(data.dir, ['anna', 'erik'])
  const s = await startTestServer(data.dir)
  anna = await signIn(s.url, 'anna')
  big = await createDoc(s.url, anna, 'Stort ärende')
  other = await createDoc(s.url, anna, 'Ett annat dokument')
  await addMember(s.url, anna, big, 'erik', 'author')
  await addMember(s.url, anna, other, 'erik', 'author')
  await s.close()
  const snapshot = rows<{ data: Buffer }>(data.dir, "SELECT data FROM snapshots WHERE document_id = ? AND room = 'content'", big)[0]!.data
  const stored = Y.mergeUpdates([snapshot, smallestStructsOf(3.5 * MB)])
  execSql(data.dir, "UPDATE snapshots SET data = ? WHERE document_id = ? AND room = 'content'", Buffer.from(stored), big)
  server = await startTestServer(data.dir)
  anna = await signIn(server.url, 'anna')
  erik = await signIn(server.url, 'erik')
}, 120_000)

const { openConnected } = clientScope(async () => {
  await server?.close()
  data.remove()
})

/** A sync update message (y-websocket: MESSAGE_SYNC, SYNC_UPDATE, the update). */
function updateMessage(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, 0)
  encoding.writeVarUint(e, 2)
  encoding.writeVarUint8Array(e, update)
  return encoding.toUint8Array(e)
}

/** The value below which a share `p` of `xs` lies. */
const quantile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * p)]!

it('SRV-S16: while a large document that is being edited is read over REST again and again, health and another document keep answering', async () => {
  const [author, watcher] = (await openConnected(server.wsUrl, other, [anna, erik])) as [Client, Client]
  // The big document's writer and a watcher as raw sockets: this thread (the server's too)
  // should not apply 3.5 MB for the test's own clients.
  const writer = await rawSocket(`${server.wsUrl}/${big}?token=${anna}`)
  const bigWatcher = await rawSocket(`${server.wsUrl}/${big}?token=${erik}`)
  const typing = new Y.Doc()
  typing.clientID = 777
  const notes = typing.getText('anteckningar')
  let typed = 0
  /** One edit of the big document, stored and sent on (its watcher got it): a new version of the room. */
  const editBig = async () => {
    const seen = bigWatcher.messages.length
    let update: Uint8Array | undefined
    typing.once('update', (u: Uint8Array) => (update = u))
    notes.insert(notes.length, ` ändring ${++typed}`)
    writer.ws.send(updateMessage(update!))
    await waitFor(() => bigWatcher.messages.slice(seen).some((m) => m[0] === 0 && m[1] === 2), 60_000, 'the big edit to be stored')
  }

  let round = 0
  /** Health, then an edit round trip in the other document: the ms it took, or a failure. */
  const probe = async (): Promise<number> => {
    const started = performance.now()
    const health = await fetch(`${server.url}/api/health`, { headers: { connection: 'close' } }).then((r) => r.json() as Promise<{ ok?: boolean }>)
    expect(health.ok).toBe(true)
    const text = `Runda ${++round}.`
    typeInSection(author.doc, 'sammanfattning', text)
    await waitFor(() => sectionText(watcher.doc, 'sammanfattning').endsWith(text), 60_000, 'an edit round trip')
    return performance.now() - started
  }

  // The document is loaded (by the sockets above) and every route has run once before the baseline.
  await editBig()
  expect((await api(server.url, 'GET', `/api/documents/${big}`, { token: anna })).status).toBe(200)
  const baseline: number[] = []
  for (let i = 0; i < 12; i++) baseline.push(await probe())

  const events: string[] = []
  const readPaths = [
    `/api/documents/${big}`,
    `/api/documents/${big}/coverage`,
    `/api/documents/${big}/coverage?suggestions=accepted`,
    `/api/documents/${big}/export?format=html`,
    `/api/documents/${big}/export?format=docx`,
    // The approver's dialog: the gate, the review room and the fingerprint of the text.
    `/api/documents/${big}/approval-check`,
  ]
  let reading = true
  let savedAnswer: Record<string, unknown> | undefined
  const reads = (async () => {
    try {
      for (let cycle = 0; cycle < 3; cycle++) {
        await editBig()
        for (const path of readPaths) {
          events.push('read started')
          const res = await fetch(server.url + path, { headers: { authorization: `Bearer ${anna}`, connection: 'close' } })
          await res.arrayBuffer()
          events.push(res.status === 200 ? 'read done ' + path.split('/').pop() : `read failed ${res.status} ${path}`)
        }
      }
      // A version saved of it, then read back (a stored state as large as the room).
      await editBig()
      const saved = await api(server.url, 'POST', `/api/documents/${big}/versions`, { token: anna, body: { label: 'Stor version' } })
      events.push(saved.status === 201 ? 'read done saved' : `read failed ${saved.status} versions`)
      // The answer names the version; it never carries the stored state (megabytes as JSON).
      savedAnswer = saved.body.version
      events.push('read started')
      const version = await api(server.url, 'GET', `/api/documents/${big}/versions/${saved.body.version.id}`, { token: anna, headers: { connection: 'close' } })
      events.push(version.status === 200 ? 'read done' : `read failed ${version.status} version`)
    } finally {
      reading = false
    }
  })()
  const during: number[] = []
  while (reading) {
    const ms = await probe()
    events.push(ms > 200 ? 'probe ' + Math.round(ms) : 'probe')
    during.push(ms)
  }
  await reads

  expect(events.filter((e) => e.startsWith('read failed'))).toEqual([])
  // Between a read's start and its answer: a read that built the Y.Doc on this thread would
  // let at most the one probe already in flight through.
  const probesPerRead: number[] = []
  let count = -1
  for (const e of events) {
    if (e === 'read started') count = 0
    else if (e.startsWith('probe') && count >= 0) count++
    else if (e.startsWith('read done') && count >= 0) {
      probesPerRead.push(count)
      count = -1
    }
  }
  // Most reads of a changed room are slow enough for several probes; every one lets some through.
  expect(probesPerRead.filter((n) => n >= 3).length).toBeGreaterThanOrEqual(3)
  // Three probes in four stay near what a probe took before the reads (the pool's thread takes
  // a core, and the exports render here): a read building the Y.Doc on this thread made them
  // take seconds (p75 1.9 s against a baseline median of 30 ms, before SRV-S16).
  expect(quantile(during, 0.75), `probes during the reads: ${during.length}; baseline ${baseline.map(Math.round).join(', ')} ms`).toBeLessThanOrEqual(
    5 * quantile(baseline, 0.5),
  )
  expect(savedAnswer).toMatchObject({ label: 'Stor version', kind: 'manual' })
  expect(savedAnswer).not.toHaveProperty('state')
  // The content read is the document's: its text, and what was typed into it meanwhile.
  const detail = await api(server.url, 'GET', `/api/documents/${big}`, { token: erik })
  expect(detail.status).toBe(200)
  expect(detail.body.title).toBe('Stort ärende')
  writer.ws.close()
  bigWatcher.ws.close()
}, 240_000)
