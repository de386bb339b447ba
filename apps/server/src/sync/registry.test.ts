import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import * as Y from 'yjs'
import { loadTemplates } from '@perspektiv/model/load'
import { createDocument } from '../documents.js'
import { openDatabase, type Db } from '../storage/db.js'
import { SqliteDocumentStore } from '../storage/documentStore.js'
import { UserStore } from '../storage/users.js'
import { Connection } from './connection.js'
import { encodeUpdate } from './protocol.js'
import { Rooms } from './registry.js'

const templates = loadTemplates()
const cleanup: Array<() => void> = []
afterEach(() => {
  for (const f of cleanup.splice(0).reverse()) f()
})

/** A real SQLite store with one document, its registry, and an author's socket in the content room. */
async function loadedDocument() {
  const dir = mkdtempSync(join(tmpdir(), 'perspektiv-registry-'))
  const db: Db = openDatabase(dir)
  cleanup.push(
    () => rmSync(dir, { recursive: true, force: true }),
    () => db.close(),
  )
  const store = new SqliteDocumentStore(db)
  const author = await new UserStore(db).add({ username: 'anna', name: 'Anna', password: 'lösenord-123' })
  const record = await createDocument(store, templates.get('remissvar')!, { title: 'Avlastning', createdBy: author.id })
  const rooms = new Rooms({ store, templates, idleUnloadMs: 60_000, summaryDelayMs: 60_000 })
  cleanup.push(() => rooms.close())
  const live = await rooms.open(record)
  const closed: number[] = []
  const socket = { bufferedAmount: 0, send: () => {}, close: (code: number) => void closed.push(code), terminate: () => {}, ping: () => {} }
  const peer = new Connection(
    socket,
    { userId: author.id, username: 'anna', sessionHash: 'h', role: 'author', documentId: record.id, room: 'content' },
    () => {},
  )
  const room = rooms.join(live, 'content', peer)
  // The author's copy, in sync with the server.
  const client = new Y.Doc()
  Y.applyUpdate(client, live.content.state.stateAsUpdate())
  const type = (text: string) => {
    const before = Y.encodeStateVector(client)
    client.getText('anteckning').insert(0, text)
    room.receive(peer, encodeUpdate(Y.encodeStateAsUpdate(client, before)))
  }
  const stored = () => ({
    snapshots: db.prepare('SELECT room, hex(data) AS data, updated_at FROM snapshots WHERE document_id = ? ORDER BY room').all(record.id),
    updates: db.prepare('SELECT id, room, hex(data) AS data FROM doc_updates WHERE document_id = ? ORDER BY id').all(record.id),
    row: db.prepare('SELECT title, updated_at, coverage_json FROM documents WHERE id = ?').get(record.id),
  })
  return { db, rooms, live, record, type, stored, closed }
}

it('SRV-S7: unloading after a failed flush writes nothing for the document (no summary, no compaction)', async () => {
  const { db, rooms, live, record, type, stored, closed } = await loadedDocument()
  type('Lagrad. ')
  await rooms.flush()
  const before = stored()
  expect(before.updates).toHaveLength(1)
  // The disk refuses new log rows (full, or read-only) while the rest still writes.
  db.exec("CREATE TRIGGER refuse_updates BEFORE INSERT ON doc_updates BEGIN SELECT RAISE(ABORT, 'disk full'); END")
  type('Aldrig lagrad.')
  await rooms.unload(live)
  expect(rooms.failure(record.id)).toMatch(/cannot store updates: disk full/)
  expect(rooms.isLoaded(record.id)).toBe(false)
  expect(closed).toEqual([1011])
  // What was stored before is as it was: neither compacted into the snapshot nor summarised.
  expect(stored()).toEqual(before)
})

it('SRV-S7: a document whose flush failed stays offline: refused on open, not reloaded from what is stored', async () => {
  const { db, rooms, record, type } = await loadedDocument()
  db.exec("CREATE TRIGGER refuse_updates BEFORE INSERT ON doc_updates BEGIN SELECT RAISE(ABORT, 'disk full'); END")
  type('Aldrig lagrad.')
  await rooms.flush()
  await expect(rooms.open(record)).rejects.toThrow(/unavailable: cannot store updates/)
})
