/**
 * A real nginx in front of the bench's server instances, running the shipped
 * deploy/nginx.conf (tests/scale/cluster.ts rewrites only its upstream ports, listen port,
 * worker count and paths), so S10, S11 and S13 measure the path the city runs: consistent
 * hash of the document id, proxy_buffering off, HTTP/1.1 upgrade.
 */
import { spawn, spawnSync } from 'node:child_process'
import { accessSync, constants, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { freePort } from '../serverProcess.js'
import { NGINX, nginxConfig } from '../scale/cluster.js'

export interface Nginx {
  /** The one address: `ws://127.0.0.1:<port>/sync`. */
  syncUrl: string
  stop(): Promise<void>
}

/** Why nginx cannot run here, or undefined (the layouts behind it are skipped with this). */
export function nginxMissing(): string | undefined {
  try {
    accessSync(NGINX, constants.X_OK)
    return undefined
  } catch {
    return `${NGINX} missing (node scripts/provision.mjs nginx installs it as root)`
  }
}

/** Starts nginx under `dir` (its prefix: logs, temp files, pid) proxying to `ports`, resolved once it answers. */
export async function startNginx(dir: string, ports: number[]): Promise<Nginx> {
  const listen = await freePort()
  for (const sub of ['logs', 'tmp', 'run']) mkdirSync(join(dir, sub), { recursive: true })
  const conf = join(dir, 'nginx.conf')
  const errorLog = join(dir, 'logs/error.log')
  // No access log: a line per request is work the city may not do, and S13's few requests do not need it.
  writeFileSync(conf, nginxConfig(listen, ports).replace(/access_log [^;]+;/, 'access_log off;'))
  const test = spawnSync(NGINX, ['-t', '-p', dir, '-c', conf, '-e', errorLog], { encoding: 'utf8' })
  if (test.status !== 0) throw new Error(`nginx -t failed: ${test.stderr}`)
  const child = spawn(NGINX, ['-p', dir, '-c', conf, '-e', errorLog, '-g', 'daemon off;'], { stdio: 'ignore' })
  const exited = new Promise<void>((r) => child.once('exit', () => r()))
  const deadline = Date.now() + 15_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited (${child.exitCode}): ${readFileSync(errorLog, 'utf8')}`)
    try {
      const res = await fetch(`http://127.0.0.1:${listen}/api/health`)
      await res.arrayBuffer()
      if (res.ok) break
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error('nginx did not answer /api/health in 15 s')
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  return {
    syncUrl: `ws://127.0.0.1:${listen}/sync`,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const killer = setTimeout(() => child.kill('SIGKILL'), 5000)
        child.kill('SIGQUIT')
        await exited
        clearTimeout(killer)
      }
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
