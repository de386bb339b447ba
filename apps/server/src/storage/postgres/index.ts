/**
 * PostgreSQL storage (issue 19): every table SQLite holds, the same method names and
 * parameters as the SQLite stores, each answering a promise of the same result.
 *
 * For the server (H3 wires main.ts):
 *   const pg = await openPostgresStores(process.env.DATABASE_URL, { sessionIdleMs })
 *   pg.users, pg.sessions, pg.apiTokens, pg.identities, pg.notifications, pg.serverTasks
 *   pg.documents   // PgDocumentStore: documents + members, update log, versions,
 *                  // approvals, audit, revisions; createDocument/startRevision atomic
 *   await pg.close()
 * `openPostgres(url)` alone gives the migrated pool (the update-log tests and bench use it).
 * Behaviour equal to SQLite's is what tests/server/storageContract.ts checks on both
 * (SRV-ST16…ST30, apps/server/SPEC.md).
 */
export { openPostgres } from './database.js'
export { PgUpdateLog } from './updateLog.js'
export { PgApiTokens } from './apiTokens.js'
export { PgApprovals } from './approvals.js'
export { PgAudit } from './audit.js'
export { PgDocuments } from './documents.js'
export { PgDocumentStore } from './documentStore.js'
export { PgIdentities } from './identities.js'
export { PgNotifications } from './notifications.js'
export { PgRevisions } from './revisions.js'
export { PgServerTasks } from './serverTasks.js'
export { PgSessions } from './sessions.js'
export { PgUsers } from './users.js'
export { PgVersions } from './versions.js'
export { inTransaction, type Promisified, type Queryable } from './queryable.js'
export { openPostgresStores, type PostgresStoreOptions, type PostgresStores } from './stores.js'
