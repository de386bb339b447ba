/**
 * Set-up the registry's unit tests share (asyncStore.test.ts, contentJobs.test.ts): a real
 * SQLite data directory with one author and one document, a registry over a store, and a
 * server-side connection whose socket records what it is sent. Test support only: nothing
 * outside *.test.ts imports it. Each step pushes its undoing onto the test file's `cleanup`
 * list (run in reverse after each test), so a test cannot leave a database or timer behind.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Template } from '@perspektiv/model'
import { createDocument } from '../documents.js'
import { openDatabase } from '../storage/db.js'
import { SqliteDocumentStore } from '../storage/documentStore.js'
import { UserStore } from '../storage/users.js'
import type * as Y from 'yjs'
import { Connection } from './connection.js'
import { encodeUpdate } from './protocol.js'
import type { Room } from './room.js'
import { Rooms, type RoomsOptions } from './registry.js'

type Cleanup = Array<() => unknown>

/** A fresh data directory (`perspektiv-<prefix>-…`) holding the author anna and one document of `template`. */
export async function documentOnDisk(cleanup: Cleanup, prefix: string, template: Template, title: string) {
  const dir = mkdtempSync(join(tmpdir(), `perspektiv-${prefix}-`))
  const db = openDatabase(dir)
  cleanup.push(
    () => rmSync(dir, { recursive: true, force: true }),
    () => db.close(),
  )
  const store = new SqliteDocumentStore(db)
  const author = await new UserStore(db).add({ username: 'anna', name: 'Anna', password: 'lösenord-123' })
  const record = await createDocument(store, template, { title, createdBy: author.id })
  return { db, store, author, record }
}

/** A registry that neither unloads nor writes summaries on its own during a test (a minute for each); closed after it. */
export function quietRooms(cleanup: Cleanup, store: RoomsOptions['store'], templates: RoomsOptions['templates'], statePool: RoomsOptions['statePool']) {
  const rooms = new Rooms({ store, templates, idleUnloadMs: 60_000, summaryDelayMs: 60_000, statePool })
  cleanup.push(() => rooms.close())
  return rooms
}

/** An author's connection to a document's content room over a socket that keeps what it is sent and how it was closed. */
export function recordingPeer(documentId: string, user: { userId: number; username: string; sessionHash?: string }) {
  const sent: Uint8Array[] = []
  const closed: Array<[number, string]> = []
  const socket = {
    bufferedAmount: 0,
    send: (d: Uint8Array) => void sent.push(d),
    close: (code: number, reason: string) => void closed.push([code, reason]),
    terminate: () => {},
    ping: () => {},
  }
  const { userId, username, sessionHash = username } = user
  const connection = new Connection(socket, { userId, username, sessionHash, role: 'author', documentId, room: 'content' }, () => {})
  return { connection, sent, closed }
}

/** Sends what `edit` makes `client` write to the room as `connection`'s updates, one message per Yjs update (as a browser does). */
export function sendsEdits(client: Y.Doc, room: Room, connection: Connection): (edit: () => void) => void {
  return (edit) => {
    const updates: Uint8Array[] = []
    const keep = (u: Uint8Array) => void updates.push(u)
    client.on('update', keep)
    edit()
    client.off('update', keep)
    for (const u of updates) room.receive(connection, encodeUpdate(u))
  }
}
