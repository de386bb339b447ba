import type { Pool } from 'pg'
import { mergeMissing } from '../mergeStored.js'
import { inTransaction } from './queryable.js'
import { bytes, type AsyncUpdateLog, type RoomName, type StoredRoom, type StoredUpdate } from '../updateLog.js'

/**
 * The advisory lock of one room's compaction: two 32-bit keys, a fixed class and a hash of
 * the room (hashtext is PostgreSQL's own, so every instance computes the same key).
 */
const COMPACTION_LOCK_CLASS = 7_419_002

/** The prepared statement of a batch's INSERT (node-postgres prepares it once per connection). */
const APPEND_UPDATES = 'perspektiv_append_updates'

/**
 * The update log in PostgreSQL (`snapshots`, `doc_updates`), shared by every server
 * instance on the database (issue 19).
 *
 * - A load is one statement, so it sees one snapshot of the database: a compaction that
 *   commits meanwhile cannot make it read the old snapshot without the rows it merged.
 * - A batch is one INSERT statement: stored whole or not at all (SRV-ST2).
 * - Compaction takes the room's advisory lock (one compactor per room at a time, on any
 *   instance), reads the snapshot and the rows, writes the snapshot as `state` merged with
 *   whatever stored it lacks (rows another instance appended), and deletes exactly the rows
 *   it read (SRV-ST12) — never "every row up to some id", which could take a row committed
 *   after the read.
 */
export class PgUpdateLog implements AsyncUpdateLog {
  constructor(private readonly pool: Pool) {}

  async loadRoom(documentId: string, room: RoomName): Promise<StoredRoom> {
    const { rows } = await this.pool.query<{ part: number; data: unknown }>(
      `SELECT 0 AS part, 0::bigint AS id, data FROM snapshots WHERE document_id = $1 AND room = $2
       UNION ALL
       SELECT 1 AS part, id, data FROM doc_updates WHERE document_id = $1 AND room = $2
       ORDER BY part, id`,
      [documentId, room],
    )
    const snap = rows[0]?.part === 0 ? rows[0] : undefined
    const log = snap ? rows.slice(1) : rows
    return {
      snapshot: snap ? bytes(snap.data, () => `the stored ${room} snapshot`) : null,
      updates: log.map((u, i) => bytes(u.data, () => `row ${i + 1} of the stored ${room} log`)),
    }
  }

  async appendUpdates(batch: StoredUpdate[]): Promise<void> {
    if (batch.length === 0) return
    const now = Date.now()
    // A named statement: each pool connection parses and plans it once, not once per batch
    // (the group commit sends one per batch, SRV-ST41). The arrays take any batch size.
    await this.pool.query({
      name: APPEND_UPDATES,
      text: `INSERT INTO doc_updates (document_id, room, data, created_at)
       SELECT * FROM unnest($1::text[], $2::text[], $3::bytea[], $4::bigint[])`,
      values: [
        batch.map((u) => u.documentId),
        batch.map((u) => u.room),
        batch.map((u) => Buffer.from(u.data.buffer, u.data.byteOffset, u.data.byteLength)),
        batch.map(() => now),
      ],
    })
  }

  compactRoom(documentId: string, room: RoomName, state: Uint8Array): Promise<void> {
    return inTransaction(this.pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [COMPACTION_LOCK_CLASS, `${documentId}/${room}`])
      // After the lock: a compaction that held it has committed, and this statement sees it.
      const { rows } = await client.query<{ id: string | null; data: unknown }>(
        `SELECT NULL::bigint AS id, data FROM snapshots WHERE document_id = $1 AND room = $2
         UNION ALL
         SELECT id, data FROM doc_updates WHERE document_id = $1 AND room = $2`,
        [documentId, room],
      )
      const stored = rows.map((r, i) => bytes(r.data, () => `part ${i + 1} of the stored ${room} state`))
      const merged = mergeMissing(state, stored)
      await client.query(
        `INSERT INTO snapshots (document_id, room, data, updated_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (document_id, room) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at`,
        [documentId, room, Buffer.from(merged.buffer, merged.byteOffset, merged.byteLength), Date.now()],
      )
      const ids = rows.flatMap((r) => (r.id === null ? [] : [r.id]))
      if (ids.length) await client.query('DELETE FROM doc_updates WHERE id = ANY($1::bigint[])', [ids])
    })
  }
}
