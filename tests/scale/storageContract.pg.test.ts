/**
 * The storage contract (tests/server/storageContract.ts) against PostgreSQL, each case on a
 * database of its own (collated sv-SE); the cases where two instances act at once get a second pool. Also:
 * PostgreSQL's schema holds every table and column SQLite's migrations create (SRV-ST30).
 */
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { openDatabase, openPostgresStores, type PostgresStores } from '@perspektiv/server'
import { tempDataDir } from '../server/harness.js'
import { SESSION_IDLE_MS, storageContract, type ContractStores, type StorageFixture } from '../server/storageContract.js'
import { missing, useServices } from './services.js'

const services = useServices()

let databases = 0
/**
 * A new database that sorts text the Swedish way (ICU sv-SE), as a municipality's server
 * might be set up: the stores' orderings must still be SQLite's code-point order (SRV-ST30).
 */
async function swedishDatabase(): Promise<string> {
  const postgres = services.get().postgres
  const name = `sv${process.pid}_${++databases}`
  const admin = new pg.Client({ connectionString: postgres.url })
  await admin.connect()
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'sv-SE' LOCALE 'C.UTF-8'`)
  } finally {
    await admin.end()
  }
  return postgres.urlOf(name)
}

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
  storageContract('PostgreSQL (Swedish collation)', async (): Promise<StorageFixture> => {
    const url = await swedishDatabase()
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
      expect(versions.map((v) => v.version)).toEqual([1, 2, 3])
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
