import { expect, it } from 'vitest'
import * as Y from 'yjs'
import type { StoredUpdate } from '../storage/updateLog.js'
import { GroupCommit, MAX_IN_FLIGHT, type PendingUpdate } from './groupCommit.js'
import type { Room } from './room.js'
import type { UpdateInfo } from './roomState.js'

const INFO: UpdateInfo = { empty: false, structs: 1, deletes: false, headerOrAttributes: false }

/** What GroupCommit reads of a room: its document and name (and its identity). */
const room = (documentId: string, name: 'content' | 'review' = 'content') => ({ documentId, name }) as unknown as Room

/** A client typing into one room: each call is one update that applies only after the ones before it. */
function typist() {
  const doc = new Y.Doc()
  return (text: string) => {
    const before = Y.encodeStateVector(doc)
    doc.getText('t').insert(doc.getText('t').length, text)
    return Y.encodeStateAsUpdate(doc, before)
  }
}

/** Text of the rows stored for one document, replayed in the order they were stored. */
function replay(rows: StoredUpdate[], documentId: string): string {
  const doc = new Y.Doc()
  for (const r of rows) if (r.documentId === documentId) Y.applyUpdate(doc, r.data)
  return doc.getText('t').toString()
}

/**
 * A store that answers later, controlled by the test (our own Awaitable<UpdateLog>): each
 * appendUpdates is a call that stays in flight until the test answers it, like a PostgreSQL
 * commit waiting for its fsync. Rows are kept only when the call is answered "stored".
 */
function slowLog() {
  const calls: Array<{ batch: StoredUpdate[]; ok: () => void; fail: (reason: string) => void; docs: string[] }> = []
  const rows: StoredUpdate[] = []
  return {
    calls,
    rows,
    log: {
      appendUpdates: (batch: StoredUpdate[]) =>
        new Promise<void>((ok, fail) => {
          calls.push({
            batch,
            docs: batch.map((u) => u.documentId),
            ok: () => {
              rows.push(...batch)
              ok()
            },
            fail: (reason) => fail(new Error(reason)),
          })
        }),
    },
    /** The call in flight whose batch holds `documentId`. */
    callOf(documentId: string) {
      const call = calls.find((c) => c.docs.includes(documentId))
      if (!call) throw new Error(`no batch of ${documentId}`)
      return call
    },
  }
}

/** The hooks of the registry, recording: `seen` is what was broadcast (document: text of each merged update). */
function recordingHooks() {
  const seen: Array<{ documentId: string; update: Uint8Array }> = []
  const offline: string[] = []
  const gone = new Set<string>()
  return {
    seen,
    offline,
    seenOf: (documentId: string) => seen.filter((s) => s.documentId === documentId).length,
    hooks: {
      accepts: (r: Room) => !gone.has(r.documentId),
      stored: (merged: PendingUpdate[]) => {
        for (const m of merged) seen.push({ documentId: m.room.documentId, update: m.update })
      },
      failed: (ids: Set<string>) => {
        for (const id of ids) {
          offline.push(id)
          gone.add(id)
        }
      },
    },
  }
}

const turn = () => new Promise((r) => setImmediate(r))
/** Lets promise callbacks (an answered commit's hooks) run. */
const settle = async () => {
  for (let i = 0; i < 5; i++) await turn()
}

it("SRV-ST41: an update of room B is committed and broadcast while room A's batch is still in flight", async () => {
  const store = slowLog()
  const rec = recordingHooks()
  const commits = new GroupCommit(store.log, rec.hooks)
  const a = room('a')
  const b = room('b')
  commits.enqueue(a, typist()('A1'), 'peer-a', INFO)
  await turn()
  expect(store.calls).toHaveLength(1)
  // A's commit is in flight (its fsync); B's update arrives meanwhile.
  commits.enqueue(b, typist()('B1'), 'peer-b', INFO)
  await turn()
  // B did not wait behind A: its own batch is in flight beside A's.
  expect(store.calls).toHaveLength(2)
  expect(store.calls[1]!.docs).toEqual(['b'])
  store.callOf('b').ok()
  await settle()
  expect(rec.seenOf('b')).toBe(1)
  // A is still in flight and nobody has seen it.
  expect(rec.seenOf('a')).toBe(0)
  store.callOf('a').ok()
  await settle()
  expect(rec.seenOf('a')).toBe(1)
})

it("SRV-ST41: one batch in flight per room: a room's updates are stored and broadcast in arrival order", async () => {
  const store = slowLog()
  const rec = recordingHooks()
  const commits = new GroupCommit(store.log, rec.hooks)
  const a = room('a')
  const type = typist()
  commits.enqueue(a, type('Först. '), 'peer', INFO)
  await turn()
  commits.enqueue(a, type('Sedan. '), 'peer', INFO)
  await turn()
  commits.enqueue(a, type('Sist.'), 'peer', INFO)
  await turn()
  // The later updates wait for A's batch in flight; they are not written beside it.
  expect(store.calls).toHaveLength(1)
  store.calls[0]!.ok()
  await settle()
  expect(rec.seenOf('a')).toBe(1)
  // What waited goes in A's next batch, as one merged row.
  expect(store.calls).toHaveLength(2)
  expect(store.calls[1]!.batch).toHaveLength(1)
  store.calls[1]!.ok()
  await settle()
  expect(rec.seenOf('a')).toBe(2)
  // Rows replayed one by one in the order stored give the text: each applied after its predecessors.
  const fresh = new Y.Doc()
  for (const r of store.rows) {
    Y.applyUpdate(fresh, r.data)
    expect(fresh.store.pendingStructs).toBeNull()
  }
  expect(replay(store.rows, 'a')).toBe('Först. Sedan. Sist.')
  // …and broadcast in that order too.
  const client = new Y.Doc()
  for (const s of rec.seen) {
    Y.applyUpdate(client, s.update)
    expect(client.store.pendingStructs).toBeNull()
  }
})

it('SRV-ST41: flush() settles only once every update enqueued before it is stored or failed, whichever batch it went in', async () => {
  const store = slowLog()
  const rec = recordingHooks()
  const commits = new GroupCommit(store.log, rec.hooks)
  const [a, b, c] = [room('a'), room('b'), room('c')]
  const typeA = typist()
  commits.enqueue(a, typeA('A1'), 'p', INFO)
  await turn()
  commits.enqueue(b, typist()('B1'), 'p', INFO)
  commits.enqueue(a, typeA('A2'), 'p', INFO)
  let flushed = false
  const flush = commits.flush().then(() => (flushed = true))
  // B went at once; A2 waits for A1.
  expect(store.calls.map((x) => x.docs)).toEqual([['a'], ['b']])
  // Enqueued after the flush: not waited for.
  commits.enqueue(c, typist()('C1'), 'p', INFO)
  await turn()
  store.callOf('b').ok()
  await settle()
  expect(flushed).toBe(false)
  store.calls[0]!.ok()
  await settle()
  // A1 answered: A2 is in flight now, and the flush still waits for it.
  expect(store.calls).toHaveLength(4)
  expect(flushed).toBe(false)
  store.calls[3]!.ok()
  await flush
  expect(flushed).toBe(true)
  expect(replay(store.rows, 'a')).toBe('A1A2')
  // C is still in flight: the flush did not wait for it, a new one does.
  expect(rec.seenOf('c')).toBe(0)
  let again = false
  const second = commits.flush().then(() => (again = true))
  await settle()
  expect(again).toBe(false)
  store.callOf('c').ok()
  await second
  expect(rec.seenOf('c')).toBe(1)
  // Nothing pending: settles at once.
  await commits.flush()
})

it("SRV-ST41/ST42: a failed batch of A takes A offline and is broadcast to no one; B's batches go on", async () => {
  const store = slowLog()
  const rec = recordingHooks()
  const commits = new GroupCommit(store.log, rec.hooks)
  const [a, b] = [room('a'), room('b')]
  const typeA = typist()
  const typeB = typist()
  commits.enqueue(a, typeA('A1'), 'p', INFO)
  await turn()
  commits.enqueue(b, typeB('B1'), 'p', INFO)
  commits.enqueue(a, typeA('A2'), 'p', INFO)
  const flush = commits.flush()
  // B is committed and seen while A's batch is still in flight…
  store.callOf('b').ok()
  await settle()
  expect(rec.seenOf('b')).toBe(1)
  // …then A's fails.
  store.callOf('a').fail('disk full')
  await flush
  expect(rec.offline).toEqual(['a'])
  // A2 waited behind the failed batch: its document is offline, so it is dropped, never stored.
  expect(store.calls.filter((c) => c.docs.includes('a'))).toHaveLength(1)
  expect(rec.seenOf('a')).toBe(0)
  expect(rec.seenOf('b')).toBe(1)
  commits.enqueue(b, typeB('B2'), 'p', INFO)
  const next = commits.flush()
  store.calls.at(-1)!.ok()
  await next
  expect(replay(store.rows, 'b')).toBe('B1B2')
  expect(store.rows.some((r) => r.documentId === 'a')).toBe(false)
})

it('SRV-ST41: at most MAX_IN_FLIGHT batches at once; what arrives beyond waits for a free place', async () => {
  const store = slowLog()
  const rec = recordingHooks()
  const commits = new GroupCommit(store.log, rec.hooks)
  const rooms = Array.from({ length: MAX_IN_FLIGHT + 2 }, (_, i) => room(`d${i}`))
  for (const r of rooms) {
    commits.enqueue(r, typist()(r.documentId), 'p', INFO)
    await turn()
  }
  expect(store.calls).toHaveLength(MAX_IN_FLIGHT)
  store.calls[0]!.ok()
  await settle()
  // The two that waited go together in the one place that came free.
  expect(store.calls).toHaveLength(MAX_IN_FLIGHT + 1)
  expect(store.calls.at(-1)!.docs).toEqual([`d${MAX_IN_FLIGHT}`, `d${MAX_IN_FLIGHT + 1}`])
  const flush = commits.flush()
  for (const c of store.calls.slice(1)) c.ok()
  await flush
  expect(rec.seen).toHaveLength(rooms.length)
})

it('SRV-ST41: a store that answers now (SQLite) writes and broadcasts each turn in one batch within the flush', async () => {
  const batches: StoredUpdate[][] = []
  const rec = recordingHooks()
  const commits = new GroupCommit({ appendUpdates: (batch) => void batches.push(batch) }, rec.hooks)
  const [a, b] = [room('a'), room('b')]
  const typeA = typist()
  commits.enqueue(a, typeA('A1'), 'p', INFO)
  commits.enqueue(b, typist()('B1'), 'p', INFO)
  commits.enqueue(a, typeA('A2'), 'p', INFO)
  const flushed = commits.flush()
  expect(batches).toHaveLength(1)
  expect(batches[0]!.map((u) => u.documentId)).toEqual(['a', 'b'])
  expect(rec.seen).toHaveLength(2)
  await flushed
})
