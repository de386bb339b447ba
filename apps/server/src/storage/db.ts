import Database from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { checkpointInBackground } from './checkpointer.js'
import { migrate } from './migrations.js'

export const DATABASE_FILE = 'perspektiv.sqlite'

export type Db = Database.Database

/**
 * Compiles each SQL text once and reuses the statement: preparing costs more than running
 * the small queries the stores make (several per sync connection, one per summary).
 * Only for fixed SQL texts, so the cache stays as small as the code.
 */
export function statementCache(db: Db): (sql: string) => Database.Statement {
  const cache = new Map<string, Database.Statement>()
  return (sql) => {
    let statement = cache.get(sql)
    if (!statement) {
      statement = db.prepare(sql)
      cache.set(sql, statement)
    }
    return statement
  }
}

/** `DATA_DIR` from the environment, else `./data` (relative to the working directory). */
export function dataDirFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.DATA_DIR && env.DATA_DIR.trim() !== '' ? env.DATA_DIR : './data')
}

/**
 * Opens (creating if needed) the SQLite database in `dataDir` and brings its schema up to date.
 *
 * WAL with `synchronous = NORMAL`: a committed transaction is in the WAL file before
 * `commit` returns, so it survives a crash of this process (our promise: what a peer has
 * seen is stored). Only a power loss / OS crash can lose the last transactions; FULL would
 * add an fsync per commit for that case, which group commits would amortise but we don't need.
 * Checkpoints run on a worker thread (see checkpointer.ts), not inside a commit.
 */
export function openDatabase(dataDir: string): Db {
  mkdirSync(dataDir, { recursive: true })
  const db = new Database(join(dataDir, DATABASE_FILE))
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 5000')
  migrate(db)
  const stopCheckpoints = checkpointInBackground(db, (message) => process.stderr.write(`[perspektiv] ${message}\n`))
  const close = db.close.bind(db)
  // Stopped with the connection, so a closed database leaves no thread behind.
  db.close = () => {
    stopCheckpoints()
    return close()
  }
  return db
}
