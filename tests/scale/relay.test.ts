/**
 * The Redis relay between server instances (apps/server/src/scale/relay.ts) on real Redis
 * and PostgreSQL: three "instances" in this process, each with its own connections, its
 * own Y.Doc of the room and the shared PostgreSQL update log. Rules SRV-SC1…SC4.
 */
import { Redis } from 'ioredis'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness'
import { loadStoredState, openPostgres, PgUpdateLog, RoomRelay } from '@perspektiv/server'
import { waitFor } from '../server/harness.js'
import { missing, useServices } from './services.js'

const services = useServices()
const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

async function shared() {
  const pool = await openPostgres(services.newDatabase())
  cleanups.push(() => pool.end())
  const log = new PgUpdateLog(pool)
  const documentId = 'relay-doc'
  await pool.query("INSERT INTO documents (id, template_id, title, created_at, updated_at) VALUES ($1, 'remissvar', 'Relä', '', '')", [documentId])
  return { log, documentId, room: `${documentId}/content` }
}

/** One server instance: it commits to PostgreSQL, then publishes (the order the server keeps). */
async function instance(s: Awaited<ReturnType<typeof shared>>, options: { offlineQueue?: boolean } = {}) {
  const url = services.get().redis.url
  const commands = new Redis(url, { maxRetriesPerRequest: null })
  // The server's reader queues nothing while Redis is away (scale/cluster.ts): a read fails at once.
  const reader = new Redis(url, { maxRetriesPerRequest: null, enableOfflineQueue: options.offlineQueue ?? true })
  const relay = new RoomRelay(commands, reader)
  const doc = new Y.Doc()
  const awareness = new Awareness(new Y.Doc())
  cleanups.push(async () => {
    await relay.close()
    commands.disconnect()
    reader.disconnect()
    awareness.destroy()
  })
  await relay.join(
    s.room,
    {
      onUpdate: (u) => Y.applyUpdate(doc, u, 'relay'),
      onAwareness: (u) => applyAwarenessUpdate(awareness, u, 'relay'),
      onSyncRequest: (sv) => Y.encodeStateAsUpdate(doc, sv),
    },
    async () => {
      const stored = await loadStoredState(s.log, s.documentId, 'content')
      Y.applyUpdate(doc, stored.state.stateAsUpdate())
    },
    () => Y.encodeStateVector(doc),
  )
  return {
    doc,
    relay,
    awareness,
    reader,
    text: () => doc.getText('t').toString(),
    /** Committed but not published: what the server does while Redis is away (its publish fails). */
    async commitOnly(word: string) {
      const before = Y.encodeStateVector(doc)
      doc.getText('t').insert(doc.getText('t').length, word)
      await s.log.appendUpdates([{ documentId: s.documentId, room: 'content', data: Y.encodeStateAsUpdate(doc, before) }])
    },
    /** An author on this instance types `word` at the end: committed, then published. */
    async type(word: string) {
      const before = Y.encodeStateVector(doc)
      doc.getText('t').insert(doc.getText('t').length, word)
      const update = Y.encodeStateAsUpdate(doc, before)
      await s.log.appendUpdates([{ documentId: s.documentId, room: 'content', data: update }])
      await relay.publishUpdate(s.room, update)
    },
  }
}

/** The kinds (update, awareness, sync-request, …) of the entries put on `stream` after now, in order. */
async function kindsFrom(probe: Redis, stream: string): Promise<() => Promise<string[]>> {
  const last = (await probe.xrevrange(stream, '+', '-', 'COUNT', 1))[0]?.[0] ?? '0-0'
  return async () => (await probe.xrange(stream, `(${last}`, '+')).map(([, f]) => f[f.indexOf('k') + 1]!)
}

describe.skipIf(missing)('Redis relay between instances', () => {
  it('SRV-SC1: an update committed on one instance reaches the others; a late joiner gets everything', async () => {
    const s = await shared()
    const [a, b] = [await instance(s), await instance(s)]
    await a.type('Från A. ')
    await waitFor(() => b.text() === 'Från A. ', 15_000, 'B to get A’s update')
    await b.type('Från B.')
    await waitFor(() => a.text() === 'Från A. Från B.', 15_000, 'A to get B’s update')
    const c = await instance(s)
    expect(c.text()).toBe('Från A. Från B.')
    await c.type(' Från C.')
    await waitFor(() => a.text() === b.text() && b.text() === c.text() && a.text().endsWith(' Från C.'), 15_000, 'all three to converge')
  })

  it('SRV-SC2: what an instance held but never stored reaches a joiner through the sync request, not only through PostgreSQL', async () => {
    const s = await shared()
    const a = await instance(s)
    // A holds text that is not in PostgreSQL (as between a commit and its broadcast elsewhere).
    a.doc.getText('t').insert(0, 'Bara i A:s minne. ')
    const b = await instance(s)
    await waitFor(() => b.text() === 'Bara i A:s minne. ', 15_000, 'B to get A’s state by asking')
  })

  it('SRV-SC3: Redis restarted mid-edit: no update is lost and the fan-out resumes', async () => {
    const s = await shared()
    const [a, b] = [await instance(s), await instance(s)]
    await a.type('Före. ')
    await waitFor(() => b.text() === 'Före. ', 15_000, 'B before the restart')
    const redis = services.get().redis
    await redis.stop()
    // Typed while Redis is down: committed to PostgreSQL; the publish waits for Redis.
    const during = a.type('Under. ')
    await redis.start()
    await during
    await a.type('Efter.')
    await waitFor(() => b.text() === 'Före. Under. Efter.', 15_000, 'B to converge after the restart')
    // And the other way round once it is back.
    await b.type(' Svar.')
    await waitFor(() => a.text() === 'Före. Under. Efter. Svar.', 15_000, 'A to get B’s update after the restart')
    const stored = await loadStoredState(s.log, s.documentId, 'content')
    expect(stored.state.toDoc().getText('t').toString()).toBe('Före. Under. Efter. Svar.')
  })

  it('SRV-SC3: after a restart a peer that reconnects later still answers the sync request of one that reconnected first', async () => {
    const s = await shared()
    const [a, b] = [await instance(s), await instance(s, { offlineQueue: false })]
    await a.type('Före. ')
    await waitFor(() => b.text() === 'Före. ', 15_000, 'B before the restart')
    const redis = services.get().redis
    // B's reader comes back only once A's sync request is on the new stream (the order that lost B's edit).
    b.reader.disconnect()
    await redis.stop()
    await b.commitOnly('B under. ')
    await redis.start()
    const probe = new Redis(redis.url, { maxRetriesPerRequest: null })
    cleanups.push(async () => probe.disconnect())
    await waitFor(async () => (await probe.xlen(`perspektiv:room:${s.room}`)) > 0, 15_000, 'A’s sync request on the new stream')
    await b.reader.connect()
    await waitFor(() => a.text() === 'Före. B under. ', 15_000, 'A to get what B committed while Redis was away')
  })

  it('SRV-SC4: presence (awareness) crosses instances', async () => {
    const s = await shared()
    const [a, b] = [await instance(s), await instance(s)]
    const local = new Awareness(new Y.Doc())
    cleanups.push(async () => local.destroy())
    local.setLocalState({ user: { name: 'Anna Author' } })
    // A publishes on the room once it has seen B there (SRV-SC23: B's join request).
    await waitFor(() => a.relay.isShared(s.room), 15_000, 'A to see B on the room')
    await a.relay.publishAwareness(s.room, encodeAwarenessUpdate(local, [local.clientID]))
    await waitFor(() => b.awareness.getStates().get(local.clientID)?.user?.name === 'Anna Author', 15_000, 'B to see Anna')
  })

  it('SRV-SC23: an instance alone on a room publishes nothing on its stream; one that joins gets all it holds, and its updates from then on', async () => {
    const s = await shared()
    const probe = new Redis(services.get().redis.url, { maxRetriesPerRequest: null })
    cleanups.push(async () => probe.disconnect())
    const stream = `perspektiv:room:${s.room}`
    // The room's stream may hold earlier tests' entries (one Redis per file): read from here.
    const kinds = await kindsFrom(probe, stream)
    const a = await instance(s)
    // Only A's join request is on the stream: A's commits and presence are not published while nobody else follows.
    await a.type('Ensam. ')
    await a.relay.publishAwareness(s.room, new Uint8Array([0]))
    expect(a.relay.isShared(s.room)).toBe(false)
    // (A join's request, and the resync's when the reader first connects.)
    expect(new Set(await kinds())).toEqual(new Set(['sync-request']))
    // B joins: A answers B's request (everything B lacks beyond PostgreSQL) and publishes from then on.
    a.doc.getText('t').insert(a.doc.getText('t').length, 'Bara i A. ')
    const b = await instance(s)
    await waitFor(() => b.text() === 'Ensam. Bara i A. ', 15_000, 'B to get A’s state')
    await waitFor(() => a.relay.isShared(s.room), 15_000, 'A to see B')
    await a.type('Sedan A. ')
    await waitFor(() => b.text() === 'Ensam. Bara i A. Sedan A. ', 15_000, 'B to get A’s next update')
  })

  it('SRV-SC23: what an instance committed while nobody else was seen on the room is sent once another instance shows up there', async () => {
    const s = await shared()
    const probe = new Redis(services.get().redis.url, { maxRetriesPerRequest: null })
    cleanups.push(async () => probe.disconnect())
    const stream = `perspektiv:room:${s.room}`
    const kinds = await kindsFrom(probe, stream)
    const c = await instance(s)
    await c.type('Från C.')
    expect(new Set(await kinds())).toEqual(new Set(['sync-request']))
    // Another instance's presence on the room (not a join request, which C would answer in full).
    const other = new Awareness(new Y.Doc())
    cleanups.push(async () => other.destroy())
    other.setLocalState({ user: { name: 'Erik' } })
    await probe.xaddBuffer(stream, '*', 'k', 'awareness', 'f', 'another-instance', 't', '', 'd', Buffer.from(encodeAwarenessUpdate(other, [other.clientID])))
    await waitFor(() => c.relay.isShared(s.room), 15_000, 'C to see the other instance')
    await waitFor(() => c.awareness.getStates().get(other.clientID)?.user?.name === 'Erik', 15_000, 'C to apply its presence')
    // C sent on what it holds beyond its state at the join: its unpublished commit.
    const caughtUp = new Y.Doc()
    await waitFor(
      async () => {
        for (const [, fields] of await probe.xrangeBuffer(stream, '-', '+')) {
          const f = new Map<string, Buffer>()
          for (let i = 0; i + 1 < fields.length; i += 2) f.set(fields[i]!.toString(), fields[i + 1]!)
          if (f.get('k')?.toString() === 'update' && f.get('f')?.toString() === c.relay.id) Y.applyUpdate(caughtUp, new Uint8Array(f.get('d')!))
        }
        return caughtUp.getText('t').toString() === 'Från C.'
      },
      15_000,
      'C’s catch-up on the stream',
    )
    // And from now on C publishes.
    const before = (await kinds()).length
    await c.type(' Mer.')
    expect((await kinds()).slice(before)).toEqual(['update'])
  })
})
