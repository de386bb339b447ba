import { afterEach, expect, it } from 'vitest'
import * as Y from 'yjs'
import { loadTemplates } from '@perspektiv/model/load'
import { createThread } from '@perspektiv/review'
import type { SqliteDocumentStore } from '../storage/documentStore.js'
import type { RoomName, StoredUpdate } from '../storage/updateLog.js'
import { Connection } from './connection.js'
import { DocumentUnavailableError } from './errors.js'
import type { InstancePeers } from './instancePeers.js'
import { encodeUpdate } from './protocol.js'
import { Rooms } from './registry.js'
import { documentOnDisk, quietRooms, recordingPeer } from './registry.testSupport.js'

const templates = loadTemplates()
const cleanup: Array<() => unknown> = []
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f()
})

/**
 * The real SQLite store, answering as PostgreSQL does: each call runs on the store in a
 * later turn of the event loop and answers a promise. `hold()` keeps the answers back until
 * `release()`, so a test sees what the registry does while a query is in flight.
 */
function answeringLater(store: SqliteDocumentStore) {
  let holding = false
  const held: Array<() => void> = []
  const calls: string[] = []
  const later = <T>(name: string, fn: () => T): Promise<T> =>
    new Promise<T>((ok, fail) => {
      calls.push(name)
      const run = () => {
        try {
          ok(fn())
        } catch (err) {
          fail(err)
        }
      }
      if (holding) held.push(run)
      else setImmediate(run)
    })
  return {
    calls,
    hold: () => void (holding = true),
    release: () => {
      holding = false
      for (const run of held.splice(0)) run()
    },
    log: {
      loadRoom: (documentId: string, room: RoomName) => later('loadRoom', () => store.loadRoom(documentId, room)),
      appendUpdates: (batch: StoredUpdate[]) => later('appendUpdates', () => store.appendUpdates(batch)),
      compactRoom: (documentId: string, room: RoomName, state: Uint8Array) => later('compactRoom', () => store.compactRoom(documentId, room, state)),
      updateSummary: (id: string, summary: Parameters<SqliteDocumentStore['updateSummary']>[1]) =>
        later('updateSummary', () => store.updateSummary(id, summary)),
    },
  }
}

async function setUp() {
  const { db, store, author, record } = await documentOnDisk(cleanup, 'async-store', templates.get('remissvar')!, 'Senare svar')
  const later = answeringLater(store)
  const rooms = quietRooms(cleanup, later.log, templates, null)
  cleanup.push(() => later.release())
  const rows = () => db.prepare("SELECT data FROM doc_updates WHERE document_id = ? AND room = 'content' ORDER BY id").all(record.id) as Array<{ data: Buffer }>
  /** The document opened with anna writing and erik reading its content room; `client` holds what anna has. */
  const writerAndReader = async () => {
    const live = await rooms.open(record)
    const writer = recordingPeer(record.id, { userId: 1, username: 'anna' })
    const reader = recordingPeer(record.id, { userId: 2, username: 'erik' })
    const room = rooms.join(live, 'content', writer.connection)
    rooms.join(live, 'content', reader.connection)
    // What the reader was sent on joining (sync step 1, presence); what follows is updates.
    const joined = reader.sent.length
    const client = new Y.Doc()
    Y.applyUpdate(client, live.content.state.stateAsUpdate())
    return { writer, reader, room, joined, client }
  }
  return { db, store, record, later, rooms, rows, author, writerAndReader }
}

it('SRV-ST40: with a store that answers later, sockets and REST reads opening one document at once share one load', async () => {
  const { record, later, rooms } = await setUp()
  const opened = await Promise.all([rooms.open(record), rooms.open(record), rooms.open(record)])
  expect(new Set(opened).size).toBe(1)
  // One read per room (content, review), not one per caller.
  expect(later.calls.filter((c) => c === 'loadRoom')).toHaveLength(2)
  expect(opened[0]!.content.state.stateAsUpdate().byteLength).toBeGreaterThan(100)
})

it("SRV-ST41: a room's updates are committed one batch at a time in arrival order, and nobody sees one before its commit answered", async () => {
  const { later, rooms, rows, writerAndReader } = await setUp()
  const { writer, reader, room, joined, client } = await writerAndReader()
  const updatesSeen = () => reader.sent.length - joined
  const type = (text: string) => {
    const before = Y.encodeStateVector(client)
    client.getText('anteckning').insert(client.getText('anteckning').length, text)
    room.receive(writer.connection, encodeUpdate(Y.encodeStateAsUpdate(client, before)))
  }
  later.hold()
  type('Först. ')
  const first = rooms.flush()
  // A second batch arrives while the first is in flight: it waits, it is not written beside it.
  type('Sedan.')
  const second = rooms.flush()
  await new Promise((r) => setImmediate(r))
  expect(later.calls.filter((c) => c === 'appendUpdates')).toHaveLength(1)
  expect(updatesSeen()).toBe(0)
  expect(rows()).toHaveLength(0)
  later.release()
  await first
  expect(updatesSeen()).toBe(1)
  later.release()
  await second
  expect(later.calls.filter((c) => c === 'appendUpdates')).toHaveLength(2)
  expect(updatesSeen()).toBe(2)
  // Stored in the order typed: replaying the rows one by one gives the text (no pending structs).
  const stored = rows().map((r) => new Uint8Array(r.data))
  expect(stored).toHaveLength(2)
  const fresh = new Y.Doc()
  for (const u of stored) Y.applyUpdate(fresh, u)
  expect(fresh.getText('anteckning').toString()).toBe('Först. Sedan.')
})

it('SRV-ST42: a load the store refuses is a refusal, never a blank document; a commit it refuses closes the sockets (1011) and shows the update to no one', async () => {
  const { db, record, rooms, later, writerAndReader } = await setUp()
  // Refused load: the backend cannot be read.
  const other = await setUp()
  other.db.exec("UPDATE snapshots SET data = 'not bytes' WHERE room = 'content'")
  await expect(other.rooms.open(other.record)).rejects.toBeInstanceOf(DocumentUnavailableError)
  expect(other.rooms.isLoaded(other.record.id)).toBe(false)
  await expect(other.rooms.open(other.record)).rejects.toThrow(/cannot read stored content state/)

  // Refused commit.
  const { writer, reader, room, joined, client } = await writerAndReader()
  db.exec("CREATE TRIGGER refuse_updates BEFORE INSERT ON doc_updates BEGIN SELECT RAISE(ABORT, 'disk full'); END")
  client.getText('anteckning').insert(0, 'Aldrig lagrad.')
  room.receive(writer.connection, encodeUpdate(Y.encodeStateAsUpdate(client, Y.encodeStateVector(new Y.Doc()))))
  await rooms.flush()
  expect(later.calls).toContain('appendUpdates')
  expect(reader.sent).toHaveLength(joined)
  expect(reader.closed.map(([code]) => code)).toEqual([1011])
  expect(rooms.isLoaded(record.id)).toBe(false)
  await expect(rooms.open(record)).rejects.toThrow(/cannot store updates: disk full/)
})

it('SRV-ST41: a batch answered after its document went offline (a batch of its other room failed meanwhile) is published to the other instances, and touches no room of the reload', async () => {
  const { store, record } = await documentOnDisk(cleanup, 'async-offline', templates.get('remissvar')!, 'Borta')
  // Every batch waits for the test to answer it: stored for real, or refused.
  const appends: Array<{ batch: StoredUpdate[]; store: () => void; refuse: (reason: string) => void }> = []
  const log = {
    loadRoom: (documentId: string, room: RoomName) => Promise.resolve().then(() => store.loadRoom(documentId, room)),
    appendUpdates: (batch: StoredUpdate[]) =>
      new Promise<void>((ok, fail) =>
        appends.push({
          batch,
          store: () => {
            store.appendUpdates(batch)
            ok()
          },
          refuse: (reason) => fail(new Error(reason)),
        }),
      ),
    compactRoom: (documentId: string, room: RoomName, state: Uint8Array) => Promise.resolve().then(() => store.compactRoom(documentId, room, state)),
    updateSummary: (id: string, summary: Parameters<SqliteDocumentStore['updateSummary']>[1]) => Promise.resolve().then(() => store.updateSummary(id, summary)),
  }
  // The other instances, as the registry sees them (scale/cluster.ts): what it tells them it committed.
  const published: Array<{ room: string; update: Uint8Array }> = []
  const peers: InstancePeers = {
    opened: () => {},
    closed: () => {},
    committed: (room, update) => void published.push({ room: room.name, update }),
    awareness: () => {},
    announce: () => {},
  }
  const rooms = new Rooms({ store: log, templates, idleUnloadMs: 60_000, summaryDelayMs: 60_000, statePool: null, retryStorage: true, peers })
  cleanup.push(() => rooms.close())
  const live = await rooms.open(record)
  const writer = recordingPeer(record.id, { userId: 1, username: 'anna' })
  const reviewer = new Connection(
    { bufferedAmount: 0, send: () => {}, close: () => {}, terminate: () => {}, ping: () => {} },
    { userId: 1, username: 'anna', name: 'Anna', sessionHash: 'anna', role: 'author', documentId: record.id, room: 'review' },
    () => {},
  )
  const content = rooms.join(live, 'content', writer.connection)
  const review = rooms.join(live, 'review', reviewer)

  // A review comment, then a content edit: two batches in flight at once (one per room).
  const thread = new Y.Doc()
  Y.applyUpdate(thread, live.review.state.stateAsUpdate())
  const beforeThread = Y.encodeStateVector(thread)
  createThread(thread, {
    id: 't1',
    anchor: { start: 'AA==', end: 'AA==', quote: 'åtgärder', sectionKey: 'sammanfattning' },
    comment: { id: 't1-c1', author: { username: 'anna', name: 'Anna' }, text: 'Vilka åtgärder avses?', at: '2026-12-01T10:00:00.000Z' },
  })
  review.receive(reviewer, encodeUpdate(Y.encodeStateAsUpdate(thread, beforeThread)))
  void rooms.flush()
  const text = new Y.Doc()
  Y.applyUpdate(text, live.content.state.stateAsUpdate())
  const beforeText = Y.encodeStateVector(text)
  text.getText('anteckning').insert(0, 'Lagrad efter avbrottet.')
  const edit = Y.encodeStateAsUpdate(text, beforeText)
  content.receive(writer.connection, encodeUpdate(edit))
  const settled = rooms.flush()
  expect(appends.map((a) => a.batch.map((u) => u.room))).toEqual([['review'], ['content']])

  // The review batch fails: the document goes offline (its sockets closed, reconnect later)…
  appends[0]!.refuse('connection lost')
  await new Promise((r) => setImmediate(r))
  expect(rooms.isLoaded(record.id)).toBe(false)
  expect(writer.closed.map(([code]) => code)).toEqual([1011])
  // …and is loaded again (a client reconnected) while the content batch is still in flight.
  const reloaded = await rooms.open(record)
  expect(reloaded).not.toBe(live)
  const reloadedState = reloaded.content.state.stateAsUpdate()

  // The content batch is committed after all: the other instances get it (their clients have
  // not seen it), the reload's room is not touched (it reads what the store holds), nobody here is sent it.
  const sentBefore = writer.sent.length
  appends[1]!.store()
  await settled
  expect(published.map((p) => p.room)).toEqual(['content'])
  expect(published[0]!.update).toEqual(edit)
  expect(reloaded.content.state.stateAsUpdate()).toEqual(reloadedState)
  expect(reloaded.content.logCount).toBe(0)
  expect(writer.sent.length).toBe(sentBefore)
  // Stored: a later load holds it.
  const stored = new Y.Doc()
  const { snapshot, updates } = store.loadRoom(record.id, 'content')
  if (snapshot) Y.applyUpdate(stored, snapshot)
  for (const u of updates) Y.applyUpdate(stored, u)
  expect(stored.getText('anteckning').toString()).toBe('Lagrad efter avbrottet.')
})
