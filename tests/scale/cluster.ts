/**
 * Several real server processes on one Redis and one shared SQLite data dir, behind a real
 * nginx running the shipped deploy/nginx.conf (only its ports and paths replaced). For
 * tests/scale/instances.test.ts and the multi-instance bench scenarios.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { accessSync, constants, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort, startRedis } from '../../scripts/services.mjs'
import { exited, REPO_ROOT, waitFor } from '../server/harness.js'

export const NGINX = '/usr/sbin/nginx'
const REDIS = '/usr/bin/redis-server'

/** Why the cluster cannot run here (the tests skip with it), or undefined. */
export function clusterMissing(): string | undefined {
  const missing = [NGINX, REDIS].filter((f) => {
    try {
      accessSync(f, constants.X_OK)
      return false
    } catch {
      return true
    }
  })
  return missing.length ? `${missing.join(' and ')} missing (node scripts/provision.mjs nginx redis installs them as root)` : undefined
}

/**
 * `node --import tsx apps/server/src/main.ts` (what `pnpm start` runs) on `port`, resolved once
 * its health check answers. Given a minute and a half: on a shared two-core machine a cold
 * start with tsx takes tens of seconds (a start-up limit, not a timing assertion).
 */
async function spawnServer(dataDir: string, port: number, env: Record<string, string>): Promise<{ process: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  child.stdout!.on('data', (d) => (out = (out + d).slice(-20_000)))
  child.stderr!.on('data', (d) => (out = (out + d).slice(-20_000)))
  // An instance that dies on its own (not the harness' kill -9 or stop) says why in the test log:
  // the tests only see refused connections afterwards.
  child.on('exit', (code) => {
    if (code !== null && code !== 0) process.stderr.write(`[cluster] the server on ${port} exited with code ${code}:\n${out.slice(-4_000)}\n`)
  })
  const url = `http://127.0.0.1:${port}`
  await waitFor(
    async () => {
      if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}): ${out}`)
      try {
        return (await fetch(`${url}/api/health`)).ok
      } catch {
        return false
      }
    },
    90_000,
    `the server on ${port}`,
  )
  return { process: child, url, output: () => out }
}

export interface Instance {
  port: number
  url: string
  wsUrl: string
  process: ChildProcess
  output(): string
  /** kill -9: nothing is flushed, no socket is closed cleanly. */
  kill(): Promise<void>
  /** Started again on the same port. */
  restart(): Promise<void>
}

/** deploy/nginx.conf with the instances' ports, its listen port and the test's own prefix. */
export function nginxConfig(listen: number, ports: number[]): string {
  const shipped = readFileSync(join(REPO_ROOT, 'deploy/nginx.conf'), 'utf8')
  const servers = ports.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=10s;`).join('\n')
  const config = shipped
    .replace(/( {4}server 127\.0\.0\.1:\d+ [^\n]*\n)+/, `${servers}\n`)
    .replace(/listen \d+;/, `listen 127.0.0.1:${listen};`)
    .replace('worker_processes auto;', 'worker_processes 1;')
    // Which instance answered: the tests kill the one a document's sockets went to.
    .replace('location / {', 'location / {\n      add_header X-Upstream $upstream_addr always;')
  if (config === shipped || !config.includes(servers)) throw new Error('deploy/nginx.conf no longer has the shape the tests rewrite')
  return config
}

export interface Cluster {
  dataDir: string
  instances: Instance[]
  /** The one address (nginx). */
  url: string
  wsUrl: string
  redis: { url: string; start(): Promise<void>; stop(): Promise<void> }
  close(): Promise<void>
}

/** Starts Redis, `count` instances on `dataDir` (seeded already) and nginx in front of them. */
export async function startCluster(dataDir: string, count: number, env: Record<string, string> = {}): Promise<Cluster> {
  const dir = mkdtempSync(join(tmpdir(), 'perspektiv-cluster-'))
  const redis = await startRedis({ dir: join(dir, 'redis'), port: await freePort() })
  const ports: number[] = []
  for (let i = 0; i < count; i++) ports.push(await freePort())
  const serverEnv = { REDIS_URL: redis.url, TRUST_PROXY: '1', PERSPEKTIV_IDLE_UNLOAD_MS: '600000', ...env }
  const instances: Instance[] = []
  const started = await Promise.all(ports.map((port) => spawnServer(dataDir, port, serverEnv)))
  for (const [i, s] of started.entries()) {
    const port = ports[i]!
    const inst: Instance = {
      port,
      url: s.url,
      wsUrl: `ws://127.0.0.1:${port}/sync`,
      process: s.process,
      output: s.output,
      async kill() {
        inst.process.kill('SIGKILL')
        await exited(inst.process)
      },
      async restart() {
        const again = await spawnServer(dataDir, port, serverEnv)
        inst.process = again.process
        inst.output = again.output
      },
    }
    instances.push(inst)
  }
  const listen = await freePort()
  const prefix = join(dir, 'nginx')
  for (const sub of ['logs', 'tmp', 'run']) mkdirSync(join(prefix, sub), { recursive: true })
  writeFileSync(join(prefix, 'nginx.conf'), nginxConfig(listen, ports))
  const test = spawnSync(NGINX, ['-t', '-p', prefix, '-c', join(prefix, 'nginx.conf'), '-e', join(prefix, 'logs/error.log')], { encoding: 'utf8' })
  if (test.status !== 0) throw new Error(`nginx -t failed: ${test.stderr}`)
  const nginx = spawn(NGINX, ['-p', prefix, '-c', join(prefix, 'nginx.conf'), '-e', join(prefix, 'logs/error.log'), '-g', 'daemon off;'], { stdio: 'ignore' })
  const url = `http://127.0.0.1:${listen}`
  await waitFor(
    async () => {
      if (nginx.exitCode !== null) throw new Error(`nginx exited (${nginx.exitCode}): ${readFileSync(join(prefix, 'logs/error.log'), 'utf8')}`)
      try {
        return (await fetch(`${url}/api/health`)).ok
      } catch {
        return false
      }
    },
    10_000,
    'nginx',
  )
  return {
    dataDir,
    instances,
    url,
    wsUrl: `ws://127.0.0.1:${listen}/sync`,
    redis,
    async close() {
      for (const inst of instances) {
        if (inst.process.exitCode === null && inst.process.signalCode === null) {
          inst.process.kill('SIGTERM')
          await exited(inst.process)
        }
      }
      nginx.kill('SIGQUIT')
      await exited(nginx)
      await redis.stop()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
