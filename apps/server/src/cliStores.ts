import { databaseUrlFromEnv } from './scale/config.js'
import type { Awaitable } from './storage/awaitable.js'
import { dataDirFromEnv, openDatabase } from './storage/db.js'
import { SqliteDocumentStore, type DocumentStore } from './storage/documentStore.js'
import { openPostgresStores } from './storage/postgres/index.js'
import { UserStore } from './storage/users.js'

/** What `perspektiv users/import/export` work on, and closing it. */
export interface CliStores {
  users: Awaitable<UserStore>
  store: DocumentStore
  close(): Promise<void>
}

/**
 * The stores the server uses: PostgreSQL when `DATABASE_URL` is set (validated, issue 19),
 * else the SQLite file in `DATA_DIR`. The CLI only adds rows and reads, so it runs beside a
 * running server on either.
 */
export async function openCliStores(env: NodeJS.ProcessEnv = process.env): Promise<CliStores> {
  const databaseUrl = databaseUrlFromEnv(env)
  if (databaseUrl) {
    const pg = await openPostgresStores(databaseUrl, { log: () => {} })
    return { users: pg.users, store: pg.documents, close: () => pg.close() }
  }
  const db = openDatabase(dataDirFromEnv(env))
  return { users: new UserStore(db), store: new SqliteDocumentStore(db), close: async () => void db.close() }
}
