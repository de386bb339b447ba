export { openDatabase, dataDirFromEnv, DATABASE_FILE, type Db } from './db.js'
export { UserStore, UserExistsError, toPublicUser, type UserRecord } from './users.js'
export { SessionStore } from './sessions.js'
export {
  SqliteDocumentStore,
  type DocumentStore,
  type DocumentRecord,
  type RoomName,
  type VersionKind,
  type VersionRecord,
  type AuditRecord,
} from './documentStore.js'
