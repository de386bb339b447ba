/**
 * The private PostgreSQL and Redis servers of a scale-out test file (scripts/services.mjs),
 * started once per file. Where they cannot be installed (not root, no apt) the file's tests
 * skip and say why; `pnpm test` installs them (scripts/provision.mjs), so in CI they run.
 */
import { afterAll, beforeAll } from 'vitest'
import { servicesMissing, startServices } from '../../scripts/services.mjs'

export const missing = servicesMissing()
if (missing) console.warn(`tests/scale skipped: ${missing}`)

type Services = Awaited<ReturnType<typeof startServices>>

let counter = 0

/** Starts the servers before the file's tests (unless they cannot run) and stops them after. */
export function useServices(): { get: () => Services; newDatabase: () => string } {
  let services: Services | undefined
  beforeAll(async () => {
    if (!missing) services = await startServices()
  })
  afterAll(async () => {
    await services?.stop()
  })
  const get = () => {
    if (!services) throw new Error('services not started')
    return services
  }
  return {
    get,
    /** A new empty database on the test's PostgreSQL (each test gets its own). */
    newDatabase: () => get().postgres.createDatabase(`t${process.pid}_${++counter}`),
  }
}
