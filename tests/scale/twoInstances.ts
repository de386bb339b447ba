/**
 * Two server instances in this test process (`startServer`, what `pnpm start` runs, each
 * with its own pools, Redis connections and memory) on one PostgreSQL database and one
 * Redis: the cross-instance rules of the workflow, sign-in and reminders (SRV-SC15…SC17),
 * faster to start than processes and with the same sharing between them.
 */
import { join } from 'node:path'
import { openPostgresStores, startServer, type PostgresStores, type StartOptions } from '@perspektiv/server'
import { PASSWORD, signIn, tempDataDir } from '../server/harness.js'
import type { useServices } from './services.js'

/** The advisory-lock class of workflow steps (apps/server/src/storage/postgres/documentLock.ts). */
export const WORKFLOW_LOCK_CLASS = 7_419_003

export interface TwoInstances {
  urls: [string, string]
  /** The database as a third party sees it (the test's own pools). */
  db: PostgresStores
  /** Bearer tokens by username (signed in on the first instance). */
  tokens: Record<string, string>
  close(): Promise<void>
}

export async function startTwoInstances(services: ReturnType<typeof useServices>, usernames: string[], options: StartOptions = {}): Promise<TwoInstances> {
  const databaseUrl = services.newDatabase()
  const redisUrl = services.get().redis.url
  const data = tempDataDir()
  const db = await openPostgresStores(databaseUrl)
  for (const u of usernames) await db.users.add({ username: u, name: u[0]!.toUpperCase() + u.slice(1), title: 'Testare', password: PASSWORD })
  const start = () => startServer({ port: 0, host: '127.0.0.1', dataDir: data.dir, webDist: join(data.dir, 'no-web'), databaseUrl, redisUrl, ...options })
  // One after the other: the first migrates the new database.
  const one = await start()
  const two = await start()
  const urls: [string, string] = [`http://127.0.0.1:${one.port}`, `http://127.0.0.1:${two.port}`]
  const tokens: Record<string, string> = {}
  for (const u of usernames) tokens[u] = await signIn(urls[0], u)
  return {
    urls,
    db,
    tokens,
    async close() {
      await Promise.all([one.close(), two.close()])
      await db.close()
      data.remove()
    },
  }
}

/** How many workflow steps wait for the document lock now, on any instance (PostgreSQL's lock table). */
export async function waitingSteps(db: PostgresStores): Promise<number> {
  const { rows } = await db.pool.query<{ n: string }>("SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND classid = $1", [
    WORKFLOW_LOCK_CLASS,
  ])
  return Number(rows[0]!.n)
}
