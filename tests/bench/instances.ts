import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startRedis } from '../../scripts/services.mjs'
import { prepareOurs } from './ours.js'
import { freePort } from '../serverProcess.js'
import { ServerProcess } from './servers.js'

/** Where S10 and S11 run: `count` instances of our server on one Redis and one data dir. */
export interface Instances {
  servers: ServerProcess[]
  endpoint: { protocol: 'y-websocket'; serverUrl: string; serverUrls: string[]; token?: string; rooms: string[] }
  /** CPU time of every instance so far, in ms. */
  cpuMs(): number
}

/**
 * Starts Redis and `count` instances of our server sharing one SQLite data dir (REDIS_URL
 * set, as deploy/README.md runs them), prepares `docs` documents, runs `fn`, stops it all.
 * The clients are given every instance's URL and alternate between them, so each document
 * has clients on every instance: the worst case for the relay (nginx's hash would put a
 * document's sockets on one instance when it can).
 */
export async function withInstances<T>(count: number, docs: number, fn: (instances: Instances) => Promise<T>, keep = false): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'perspektiv-bench-redis-'))
  const redis = await startRedis({ dir, port: await freePort() })
  const first = await ServerProcess.create('ours', { persist: true })
  const servers = [first]
  for (let i = 1; i < count; i++) servers.push(new ServerProcess('ours', await freePort(), first.dataDir, true))
  try {
    for (const s of servers) s.extraEnv = { REDIS_URL: redis.url }
    await first.start()
    const prepared = await prepareOurs(first, docs)
    for (const s of servers.slice(1)) await s.start()
    return await fn({
      servers,
      endpoint: {
        protocol: 'y-websocket',
        serverUrl: first.syncUrl,
        serverUrls: servers.map((s) => s.syncUrl),
        ...(prepared.token ? { token: prepared.token } : {}),
        rooms: prepared.rooms,
      },
      cpuMs: () => servers.reduce((n, s) => n + s.cpuMs(), 0),
    })
  } finally {
    for (const s of servers) await s.stop().catch(() => {})
    await redis.stop()
    rmSync(dir, { recursive: true, force: true })
    if (!keep) rmSync(first.dataDir, { recursive: true, force: true })
  }
}
