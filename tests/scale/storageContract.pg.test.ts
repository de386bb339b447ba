/**
 * The storage contract (tests/server/storageContract.ts) against PostgreSQL, each case on a
 * database of its own; the cases where two instances act at once get a second pool. Also:
 * PostgreSQL's schema holds every table and column SQLite's migrations create (SRV-ST30).
 */
import { describe, expect, it } from 'vitest'
import { openDatabase, openPostgresStores, type PostgresStores } from '@perspektiv/server'
import { tempDataDir } from '../server/harness.js'
import { SESSION_IDLE_MS, storageContract, type ContractStores, type StorageFixture } from '../server/storageContract.js'
import { missing, useServices } from './services.js'

const services = useServices()

const contractStores = (pg: PostgresStores): ContractStores => ({
  users: pg.users,
  sessions: pg.sessions,
  apiTokens: pg.apiTokens,
  identities: pg.identities,
  notifications: pg.notifications,
  documents: pg.documents,
  serverTasks: pg.serverTasks,
})

describe.skipIf(missing)('PostgreSQL stores', () => {
  storageContract('PostgreSQL', async (): Promise<StorageFixture> => {
    const url = services.newDatabase()
    const opened = [await openPostgresStores(url, { sessionIdleMs: SESSION_IDLE_MS })]
    return {
      stores: contractStores(opened[0]!),
      sharedWriters: {
        async other() {
          const more = await openPostgresStores(url, { sessionIdleMs: SESSION_IDLE_MS })
          opened.push(more)
          return contractStores(more)
        },
      },
      async close() {
        await Promise.all(opened.map((s) => s.close()))
      },
    }
  })

  it('SRV-ST30: every table and column of the SQLite schema exists in PostgreSQL; migrating again applies nothing', async () => {
    const data = tempDataDir()
    const sqlite = openDatabase(data.dir)
    const url = services.newDatabase()
    const pg = await openPostgresStores(url)
    try {
      // The search index's own tables are SQLite's FTS5 machinery; PostgreSQL indexes the row.
      const internal = /^(sqlite_|document_search|documents_fts)/
      const tables = (sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>)
        .map((t) => t.name)
        .filter((t) => !internal.test(t))
      const sqliteColumns = tables.flatMap((t) =>
        (sqlite.prepare(`SELECT name FROM pragma_table_info(?)`).all(t) as Array<{ name: string }>).map((c) => `${t}.${c.name}`),
      )
      const { rows } = await pg.pool.query<{ c: string }>(
        "SELECT table_name || '.' || column_name AS c FROM information_schema.columns WHERE table_schema = 'public'",
      )
      const pgColumns = new Set(rows.map((r) => r.c))
      expect(sqliteColumns.filter((c) => !pgColumns.has(c))).toEqual([])
      expect(tables.length).toBeGreaterThan(10)
      const again = await openPostgresStores(url)
      await again.close()
      const { rows: versions } = await pg.pool.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version')
      expect(versions.map((v) => v.version)).toEqual([1, 2])
      // The dashboard search has its trigram index (pg_trgm is part of Debian's postgresql).
      const { rows: indexes } = await pg.pool.query("SELECT 1 FROM pg_indexes WHERE indexname = 'documents_search'")
      expect(indexes).toHaveLength(1)
    } finally {
      await pg.close()
      sqlite.close()
      data.remove()
    }
  })
})
