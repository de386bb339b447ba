export { openPostgres } from './database.js'
export { PgUpdateLog } from './updateLog.js'
