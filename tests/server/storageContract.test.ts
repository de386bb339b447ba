/**
 * The storage contract (storageContract.ts) against SQLite: the stores of one database file,
 * each method answering through a promise as the PostgreSQL stores do.
 */
import {
  ApiTokenStore,
  IdentityStore,
  NotificationStore,
  openDatabase,
  SessionStore,
  SqliteDocumentStore,
  SqliteServerTasks,
  UserStore,
  type Promisified,
} from '@perspektiv/server'
import { tempDataDir } from './harness.js'
import { SESSION_IDLE_MS, storageContract, type StorageFixture } from './storageContract.js'

/**
 * The store with every method answering a promise, settled on a later turn: a synchronous
 * throw becomes a rejection, as from an asynchronous backend. (Once the SQLite stores are
 * asynchronous themselves this wraps them unchanged.)
 */
function asAsync<T extends object>(store: T): Promisified<T> {
  return new Proxy(store, {
    get(target, key) {
      const value = Reflect.get(target, key, target)
      if (typeof value !== 'function') return value
      return (...args: unknown[]) => Promise.resolve().then(() => value.apply(target, args))
    },
  }) as unknown as Promisified<T>
}

storageContract('SQLite', (): StorageFixture => {
  const data = tempDataDir()
  const db = openDatabase(data.dir)
  return {
    stores: {
      users: asAsync(new UserStore(db)),
      sessions: asAsync(new SessionStore(db, SESSION_IDLE_MS)),
      apiTokens: asAsync(new ApiTokenStore(db)),
      identities: asAsync(new IdentityStore(db)),
      notifications: asAsync(new NotificationStore(db)),
      documents: asAsync(new SqliteDocumentStore(db)),
      serverTasks: asAsync(new SqliteServerTasks(db)),
    },
    close() {
      db.close()
      data.remove()
    },
  }
})
