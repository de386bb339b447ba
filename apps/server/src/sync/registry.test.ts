import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { loadTemplates } from '@perspektiv/model/load'
import { createDocument } from '../documents.js'
import { openDatabase, type Db } from '../storage/db.js'
import { SqliteDocumentStore } from '../storage/documentStore.js'
import { UserStore } from '../storage/users.js'
import { Connection } from './connection.js'
import { encodeUpdate } from './protocol.js'
import { Rooms } from './registry.js'
import { documentOnDisk, quietRooms, recordingPeer, sendsEdits } from './registry.testSupport.js'

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

it('SRV-S6: a title typed as Y.Text reaches the documents row on the 2 s path, body text on the slow one', async () => {
  const { db, store, author, record } = await documentOnDisk(cleanup, 'header-soon', templates.get('remissvar')!, 'Avlastning')
  // The stored header as the server now creates it: the title a Y.Text (a log row after the created document).
  const client = new Y.Doc()
  const stored = store.loadRoom(record.id, 'content')
  for (const part of [stored.snapshot, ...stored.updates]) if (part) Y.applyUpdate(client, part)
  const before = Y.encodeStateVector(client)
  client.getMap('meta').set('title', new Y.Text('Avlastning'))
  store.appendUpdates([{ documentId: record.id, room: 'content', data: Y.encodeStateAsUpdate(client, before) }])
  // Summaries otherwise a minute apart: only the 2 s path writes the row during this test.
  const rooms = quietRooms(cleanup, store, templates, null)
  const live = await rooms.open(record)
  const { connection } = recordingPeer(record.id, { userId: author.id, username: 'anna' })
  const room = rooms.join(live, 'content', connection)
  const send = sendsEdits(client, room, connection)
  // A keystroke in the body: text into the first paragraph (empty in a new document).
  const paragraph = [...client.getXmlFragment('default').createTreeWalker((n) => n instanceof Y.XmlElement && n.nodeName === 'paragraph')][0] as Y.XmlElement
  send(() => paragraph.insert(0, [new Y.XmlText('Inledning.')]))
  await rooms.flush()
  expect(live.summaryDue - Date.now()).toBeGreaterThan(50_000)
  const title = client.getMap('meta').get('title') as Y.Text
  send(() => title.insert(title.length, ' i Ålsta'))
  await rooms.flush()
  expect(live.summaryDue - Date.now()).toBeLessThanOrEqual(2_000)
  const row = () => (db.prepare('SELECT title FROM documents WHERE id = ?').get(record.id) as { title: string }).title
  await vi.waitFor(() => expect(row()).toBe('Avlastning i Ålsta'), { timeout: 5_000, interval: 100 })
})
