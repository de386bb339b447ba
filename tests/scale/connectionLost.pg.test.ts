/**
 * SRV-SC22: a PostgreSQL connection lost while it is checked out of the pool — in a
 * transaction between two statements, or holding a document's workflow lock while the step
 * runs — fails that one step and never the server. node-postgres emits `error` on such a
 * client, and nothing else listens to it while it is out of the pool: unheard, that is an
 * uncaught exception, and in CI an instance died exactly so when PostgreSQL was stopped
 * (SRV-SC20) under load. The backend is ended here the way PostgreSQL's shutdown ends it
 * (`pg_terminate_backend`), at a moment the test chooses.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import type pg from 'pg'
import { inTransaction, openPostgresStores, type PostgresStores } from '@perspektiv/server'
import { missing, useServices } from './services.js'

const services = useServices()
/** The advisory-lock class of workflow steps (apps/server/src/storage/postgres/documentLock.ts). */
const WORKFLOW_LOCK_CLASS = 7_419_003

describe.skipIf(missing)('a PostgreSQL connection lost while checked out (SRV-SC22)', () => {
  let db: PostgresStores
  const uncaught: unknown[] = []
  const onUncaught = (err: unknown) => uncaught.push(err)

  beforeEach(async () => {
    db = await openPostgresStores(services.newDatabase())
    uncaught.length = 0
    process.on('uncaughtException', onUncaught)
  })
  afterEach(() => {
    process.off('uncaughtException', onUncaught)
  })
  afterAll(() => db?.close())

  /** Ends the backend `pid` from another connection and waits until PostgreSQL has let it go. */
  async function terminate(pool: pg.Pool, pid: number): Promise<void> {
    await pool.query('SELECT pg_terminate_backend($1)', [pid])
    for (let i = 0; i < 200; i++) {
      const { rows } = await pool.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [pid])
      if (rows.length === 0) break
      await new Promise((r) => setTimeout(r, 10))
    }
    // node-postgres learns of it from the socket: give the event loop a few turns.
    await new Promise((r) => setTimeout(r, 100))
  }

  it('a transaction whose connection ends between two statements is refused; the process and the pool go on', async () => {
    const pool = db.pool
    const step = inTransaction(pool, async (client) => {
      const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')
      await terminate(pool, rows[0]!.pid)
      await client.query('SELECT 1')
    })
    await expect(step).rejects.toThrow()
    expect(uncaught).toEqual([])
    // The broken client was not handed back: the next statements get a live connection.
    for (let i = 0; i < 12; i++) expect((await pool.query('SELECT 1 AS one')).rows[0].one).toBe(1)
  })

  it('a workflow step whose lock connection ends meanwhile finishes; the lock is free and the next step runs', async () => {
    const pool = db.pool
    const result = await db.documentLock.run('dokument-1', async () => {
      const { rows } = await pool.query<{ pid: number }>("SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND classid = $1 AND granted", [
        WORKFLOW_LOCK_CLASS,
      ])
      expect(rows).toHaveLength(1)
      await terminate(pool, rows[0]!.pid)
      return 'klar'
    })
    expect(result).toBe('klar')
    expect(uncaught).toEqual([])
    // Four steps, as many as the lock pool has connections: none is given the dead one.
    for (let i = 0; i < 4; i++) expect(await db.documentLock.run('dokument-1', async () => i)).toBe(i)
    const held = await pool.query("SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND classid = $1", [WORKFLOW_LOCK_CLASS])
    expect(held.rows).toHaveLength(0)
  })
})
