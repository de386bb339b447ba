import pg from 'pg'
import { migratePostgres } from './migrations.js'

/**
 * A connection pool to the PostgreSQL database at `url` with its schema up to date.
 * The pool's idle-client errors (the server restarted, the network dropped) are logged,
 * not thrown: a failed query answers its caller, and the pool reconnects on the next.
 */
export async function openPostgres(url: string, log: (message: string) => void = (m) => process.stderr.write(`[perspektiv] ${m}\n`)): Promise<pg.Pool> {
  const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 5_000 })
  pool.on('error', (err) => log(`PostgreSQL connection lost: ${err.message}`))
  try {
    await migratePostgres(pool)
  } catch (err) {
    await pool.end().catch(() => {})
    throw err
  }
  return pool
}
