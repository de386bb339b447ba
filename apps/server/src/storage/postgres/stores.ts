import { PgApiTokens } from './apiTokens.js'
import { openPostgres } from './database.js'
import pg from 'pg'
import { PgDocumentLock } from './documentLock.js'
import { PgDocumentStore } from './documentStore.js'
import { PgIdentities } from './identities.js'
import { PgNotifications } from './notifications.js'
import { PgServerTasks } from './serverTasks.js'
import { PgSessions } from './sessions.js'
import { PgUsers } from './users.js'

/** Every PostgreSQL store on one pool: what the server builds from `DATABASE_URL`. */
export interface PostgresStores {
  pool: pg.Pool
  users: PgUsers
  sessions: PgSessions
  apiTokens: PgApiTokens
  identities: PgIdentities
  notifications: PgNotifications
  /** Documents, members, the update log, versions, approvals, audit and revisions. */
  documents: PgDocumentStore
  serverTasks: PgServerTasks
  /** Workflow steps of one document one at a time across every instance (advisory lock). */
  documentLock: PgDocumentLock
  /** ['postgresql'] while the database does not answer (health), else []. */
  unavailable(): Promise<string[]>
  /** Ends the pool (after in-flight queries); the stores answer errors afterwards. */
  close(): Promise<void>
}

export interface PostgresStoreOptions {
  /** Idle expiry of browser sessions: pass the app's `sessionIdleMs` (default 12 hours, as app.ts's). */
  sessionIdleMs?: number
  log?: (message: string) => void
}

/** Opens the pool at `databaseUrl`, migrates the schema (SRV-ST9) and builds every store on it. */
export async function openPostgresStores(databaseUrl: string, options: PostgresStoreOptions = {}): Promise<PostgresStores> {
  const pool = await openPostgres(databaseUrl, options.log)
  // The workflow locks' connections, apart: a step holds one while its statements use the pool.
  const lockPool = new pg.Pool({ connectionString: databaseUrl, max: 4, connectionTimeoutMillis: 5_000 })
  lockPool.on('error', (err) => options.log?.(`PostgreSQL lock connection lost: ${err.message}`))
  let closed: Promise<void> | undefined
  return {
    pool,
    users: new PgUsers(pool),
    sessions: new PgSessions(pool, options.sessionIdleMs ?? 12 * 60 * 60 * 1000),
    apiTokens: new PgApiTokens(pool),
    identities: new PgIdentities(pool),
    notifications: new PgNotifications(pool),
    documents: new PgDocumentStore(pool),
    serverTasks: new PgServerTasks(pool),
    documentLock: new PgDocumentLock(lockPool),
    unavailable: () =>
      pool.query('SELECT 1').then(
        () => [],
        () => ['postgresql'],
      ),
    // Once: pg refuses a second end() of a pool.
    close: () => (closed ??= Promise.all([pool.end(), lockPool.end()]).then(() => {})),
  }
}
