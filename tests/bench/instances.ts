import { readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { servicesMissing, startServices } from '../../scripts/services.mjs'
import { prepareOurs } from './ours.js'
import { freePort } from '../serverProcess.js'
import { ServerProcess } from './servers.js'
import { nginxMissing, startNginx, type Nginx } from './nginx.js'

/**
 * Where S10, S11 and S13 run: `instances` processes of our server on one store, reached
 * through nginx (deploy/nginx.conf: a document's sockets all go to one instance), or with
 * the clients alternating between the instances' own ports ("spread": every document has
 * clients on every instance, so every edit crosses Redis — the worst case), or straight
 * to the one instance.
 */
export interface Layout {
  store: 'sqlite' | 'postgres'
  instances: number
  route: 'nginx' | 'spread' | 'direct'
}

/** The layout's key in a scenario's results (and what `--layouts` selects): `pg-2-nginx`, `sqlite-1-direct`. */
export function layoutKey(l: Layout): string {
  return `${l.store === 'postgres' ? 'pg' : 'sqlite'}-${l.instances}-${l.route}`
}

/** The layout as the report's table says it. */
export function layoutTitle(l: Layout): string {
  const store = l.store === 'postgres' ? 'PostgreSQL' : 'SQLite'
  const redis = l.instances > 1 || l.store === 'postgres' ? ' + Redis' : ''
  const route = l.route === 'nginx' ? 'via nginx' : l.route === 'spread' ? 'clients alternate instances' : 'direct'
  return `${l.instances} inst. ${store}${redis}, ${route}`
}

export interface Instances {
  servers: ServerProcess[]
  endpoint: { protocol: 'y-websocket'; serverUrl: string; serverUrls?: string[]; token?: string; rooms: string[] }
  /** CPU time of every instance so far, in ms. */
  cpuMs(): number
  /** Established sockets on each instance's port now (clients, or nginx's upstream connections). */
  socketsPerInstance(): number[]
}

/** Why the layout cannot run on this machine, or undefined. */
export function layoutMissing(l: Layout): string | undefined {
  const redisOrPg = l.store === 'postgres' || l.instances > 1 ? servicesMissing() : undefined
  return redisOrPg ?? (l.route === 'nginx' ? nginxMissing() : undefined)
}

type Services = Awaited<ReturnType<typeof startServices>>

/**
 * One private PostgreSQL and Redis (scripts/services.mjs) for all layouts of a scenario:
 * "the same PostgreSQL" for one and two instances. Each layout gets a fresh database and
 * an emptied Redis. Started only when a layout needs them.
 */
export async function withServices<T>(layouts: Layout[], fn: (services: Services | null) => Promise<T>): Promise<T> {
  const needed = layouts.some((l) => (l.store === 'postgres' || l.instances > 1) && !layoutMissing(l))
  const services = needed ? await startServices() : null
  try {
    return await fn(services)
  } finally {
    await services?.stop()
  }
}

let databases = 0

/** Established TCP connections whose local port is `port` (from /proc/net/tcp and tcp6). */
function establishedOn(port: number): number {
  const hex = `:${port.toString(16).toUpperCase().padStart(4, '0')}`
  let n = 0
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = ''
    try {
      text = readFileSync(file, 'utf8')
    } catch {
      continue
    }
    for (const line of text.split('\n').slice(1)) {
      const f = line.trim().split(/\s+/)
      if (f[1]?.endsWith(hex) && f[3] === '01') n++
    }
  }
  return n
}

/**
 * Starts `layout` (PostgreSQL: `DATABASE_URL` of a fresh database; Redis: `REDIS_URL` when
 * PostgreSQL or more than one instance, as deploy/README.md runs them; SQLite: one shared
 * data dir), prepares `docs` documents on the first instance, runs `fn`, stops it all.
 */
export async function withLayout<T>(
  layout: Layout,
  services: Services | null,
  docs: number,
  fn: (instances: Instances) => Promise<T>,
  keep = false,
): Promise<T> {
  const first = await ServerProcess.create('ours', { persist: true })
  const servers = [first]
  for (let i = 1; i < layout.instances; i++) servers.push(new ServerProcess('ours', await freePort(), first.dataDir, true))
  const env: Record<string, string> = {}
  if (layout.store === 'postgres' || layout.instances > 1) {
    if (!services) throw new Error(`${layoutKey(layout)} needs PostgreSQL/Redis: ${servicesMissing()}`)
    env.REDIS_URL = services.redis.url
    if (layout.store === 'postgres') env.DATABASE_URL = services.postgres.createDatabase(`bench_${process.pid}_${++databases}`)
  }
  let nginx: Nginx | null = null
  try {
    for (const s of servers) s.extraEnv = { ...env }
    // The first instance migrates the schema; the others start on it.
    await first.start()
    const prepared = await prepareOurs(first, docs)
    for (const s of servers.slice(1)) await s.start()
    if (layout.route === 'nginx' && !nginxMissing())
      nginx = await startNginx(
        join(first.dataDir, 'nginx'),
        servers.map((s) => s.port),
      )
    const serverUrl = nginx ? nginx.syncUrl : first.syncUrl
    return await fn({
      servers,
      endpoint: {
        protocol: 'y-websocket',
        serverUrl,
        ...(layout.route === 'spread' ? { serverUrls: servers.map((s) => s.syncUrl) } : {}),
        ...(prepared.token ? { token: prepared.token } : {}),
        rooms: prepared.rooms,
      },
      cpuMs: () => servers.reduce((n, s) => n + s.cpuMs(), 0),
      socketsPerInstance: () => servers.map((s) => establishedOn(s.port)),
    })
  } finally {
    await nginx?.stop()
    for (const s of servers) await s.stop().catch(() => {})
    // Redis keeps the streams of the layout's documents; the next layout starts on an empty one.
    if (services) await services.redis.stop().then(() => services.redis.start())
    if (!keep) rmSync(first.dataDir, { recursive: true, force: true })
  }
}

/**
 * Runs `measure` on each layout in turn, on one PostgreSQL and Redis: results keyed by
 * layoutKey (a failed layout as `{ error }`), and the layouts this machine cannot run
 * (no PostgreSQL, Redis or nginx) with the reason, so a report says what it left out.
 */
export async function onLayouts<T>(
  id: string,
  layouts: Layout[],
  docs: number,
  measure: (instances: Instances, layout: Layout) => Promise<T>,
  keep = false,
): Promise<{ results: Record<string, T | { error: string }>; skipped: Record<string, string> }> {
  const results: Record<string, T | { error: string }> = {}
  const skipped: Record<string, string> = {}
  const runnable = layouts.filter((l) => {
    const why = layoutMissing(l)
    if (why) skipped[layoutKey(l)] = why
    return !why
  })
  await withServices(runnable, async (services) => {
    for (const layout of runnable) {
      console.error(`[bench] ${id}: ${layoutTitle(layout)}`)
      results[layoutKey(layout)] = await withLayout(layout, services, docs, (i) => measure(i, layout), keep).catch((e: Error) => {
        console.error(`[bench] ${id} ${layoutKey(layout)}: ${e.message}`)
        return { error: e.message }
      })
    }
  })
  return { results, skipped }
}
