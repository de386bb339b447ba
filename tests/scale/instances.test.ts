/**
 * Three real server processes (`node apps/server/src/main.ts`, as `pnpm start` runs it) on
 * one Redis and one shared SQLite data dir, behind a real nginx running deploy/nginx.conf;
 * stock y-websocket clients. Issue 19, rules SRV-SC6…SC13 (apps/server/SPEC.md).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { Awareness } from 'y-protocols/awareness'
import {
  addMember,
  api,
  connect,
  connected,
  createDoc,
  loadFromDisk,
  rawSocket,
  sectionText,
  seedUsers,
  signIn,
  tempDataDir,
  typeInSection,
  waitFor,
  PASSWORD,
  type Client,
} from '../server/harness.js'
import { fillHeader, openThread, TEXT, write } from '../server/gateSupport.js'
import { clusterMissing, startCluster, type Cluster } from './cluster.js'
import { missing as pgMissing, useServices } from './services.js'
import { loadStoredDoc, openPostgresStores, type PostgresStores } from '@perspektiv/server'

const missing = clusterMissing()
if (missing) console.warn(`tests/scale/instances skipped: ${missing}`)

const AUTHORS = Array.from({ length: 20 }, (_, i) => `skribent${String(i + 1).padStart(2, '0')}`)
const USERS = ['anna', 'erik', 'rita', 'alva', 'linn', ...AUTHORS]

/**
 * The same cluster tests on both backends (issue 19): one shared SQLite data folder, and
 * one PostgreSQL database (`DATABASE_URL`, tests/scale/services.ts starts it).
 */
function suite(backend: 'sqlite' | 'postgres', services?: ReturnType<typeof useServices>) {
  let data: ReturnType<typeof tempDataDir>
  let cluster: Cluster
  let postgres: PostgresStores | undefined
  const t: Record<string, string> = {}
  const clients: Client[] = []

  /** A stock provider as `who` on `room` of instance `i` (or through nginx), destroyed after the file. */
  function client(base: string, room: string, who: string): Client {
    const c = connect(base, room, t[who]!)
    clients.push(c)
    return c
  }
  const inst = (i: number) => cluster.instances[i]!
  const text = (c: Client, key = 'bakgrund') => sectionText(c.doc, key)
  const SYNC = 20_000

  beforeAll(async () => {
    if (missing) return
    data = tempDataDir()
    const env: Record<string, string> = { PERSPEKTIV_COMPACT_AFTER: '0' }
    if (backend === 'postgres') {
      env.DATABASE_URL = services!.newDatabase()
      postgres = await openPostgresStores(env.DATABASE_URL)
      await Promise.all(USERS.map((u) => postgres!.users.add({ username: u, name: u[0]!.toUpperCase() + u.slice(1), title: 'Testare', password: PASSWORD })))
    } else await seedUsers(data.dir, USERS)
    // Compaction after every commit: every instance compacts the rooms it writes all the time.
    cluster = await startCluster(data.dir, 3, env)
    for (const [i, u] of USERS.entries()) t[u] = await signIn(inst(i % 3).url, u)
  }, 300_000)

  afterAll(async () => {
    for (const c of clients) c.destroy()
    await cluster?.close()
    await postgres?.close()
    data?.remove()
  })

  /** The content room as stored (a fresh read, not any instance's memory). */
  const stored = (id: string): Promise<Y.Doc> => (postgres ? loadStoredDoc(postgres.documents, id, 'content') : Promise.resolve(loadFromDisk(data.dir, id)))

  async function document(title: string, members: Array<[string, 'author' | 'reviewer' | 'approver' | 'reader']>): Promise<string> {
    const id = await createDoc(inst(0).url, t.anna!, title)
    for (const [u, role] of members) await addMember(inst(1).url, t.anna!, id, u, role)
    return id
  }

  it('SRV-SC6: clients on different instances converge (content and review); a late joiner on a third gets everything', async () => {
    const id = await document('Tre instanser', [
      ['erik', 'author'],
      ['rita', 'reviewer'],
    ])
    const anna = client(inst(0).wsUrl, id, 'anna')
    const erik = client(inst(1).wsUrl, id, 'erik')
    const rita = client(inst(1).wsUrl, `${id}/review`, 'rita')
    const annaReview = client(inst(0).wsUrl, `${id}/review`, 'anna')
    await Promise.all([anna, erik, rita, annaReview].map((c) => connected(c, SYNC)))
    typeInSection(anna.doc, 'bakgrund', 'Anna på ett. ')
    typeInSection(erik.doc, 'bakgrund', 'Erik på två. ')
    openThread(rita.doc, 'tråd-1', 'bakgrund')
    await waitFor(() => text(anna) === text(erik) && text(anna).length === 'Anna på ett. Erik på två. '.length, SYNC, 'content to converge')
    await waitFor(() => annaReview.doc.getMap('threads').has('tråd-1'), SYNC, 'the review thread on instance 1')
    const late = client(inst(2).wsUrl, id, 'rita')
    const lateReview = client(inst(2).wsUrl, `${id}/review`, 'rita')
    await Promise.all([connected(late, SYNC), connected(lateReview, SYNC)])
    await waitFor(() => text(late) === text(anna), SYNC, 'the late joiner to get the content')
    expect(lateReview.doc.getMap('threads').has('tråd-1')).toBe(true)
    // Stored once: what is on disk is what the clients hold, with every write in it once.
    expect(sectionText(await stored(id), 'bakgrund')).toBe(text(anna))
  })

  it('SRV-SC7: presence crosses instances and leaves with its client', async () => {
    const id = await document('Närvaro', [['erik', 'author']])
    const anna = client(inst(0).wsUrl, id, 'anna')
    const erik = client(inst(2).wsUrl, id, 'erik')
    await Promise.all([connected(anna, SYNC), connected(erik, SYNC)])
    anna.provider.awareness.setLocalStateField('user', { name: 'Anna' })
    const seen = (a: Awareness) => [...a.getStates().values()].some((s) => (s.user as { name?: string } | undefined)?.name === 'Anna')
    await waitFor(() => seen(erik.provider.awareness), SYNC, 'Anna’s presence on instance 3')
    anna.provider.disconnect()
    await waitFor(() => !seen(erik.provider.awareness), SYNC, 'Anna’s presence to leave instance 3')
  })

  it('SRV-SC8: roles are enforced whichever instance a client reaches; a role change on one instance reaches sockets on the others', async () => {
    const id = await document('Roller', [
      ['erik', 'author'],
      ['linn', 'reader'],
    ])
    const anna = client(inst(0).wsUrl, id, 'anna')
    const linn = client(inst(1).wsUrl, id, 'linn')
    const erik = client(inst(2).wsUrl, id, 'erik')
    await Promise.all([anna, linn, erik].map((c) => connected(c, SYNC)))
    typeInSection(linn.doc, 'bakgrund', 'Läsaren skriver. ')
    typeInSection(erik.doc, 'bakgrund', 'Erik skriver. ')
    await waitFor(() => text(anna) === 'Erik skriver. ', SYNC, 'Erik’s edit on instance 1')
    // Erik becomes a reader on instance 1: right after, his socket on instance 3 may no longer write.
    await addMember(inst(0).url, t.anna!, id, 'erik', 'reader')
    typeInSection(erik.doc, 'bakgrund', 'Förbjudet. ')
    typeInSection(anna.doc, 'arendet', 'Markör.')
    const check = client(inst(1).wsUrl, id, 'linn')
    await connected(check, SYNC)
    await waitFor(() => sectionText(check.doc, 'arendet') === 'Markör.', SYNC, 'Anna’s marker')
    expect(text(check)).toBe('Erik skriver. ')
    expect(text(check)).not.toContain('Läsaren skriver.')
    expect(sectionText(await stored(id), 'bakgrund')).not.toContain('Läsaren skriver.')
  })

  it('SRV-SC9: approval on one instance locks editing on all', async () => {
    const id = await document('Godkännande', [
      ['erik', 'author'],
      ['alva', 'approver'],
    ])
    const anna = client(inst(0).wsUrl, id, 'anna')
    const erik = client(inst(1).wsUrl, id, 'erik')
    const watcher = client(inst(2).wsUrl, id, 'alva')
    await Promise.all([anna, erik, watcher].map((c) => connected(c, SYNC)))
    fillHeader(anna.doc)
    for (const [key, value] of Object.entries(TEXT)) write(anna.doc, key, value)
    await waitFor(() => text(erik) === TEXT.bakgrund && text(watcher) === TEXT.bakgrund, SYNC, 'the full text everywhere')
    await waitFor(
      async () => (await api(inst(0).url, 'POST', `/api/documents/${id}/status`, { token: t.anna, body: { to: 'granskning' } })).status === 200,
      SYNC,
      'granskning',
    )
    const approved = await api(inst(0).url, 'POST', `/api/documents/${id}/approvals`, { token: t.alva })
    expect(approved.body.status).toBe('godkand')
    // Right after the answer: an author on instance 2 types; nobody gets it, nothing is stored.
    write(erik.doc, 'bakgrund', ' LÅST?')
    write(anna.doc, 'bakgrund', ' LÅST ÄVEN HÄR?')
    const probe = client(inst(2).wsUrl, id, 'alva')
    await connected(probe, SYNC)
    expect(text(probe)).toBe(TEXT.bakgrund)
    expect(text(watcher)).toBe(TEXT.bakgrund)
    expect(sectionText(await stored(id), 'bakgrund')).toBe(TEXT.bakgrund)
  })

  it('SRV-SC10: a sign-out on one instance closes the user’s sockets on every instance', async () => {
    const id = await document('Utloggning', [['linn', 'reader']])
    const token = await signIn(inst(0).url, 'linn')
    const sockets = await Promise.all([1, 2].map((i) => rawSocket(`${inst(i).wsUrl}/${id}?token=${token}`)))
    const events = await rawSocket(`ws://127.0.0.1:${inst(2).port}/events?token=${token}`)
    expect((await api(inst(0).url, 'DELETE', '/api/session', { token })).status).toBeLessThan(300)
    for (const s of [...sockets, events]) expect((await s.closed).code).toBe(1008)
  })

  it('SRV-SC11: kill -9 of an instance while 20 authors type across instances: nothing acknowledged is lost, clients reconnect through nginx and converge', async () => {
    const id = await document(
      'Krasch',
      AUTHORS.map((a) => [a, 'author'] as [string, 'author']),
    )
    // Which instance nginx sends this document to: the one killed.
    const routed = (await api(cluster.url, 'GET', `/api/documents/${id}`, { token: t.anna })).headers.get('x-upstream')!
    const victim = cluster.instances.findIndex((i) => routed.endsWith(`:${i.port}`))
    expect(victim).toBeGreaterThanOrEqual(0)
    const others = [0, 1, 2].filter((i) => i !== victim)
    // Half through nginx (on the victim), half straight to the two others.
    const authors = AUTHORS.map((a, n) => client(n % 2 === 0 ? cluster.wsUrl : inst(others[n % 4 === 1 ? 0 : 1]!).wsUrl, id, a))
    const watcher = client(inst(others[0]!).wsUrl, id, 'anna')
    await Promise.all([...authors, watcher].map((c) => connected(c, SYNC)))
    const typeRound = (round: number) => {
      for (const [n, c] of authors.entries()) typeInSection(c.doc, 'bakgrund', `[${n}.${round}]`)
    }
    for (let round = 0; round < 5; round++) {
      typeRound(round)
      await new Promise((r) => setTimeout(r, 30))
    }
    // Acknowledged: seen by a client on another instance (broadcast only after the commit).
    const acknowledged = text(watcher)
    await inst(victim).kill()
    for (let round = 5; round < 10; round++) {
      typeRound(round)
      await new Promise((r) => setTimeout(r, 30))
    }
    const all = (c: Client) => authors.every((_, n) => Array.from({ length: 10 }, (_, r) => `[${n}.${r}]`).every((p) => text(c).includes(p)))
    await waitFor(() => authors.every((c) => text(c) === text(watcher)) && all(watcher), 60_000, 'every author to converge with everything typed')
    await waitFor(async () => sectionText(await stored(id), 'bakgrund') === text(watcher), SYNC, 'everything stored')
    const pieces = acknowledged.match(/\[\d+\.\d+\]/g) ?? []
    expect(pieces.length).toBeGreaterThan(0)
    for (const piece of pieces) expect(text(watcher)).toContain(piece)
    await inst(victim).restart()
  }, 180_000)

  it('SRV-SC12: Redis restarted mid-edit: nothing is lost, fan-out resumes, health says not ready meanwhile', async () => {
    const id = await document('Redis', [['erik', 'author']])
    const anna = client(inst(0).wsUrl, id, 'anna')
    const erik = client(inst(1).wsUrl, id, 'erik')
    await Promise.all([connected(anna, SYNC), connected(erik, SYNC)])
    typeInSection(anna.doc, 'bakgrund', 'Före. ')
    await waitFor(() => text(erik) === 'Före. ', SYNC, 'before the restart')
    await cluster.redis.stop()
    await waitFor(async () => (await api(inst(0).url, 'GET', '/api/health')).status === 503, SYNC, 'health to say not ready')
    expect((await api(inst(0).url, 'GET', '/api/health')).body).toEqual({ ok: false, unavailable: ['redis'] })
    // Both sides write while Redis is away: each instance commits and serves its own sockets.
    typeInSection(anna.doc, 'bakgrund', 'Anna under. ')
    typeInSection(erik.doc, 'arendet', 'Erik under. ')
    await waitFor(async () => sectionText(await stored(id), 'arendet') === 'Erik under. ', SYNC, 'Erik’s edit committed')
    await cluster.redis.start()
    await waitFor(() => text(erik) === 'Före. Anna under. ' && sectionText(anna.doc, 'arendet') === 'Erik under. ', SYNC, 'both sides to get the other’s edit')
    typeInSection(erik.doc, 'bakgrund', 'Efter.')
    await waitFor(() => text(anna) === 'Före. Anna under. Efter.', SYNC, 'the fan-out to resume')
    await waitFor(async () => (await api(inst(0).url, 'GET', '/api/health')).status === 200, SYNC, 'health to say ready')
  })

  it('SRV-SC13: two instances compacting the same document at once (each lacking the other’s rows): content unchanged', async () => {
    const id = await document('Kompaktering', [['erik', 'author']])
    const anna = client(inst(0).wsUrl, id, 'anna')
    const erik = client(inst(1).wsUrl, id, 'erik')
    await Promise.all([connected(anna, SYNC), connected(erik, SYNC)])
    // Without Redis neither instance learns the other's rows before it compacts (after every commit here).
    await cluster.redis.stop()
    for (let i = 0; i < 5; i++) {
      typeInSection(anna.doc, 'bakgrund', `A${i} `)
      typeInSection(erik.doc, 'arendet', `E${i} `)
      await new Promise((r) => setTimeout(r, 50))
    }
    const onDisk = async () => {
      const doc = await stored(id)
      return `${sectionText(doc, 'bakgrund')}|${sectionText(doc, 'arendet')}`
    }
    await waitFor(async () => (await onDisk()) === 'A0 A1 A2 A3 A4 |E0 E1 E2 E3 E4 ', SYNC, 'both instances’ rows in the compacted state')
    await cluster.redis.start()
    await waitFor(() => text(erik) === 'A0 A1 A2 A3 A4 ' && sectionText(anna.doc, 'arendet') === 'E0 E1 E2 E3 E4 ', SYNC, 'the clients to converge')
  })

  it.skipIf(backend !== 'postgres')(
    'SRV-SC20: PostgreSQL stopped mid-edit: writes refused with a clear close reason, nothing unstored is shown, service resumes when it is back',
    async () => {
      const id = await document('PostgreSQL borta', [['erik', 'author']])
      const anna = client(inst(0).wsUrl, id, 'anna')
      const erik = client(inst(1).wsUrl, id, 'erik')
      const closes: string[] = []
      anna.provider.on('connection-close', (event: { code: number; reason: string } | null) => {
        if (event) closes.push(`${event.code} ${event.reason}`)
      })
      await Promise.all([connected(anna, SYNC), connected(erik, SYNC)])
      typeInSection(anna.doc, 'bakgrund', 'Före. ')
      await waitFor(() => text(erik) === 'Före. ', SYNC, 'before PostgreSQL stops')
      await services!.get().postgres.stop()
      await waitFor(async () => (await api(inst(0).url, 'GET', '/api/health')).status === 503, SYNC, 'health to say not ready')
      expect((await api(inst(0).url, 'GET', '/api/health')).body).toEqual({ ok: false, unavailable: ['postgresql'] })
      typeInSection(anna.doc, 'bakgrund', 'Under. ')
      await waitFor(() => closes.includes('1011 storage unavailable, reconnect later'), SYNC, 'the refused write to close the socket')
      // Not committed, so shown to no one.
      expect(text(erik)).toBe('Före. ')
      await services!.get().postgres.start()
      await waitFor(() => text(erik) === 'Före. Under. ' && text(anna) === 'Före. Under. ', 60_000, 'the clients to re-send and converge')
      await waitFor(async () => sectionText(await stored(id), 'bakgrund') === 'Före. Under. ', SYNC, 'what was re-sent stored')
      await waitFor(async () => (await api(inst(0).url, 'GET', '/api/health')).status === 200, SYNC, 'health to say ready')
    },
    180_000,
  )

  it('SRV-SC6: nginx carries the sync socket (WebSocket upgrade) to an instance', async () => {
    const id = await document('Via nginx', [['erik', 'author']])
    const a = client(cluster.wsUrl, id, 'anna')
    const b = client(inst(2).wsUrl, id, 'erik')
    await Promise.all([connected(a, SYNC), connected(b, SYNC)])
    typeInSection(a.doc, 'bakgrund', 'Genom nginx. ')
    await waitFor(() => text(b) === 'Genom nginx. ', SYNC, 'the edit through nginx')
    expect(Y.encodeStateVector(a.doc)).toEqual(Y.encodeStateVector(b.doc))
  })
}

describe.skipIf(missing)('several instances on one Redis behind nginx, one shared SQLite file (issue 19)', () => suite('sqlite'))
describe.skipIf(missing || pgMissing)('several instances on one Redis and one PostgreSQL behind nginx (issue 19)', () => suite('postgres', useServices()))
