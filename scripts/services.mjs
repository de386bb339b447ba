// Private PostgreSQL and Redis servers on 127.0.0.1, each with its own data directory and
// port, for the tests that need them (tests/scale, the PostgreSQL storage contract) and for
// trying several instances by hand. Debian's packages (scripts/provision.mjs installs them)
// are used as programs only: the system's own clusters and services are never touched.
//
//   node scripts/services.mjs [dir]   starts both in the foreground (PostgreSQL on 55432,
//                                     Redis on 56379; PG_PORT / REDIS_PORT override) and
//                                     prints DATABASE_URL and REDIS_URL; Ctrl-C stops them.
import { spawn, spawnSync } from 'node:child_process'
import { accessSync, chownSync, constants, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { createConnection, createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { postgresBinDir } from './provision.mjs'

const REDIS = '/usr/bin/redis-server'

function executable(file) {
  try {
    accessSync(file, constants.X_OK)
    return true
  } catch {
    return false
  }
}

/** Why the services cannot run here, or undefined when they can (the tests skip with this). */
export function servicesMissing() {
  const missing = [`${postgresBinDir()}/postgres`, REDIS].filter((f) => !executable(f))
  return missing.length ? `${missing.join(' and ')} missing (node scripts/provision.mjs postgresql redis installs them as root)` : undefined
}

/** A port nobody listens on now (the OS picks it). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address())
      server.close(() => resolve(port))
    })
  })
}

function waitForPort(port, what, child, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs
  return new Promise((resolve, reject) => {
    const attempt = () => {
      if (child.exitCode !== null) return reject(new Error(`${what} exited (${child.exitCode}) before listening on ${port}`))
      const socket = createConnection({ port, host: '127.0.0.1' })
      socket.once('connect', () => {
        socket.destroy()
        resolve()
      })
      socket.once('error', () => {
        socket.destroy()
        if (Date.now() > deadline) reject(new Error(`${what} did not listen on ${port} within ${timeoutMs} ms`))
        else setTimeout(attempt, 100)
      })
    }
    attempt()
  })
}

// PostgreSQL refuses to run as root: as root, the cluster belongs to Debian's `postgres` user
// (the programs run with its uid directly, so signals reach postgres itself).
const asRoot = process.getuid?.() === 0
const owner = () => (asRoot ? (([uid, gid]) => ({ uid, gid }))(pgOwner()) : {})

function stopper(child) {
  return (signal = 'SIGTERM') =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve()
      child.once('exit', () => resolve())
      child.kill(signal)
    })
}

/**
 * A PostgreSQL server of its own: `initdb` into `dir` (trust auth for 127.0.0.1, user
 * `perspektiv`) unless it already holds a cluster, then `postgres` on `port`. `stop()`
 * shuts it down (fast: SIGINT); `start()` brings the same cluster back.
 * @param {{ dir: string, port: number }} options
 */
export async function startPostgres({ dir, port }) {
  const bin = postgresBinDir()
  mkdirSync(dir, { recursive: true })
  if (asRoot) chownSync(dir, ...pgOwner())
  if (!existsSync(join(dir, 'PG_VERSION'))) {
    const args = ['-D', dir, '-U', 'perspektiv', '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8']
    const r = spawnSync(join(bin, 'initdb'), args, { encoding: 'utf8', cwd: dir, ...owner() })
    if (r.status !== 0) throw new Error(`initdb failed (${r.error?.message ?? `exit ${r.status}`}): ${r.stderr}`)
  }
  let child
  const start = async () => {
    const args = ['-D', dir, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'shared_buffers=32MB']
    child = spawn(join(bin, 'postgres'), args, { stdio: ['ignore', 'ignore', 'pipe'], cwd: dir, ...owner() })
    let log = ''
    child.stderr.on('data', (d) => {
      log = (log + d).slice(-4000)
    })
    try {
      await waitForPort(port, 'postgres', child)
      await waitReady(bin, port)
    } catch (err) {
      throw new Error(`${err.message}\n${log}`)
    }
  }
  await start()
  return {
    url: `postgres://perspektiv@127.0.0.1:${port}/postgres`,
    /** A URL for a database of this server (created with createDatabase). */
    urlOf: (database) => `postgres://perspektiv@127.0.0.1:${port}/${database}`,
    createDatabase(name) {
      const r = spawnSync(join(bin, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'perspektiv', name], { encoding: 'utf8' })
      if (r.status !== 0) throw new Error(`createdb ${name} failed: ${r.stderr}`)
      return `postgres://perspektiv@127.0.0.1:${port}/${name}`
    },
    start,
    stop: (signal = 'SIGINT') => stopper(child)(signal),
  }
}

function pgOwner() {
  const uid = Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim())
  const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim())
  if (!Number.isInteger(uid) || !Number.isInteger(gid)) throw new Error('no postgres user (Debian’s postgresql package creates it)')
  return [uid, gid]
}

async function waitReady(bin, port) {
  for (let i = 0; i < 100; i++) {
    if (spawnSync(join(bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port), '-q']).status === 0) return
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`postgres on ${port} not ready`)
}

/**
 * A Redis server of its own on `port`, keeping nothing on disk (Redis holds no data that
 * PostgreSQL does not). `stop()` ends it; `start()` starts it again, empty.
 * @param {{ dir: string, port: number }} options
 */
export async function startRedis({ dir, port }) {
  mkdirSync(dir, { recursive: true })
  let child
  const start = async () => {
    child = spawn(REDIS, ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no'], { stdio: 'ignore' })
    await waitForPort(port, 'redis-server', child)
  }
  await start()
  return { url: `redis://127.0.0.1:${port}`, start, stop: (signal = 'SIGTERM') => stopper(child)(signal) }
}

/** Both servers in a fresh directory under the system's temp dir; `stop()` removes it. */
export async function startServices({ pgPort, redisPort } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'perspektiv-services-'))
  if (asRoot) chownSync(dir, ...pgOwner())
  const postgres = await startPostgres({ dir: join(dir, 'pg'), port: pgPort ?? (await freePort()) })
  const redis = await startRedis({ dir: join(dir, 'redis'), port: redisPort ?? (await freePort()) })
  return {
    postgres,
    redis,
    async stop() {
      await Promise.all([postgres.stop(), redis.stop()])
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const missing = servicesMissing()
  if (missing) {
    console.error(missing)
    process.exit(1)
  }
  const services = await startServices({ pgPort: Number(process.env.PG_PORT || 55432), redisPort: Number(process.env.REDIS_PORT || 56379) })
  console.log(`DATABASE_URL=${services.postgres.url}\nREDIS_URL=${services.redis.url}`)
  const stop = () => services.stop().then(() => process.exit(0))
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}
