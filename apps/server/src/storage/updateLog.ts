import type Database from 'better-sqlite3'
import { statementCache, type Db } from './db.js'
import { mergeMissing } from './mergeStored.js'

/** The two Y.Docs of a document: the text, and the review data (comments, verdicts). */
export type RoomName = 'content' | 'review'

/** What is stored for one room: the snapshot (merged state), then the updates since it. */
export interface StoredRoom {
  snapshot: Uint8Array | null
  updates: Uint8Array[]
}

export interface StoredUpdate {
  documentId: string
  room: RoomName
  data: Uint8Array
}

/** A stored row that is not bytes (or cannot be read): the room must not load. */
export class StoredStateError extends Error {}

/**
 * The part of storage the sync server needs: each room's snapshot and its append-only log.
 * Every implementation passes `updateLogContract` (tests/server/updateLogContract.ts);
 * the rules are SRV-ST1…ST6 in apps/server/SPEC.md. Synchronous because better-sqlite3
 * is; an asynchronous backend widens these to promises at the few call sites in sync.
 */
export interface UpdateLog {
  /**
   * The room's snapshot and log rows in the order they were appended (SRV-ST1). Throws
   * when the backend cannot be read or a stored value is not bytes; never answers an
   * empty room for one that has stored state (SRV-ST5). The bytes are as stored, not
   * validated as Yjs: the loader in sync decodes them in full.
   */
  loadRoom(documentId: string, room: RoomName): StoredRoom
  /** Writes a batch of updates in one transaction: all of it or, throwing, none (SRV-ST2). */
  appendUpdates(batch: StoredUpdate[]): void
  /**
   * Replaces the room's snapshot with `state` and deletes the log rows it merged,
   * atomically (SRV-ST3). The caller guarantees `state` holds every logged row.
   */
  compactRoom(documentId: string, room: RoomName, state: Uint8Array): void
}

/**
 * The update log of a backend that answers asynchronously (PostgreSQL), with the same
 * rules (SRV-ST1…ST6, ST12) and contract suite as `UpdateLog`. Several server instances may
 * write one room at once, so `compactRoom` merges what is stored, never overwrites it
 * (SRV-ST12).
 */
export interface AsyncUpdateLog {
  loadRoom(documentId: string, room: RoomName): Promise<StoredRoom>
  appendUpdates(batch: StoredUpdate[]): Promise<void>
  compactRoom(documentId: string, room: RoomName, state: Uint8Array): Promise<void>
}

/** A BLOB as a Uint8Array over the same memory; anything else stored there is refused. */
export function bytes(value: unknown, what: () => string): Uint8Array {
  // SQLite stores any type in a BLOB column: a TEXT or NULL value there is damage, and
  // reading it as zero bytes would load a room as empty (fail open).
  if (!Buffer.isBuffer(value)) throw new StoredStateError(`${what()} is not binary data (${value === null ? 'null' : typeof value})`)
  return new Uint8Array(value.buffer, value.byteOffset, value.byteLength)
}

/** The update log in the `snapshots` and `doc_updates` tables. */
export class SqliteUpdateLog implements UpdateLog {
  private readonly sql: (sql: string) => Database.Statement
  private readonly insertUpdates: (batch: StoredUpdate[], now: number) => void

  private readonly shared: boolean

  /**
   * `shared`: several server instances write this database file (WAL, one machine; issue
   * 19 before PostgreSQL): compaction then merges what the others stored, as PgUpdateLog does.
   */
  constructor(
    private readonly db: Db,
    options: { shared?: boolean } = {},
  ) {
    this.shared = options.shared ?? false
    this.sql = statementCache(db)
    const insert = db.prepare('INSERT INTO doc_updates (document_id, room, data, created_at) VALUES (?, ?, ?, ?)')
    this.insertUpdates = db.transaction((batch: StoredUpdate[], now: number) => {
      for (const u of batch) insert.run(u.documentId, u.room, u.data, now)
    })
  }

  loadRoom(documentId: string, room: RoomName): StoredRoom {
    const snap = this.sql('SELECT data FROM snapshots WHERE document_id = ? AND room = ?').get(documentId, room) as { data: unknown } | undefined
    const updates = this.sql('SELECT data FROM doc_updates WHERE document_id = ? AND room = ? ORDER BY id').all(documentId, room) as Array<{ data: unknown }>
    return {
      snapshot: snap ? bytes(snap.data, () => `the stored ${room} snapshot`) : null,
      updates: updates.map((u, i) => bytes(u.data, () => `row ${i + 1} of the stored ${room} log`)),
    }
  }

  appendUpdates(batch: StoredUpdate[]): void {
    if (batch.length === 0) return
    this.insertUpdates(batch, Date.now())
  }

  compactRoom(documentId: string, room: RoomName, state: Uint8Array): void {
    // Single writer (this process, synchronous SQLite): every logged row of the room is
    // already merged into `state`, so the whole log of the room can go. Shared: another
    // instance may have stored rows `state` lacks; read and merge them in the same
    // transaction (IMMEDIATE: no other writer between the read and the delete).
    const compact = this.db.transaction(() => {
      const merged = this.shared ? mergeMissing(state, partsOf(this.loadRoom(documentId, room))) : state
      this.sql(
        `INSERT INTO snapshots (document_id, room, data, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (document_id, room) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at`,
      ).run(documentId, room, merged, Date.now())
      this.sql('DELETE FROM doc_updates WHERE document_id = ? AND room = ?').run(documentId, room)
    })
    if (this.shared) compact.immediate()
    else compact()
  }
}

const partsOf = (stored: StoredRoom) => (stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates)
