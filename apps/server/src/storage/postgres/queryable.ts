import type pg from 'pg'

/**
 * What a table module queries through: the pool (each statement on any free connection) or
 * one checked-out client (the statements of a transaction, see `inTransaction`).
 */
export type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>

/**
 * The asynchronous form of a SQLite store: the same methods and parameters, each answering
 * a promise of what the SQLite method returns (the interface rule agreed for issue 19).
 */
export type Promisified<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never
}

/**
 * Runs `fn` on one client checked out of `pool`, and gives it back. While a client is out of
 * the pool nothing else listens for its `error` event (the pool's idle listener is removed at
 * checkout), and node-postgres emits one when the connection ends unexpectedly — PostgreSQL
 * stopped or restarted, the backend terminated — also between two statements. Unheard, that
 * event is an uncaught exception that ends the whole server for everyone (SRV-SC22). Here it
 * is kept: the statement in flight rejects as usual, and a client that broke is destroyed at
 * release rather than handed to the next caller. `discard` marks a client that must not go
 * back to the pool for a reason of the caller's (a session lock it could not give up).
 */
export async function withClient<T>(pool: pg.Pool, fn: (client: pg.PoolClient, discard: (err: Error) => void) => Promise<T>): Promise<T> {
  const client = await pool.connect()
  let lost: Error | undefined
  const onError = (err: Error): void => {
    lost = err
  }
  client.on('error', onError)
  try {
    return await fn(client, onError)
  } finally {
    client.removeListener('error', onError)
    client.release(lost)
  }
}

/**
 * Runs `fn` on one client between BEGIN and COMMIT; any throw rolls everything back and is
 * rethrown, so a failing step leaves nothing behind (SRV-ST27).
 */
export function inTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  return withClient(pool, async (client) => {
    await client.query('BEGIN')
    try {
      const result = await fn(client)
      await client.query('COMMIT')
      return result
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {})
      throw err
    }
  })
}

/**
 * BIGINT (ids, millisecond times, counts) arrives as a string, so no value above 2^53 is
 * rounded silently; ours are all far below it and are answered as numbers, as SQLite does.
 */
export const num = (value: string | number): number => Number(value)
export const numOrNull = (value: string | number | null): number | null => (value === null ? null : Number(value))

/** PostgreSQL's SQLSTATE for a unique violation. */
export const isUniqueViolation = (err: unknown): boolean => (err as { code?: unknown } | null)?.code === '23505'

/** `Buffer` over a Uint8Array's memory, for a BYTEA parameter. */
export const toBuffer = (data: Uint8Array): Buffer => Buffer.from(data.buffer, data.byteOffset, data.byteLength)
