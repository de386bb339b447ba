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
 * Runs `fn` on one client between BEGIN and COMMIT; any throw rolls everything back and is
 * rethrown, so a failing step leaves nothing behind (SRV-ST27).
 */
export async function inTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect()
  try {
    await client.query('BEGIN')
    try {
      const result = await fn(client)
      await client.query('COMMIT')
      return result
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {})
      throw err
    }
  } finally {
    client.release()
  }
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
