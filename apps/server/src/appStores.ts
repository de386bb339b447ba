import type { Services } from './services.js'
import { ApiTokenStore } from './storage/apiTokens.js'
import type { Awaitable } from './storage/awaitable.js'
import type { Db } from './storage/db.js'
import { LocalDocumentLock } from './storage/documentLock.js'
import { SqliteDocumentStore, type DocumentStore } from './storage/documentStore.js'
import { IdentityStore } from './storage/identities.js'
import { NotificationStore } from './storage/notifications.js'
import type { PostgresStores } from './storage/postgres/index.js'
import { SqliteServerTasks, type ServerTaskTable } from './storage/serverTasks.js'
import { SessionStore } from './storage/sessions.js'
import { UserStore } from './storage/users.js'

/** The stores the app is built on, from SQLite or PostgreSQL, and how to tell the database is down. */
export type AppStores = Pick<Services, 'users' | 'sessions' | 'store' | 'notifications' | 'identities' | 'apiTokens' | 'documentLock'> & {
  serverTasks: Awaitable<ServerTaskTable>
  /** Database dependencies that do not answer now (for `/api/health`). */
  unavailable(): Promise<string[]>
}

/**
 * SQLite in the data folder (the default), or PostgreSQL when `DATABASE_URL` is set (issue
 * 19). `shared`: several instances on one SQLite file (compaction merges what others stored).
 */
export function appStores(
  source: { db?: Db; postgres?: PostgresStores; store?: DocumentStore },
  options: { sessionIdleMs: number; shared: boolean },
): AppStores {
  const { postgres, db } = source
  if (postgres) {
    return {
      users: postgres.users,
      sessions: postgres.sessions,
      store: source.store ?? postgres.documents,
      notifications: postgres.notifications,
      identities: postgres.identities,
      apiTokens: postgres.apiTokens,
      serverTasks: postgres.serverTasks,
      documentLock: postgres.documentLock,
      unavailable: () => postgres.unavailable(),
    }
  }
  if (!db) throw new Error('createApp needs a SQLite database (db) or PostgreSQL stores (postgres)')
  return {
    users: new UserStore(db),
    sessions: new SessionStore(db, options.sessionIdleMs),
    store: source.store ?? new SqliteDocumentStore(db, { shared: options.shared }),
    notifications: new NotificationStore(db),
    identities: new IdentityStore(db),
    apiTokens: new ApiTokenStore(db),
    serverTasks: new SqliteServerTasks(db),
    // One process writes a SQLite file's workflow rows at a time per document; instances
    // sharing one file (tests/scale) serialise per instance only.
    documentLock: new LocalDocumentLock(),
    unavailable: async () => [],
  }
}
