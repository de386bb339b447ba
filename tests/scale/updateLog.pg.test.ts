/**
 * The update-log contract (tests/server/updateLogContract.ts) against PostgreSQL, with the
 * cases only a shared backend has (SRV-ST12: several instances write and compact one room).
 */
import { describe, expect, it } from 'vitest'
import pg from 'pg'
import * as Y from 'yjs'
import { loadStoredState, openPostgres, PgUpdateLog } from '@perspektiv/server'
import { updateLogContract, type UpdateLogFixture } from '../server/updateLogContract.js'
import { missing, useServices } from './services.js'

const services = useServices()

async function pgFixture(): Promise<UpdateLogFixture> {
  const url = services.newDatabase()
  const pools: pg.Pool[] = [await openPostgres(url)]
  const pool = pools[0]!
  const another = async () => {
    const p = await openPostgres(url)
    pools.push(p)
    return new PgUpdateLog(p)
  }
  return {
    log: new PgUpdateLog(pool),
    async addDocument(id) {
      await pool.query("INSERT INTO documents (id, template_id, title, created_at, updated_at) VALUES ($1, 'remissvar', 'Kontrakt', '', '')", [id])
    },
    async damage(documentId, room, where, bytes) {
      // A raw connection: the damage is done behind the log's back.
      const raw = new pg.Client({ connectionString: url })
      await raw.connect()
      try {
        const value = Buffer.from(bytes)
        if (where === 'snapshot') await raw.query('UPDATE snapshots SET data = $1 WHERE document_id = $2 AND room = $3', [value, documentId, room])
        else {
          const first = await raw.query<{ id: string | null }>('SELECT MIN(id) AS id FROM doc_updates WHERE document_id = $1 AND room = $2', [documentId, room])
          if (first.rows[0]!.id === null)
            await raw.query('INSERT INTO doc_updates (document_id, room, data, created_at) VALUES ($1, $2, $3, 0)', [documentId, room, value])
          else await raw.query('UPDATE doc_updates SET data = $1 WHERE id = $2', [value, first.rows[0]!.id])
        }
      } finally {
        await raw.end()
      }
    },
    reopen: another,
    async disconnect() {
      await pool.end()
    },
    async close() {
      await Promise.all(pools.map((p) => p.end().catch(() => {})))
    },
    sharedWriters: { other: another },
  }
}

describe.skipIf(missing)('PostgreSQL update log', () => {
  updateLogContract('PostgreSQL', pgFixture, { sharedWriters: true })
})

describe.skipIf(missing)('PostgreSQL stopped and back', () => {
  it('SRV-ST13: while PostgreSQL is down an append is refused (nothing to acknowledge) and a load fails, never empty; both work again once it is back', async () => {
    const url = services.newDatabase()
    const pool = await openPostgres(url, () => {})
    try {
      const log = new PgUpdateLog(pool)
      await pool.query("INSERT INTO documents (id, template_id, title, created_at, updated_at) VALUES ('down', 'remissvar', 'Nere', '', '')")
      const doc = new Y.Doc()
      const type = (text: string) => {
        const before = Y.encodeStateVector(doc)
        doc.getText('t').insert(doc.getText('t').length, text)
        return [{ documentId: 'down', room: 'content' as const, data: Y.encodeStateAsUpdate(doc, before) }]
      }
      await log.appendUpdates(type('Före. '))
      const postgres = services.get().postgres
      await postgres.stop()
      try {
        // An author on another client: its edit is refused, so it never becomes part of any state.
        const other = new Y.Doc()
        other.getText('t').insert(0, 'Under. ')
        await expect(log.appendUpdates([{ documentId: 'down', room: 'content', data: Y.encodeStateAsUpdate(other) }])).rejects.toThrow()
        await expect(loadStoredState(log, 'down', 'content')).rejects.toThrow(/cannot read stored content state/)
      } finally {
        await postgres.start()
      }
      await log.appendUpdates(type('Efter.'))
      const text = (await loadStoredState(log, 'down', 'content')).state.toDoc().getText('t').toString()
      // The refused append is not stored; what came before and after is.
      expect(text).toBe('Före. Efter.')
    } finally {
      await pool.end()
    }
  })
})
