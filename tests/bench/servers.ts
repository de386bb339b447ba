import { spawn, type ChildProcess } from 'node:child_process'
import { createWriteStream, mkdtempSync, readFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { freePort } from '../serverProcess.js'
import WebSocket from 'ws'

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
export const BENCH_DIR = join(REPO, 'tests/bench')

export type ServerName = 'ours' | 'y-websocket-server' | 'hocuspocus'
export const SERVER_NAMES: ServerName[] = ['ours', 'y-websocket-server', 'hocuspocus']
export const SERVER_TITLES: Record<ServerName, string> = {
  ours: 'Perspektiv',
  'y-websocket-server': '@y/websocket-server 0.1.1',
  hocuspocus: 'Hocuspocus 4',
}

/** Our server's entry and the env it reads (apps/server/src/main.ts). */
export const OURS_ENTRY = process.env.BENCH_OURS_ENTRY ?? join(REPO, 'apps/server/src/main.ts')
/** Short idle-unload grace for S3 (documents must leave memory soon after the last client). */
export const OURS_IDLE_UNLOAD_MS = 1000
export const OURS_IDLE_ENV = 'PERSPEKTIV_IDLE_UNLOAD_MS'

/** CPU time all processes on the machine have used so far (all cores), in ms, from /proc/stat. */
export function machineBusyMs(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!
  // cpu user nice system idle iowait irq softirq steal …
  const f = line.trim().split(/\s+/).slice(1).map(Number)
  const busy = f[0]! + f[1]! + f[2]! + f[5]! + f[6]! + f[7]!
  return (busy * 1000) / 100
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** A server under test: a real child process on its own port and data dir. */
export class ServerProcess {
  child: ChildProcess | null = null
  readonly logFile: string
  private exited: Promise<void> = Promise.resolve()

  constructor(
    readonly name: ServerName,
    readonly port: number,
    /** Ours: DATA_DIR. Peers: BENCH_PERSIST_DIR when `persist`. */
    readonly dataDir: string,
    readonly persist: boolean,
  ) {
    this.logFile = join(dataDir, `${name}.log`)
  }

  /** Inspector port when started with `inspect` (S3 forces a GC before reading memory). */
  inspectPort: number | null = null
  /** Ours: keep the per-user work budget and byte window of production (S8 measures them). */
  userLimits = false
  /** More environment for the process (S10, S11: REDIS_URL). */
  extraEnv: Record<string, string> = {}

  static async create(name: ServerName, opts: { persist?: boolean; inspect?: boolean; userLimits?: boolean } = {}): Promise<ServerProcess> {
    const dir = mkdtempSync(join(tmpdir(), `perspektiv-bench-${name}-`))
    const server = new ServerProcess(name, await freePort(), dir, opts.persist ?? name === 'ours')
    if (opts.inspect) server.inspectPort = await freePort()
    server.userLimits = opts.userLimits ?? false
    return server
  }

  get httpUrl(): string {
    return `http://127.0.0.1:${this.port}`
  }

  /** For y-websocket protocol clients: the URL the room name is appended to. */
  get syncUrl(): string {
    return this.name === 'ours' ? `ws://127.0.0.1:${this.port}/sync` : `ws://127.0.0.1:${this.port}`
  }

  get pid(): number {
    if (!this.child?.pid) throw new Error(`${this.name} is not running`)
    return this.child.pid
  }

  async start(): Promise<void> {
    const env: NodeJS.ProcessEnv = { ...process.env, ...this.extraEnv, PORT: String(this.port), NODE_ENV: 'production' }
    let args: string[]
    if (this.name === 'ours') {
      if (!existsSync(OURS_ENTRY)) throw new Error(`our server is not there yet (${OURS_ENTRY})`)
      env.DATA_DIR = join(this.dataDir, 'data')
      env[OURS_IDLE_ENV] = String(OURS_IDLE_UNLOAD_MS)
      // All bench clients sign in as one user; the per-user socket limit (50) is for people.
      env.PERSPEKTIV_MAX_CONNECTIONS_PER_USER = '100000'
      // …and so are the per-user work budget and byte window (SRV-S13/S14): 2,000 clients are not one person.
      if (!this.userLimits) {
        env.PERSPEKTIV_SYNC_WORK_MS_PER_SECOND = '1000000'
        env.PERSPEKTIV_SYNC_WORK_BURST_MS = '1000000'
        env.PERSPEKTIV_USER_BYTES_PER_SECOND = String(1 << 30)
        env.PERSPEKTIV_USER_BURST_BYTES = String(1 << 30)
      }
      args = ['--import', 'tsx', OURS_ENTRY]
    } else {
      if (this.persist) env.BENCH_PERSIST_DIR = join(this.dataDir, 'store')
      args = ['--import', 'tsx', join(BENCH_DIR, 'peers', `${this.name}.ts`)]
    }
    if (this.inspectPort) args.unshift(`--inspect=127.0.0.1:${this.inspectPort}`)
    if (process.env.BENCH_CPU_PROF && this.name === 'ours') args.unshift('--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`)
    const log = createWriteStream(this.logFile, { flags: 'a' })
    const child = spawn(process.execPath, args, { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'] })
    child.stdout!.pipe(log)
    child.stderr!.pipe(log)
    this.child = child
    this.exited = new Promise((r) => child.once('exit', () => r()))
    const deadline = Date.now() + 60_000
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`${this.name} exited with ${child.exitCode}:\n${this.tail()}`)
      try {
        const res = await fetch(this.name === 'ours' ? `${this.httpUrl}/api/health` : this.httpUrl)
        await res.arrayBuffer()
        if (res.ok) return
      } catch {
        // not listening yet
      }
      await sleep(100)
    }
    await this.stop()
    throw new Error(`${this.name} did not become ready in 60 s:\n${this.tail()}`)
  }

  /** SIGTERM (servers flush their stores), SIGKILL after 10 s. */
  async stop(): Promise<void> {
    const child = this.child
    if (!child || child.exitCode !== null || child.signalCode !== null) return
    child.kill('SIGTERM')
    const killer = setTimeout(() => child.kill('SIGKILL'), 10_000)
    await this.exited
    clearTimeout(killer)
    this.child = null
  }

  /** SIGKILL: no flush, no goodbye (S7 crash recovery). */
  async kill(): Promise<void> {
    const child = this.child
    if (!child || child.exitCode !== null || child.signalCode !== null) return
    child.kill('SIGKILL')
    await this.exited
    this.child = null
  }

  async restart(): Promise<void> {
    await this.stop()
    await this.start()
  }

  /** Resident set size of the server process, from /proc. */
  rssBytes(): number {
    const status = readFileSync(`/proc/${this.pid}/status`, 'utf8')
    const kb = /VmRSS:\s+(\d+) kB/.exec(status)
    if (!kb) throw new Error('no VmRSS')
    return Number(kb[1]) * 1024
  }

  /** CPU time (user + system) of the server process so far, in ms. */
  cpuMs(): number {
    const stat = readFileSync(`/proc/${this.pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    const ticks = Number(fields[11]) + Number(fields[12])
    return (ticks * 1000) / 100 // USER_HZ is 100 on Linux
  }

  /**
   * Forces a full GC in the server through the inspector (Chrome DevTools protocol) and
   * returns the V8 heap in use afterwards, so memory readings are not garbage-dependent.
   */
  async collectGarbage(): Promise<{ heapUsedBytes: number; arrayBufferBytes: number }> {
    if (!this.inspectPort) throw new Error('started without inspect')
    const list = (await (await fetch(`http://127.0.0.1:${this.inspectPort}/json/list`)).json()) as Array<{ webSocketDebuggerUrl: string }>
    const ws = new WebSocket(list[0]!.webSocketDebuggerUrl)
    await new Promise((ok, fail) => {
      ws.once('open', ok)
      ws.once('error', fail)
    })
    let id = 0
    const call = (method: string, params?: Record<string, unknown>) =>
      new Promise<Record<string, number>>((ok, fail) => {
        const my = ++id
        const onMessage = (data: Buffer) => {
          const m = JSON.parse(data.toString()) as { id?: number; result?: Record<string, number>; error?: { message: string } }
          if (m.id !== my) return
          ws.off('message', onMessage)
          if (m.error) fail(new Error(`${method}: ${m.error.message}`))
          else ok(m.result ?? {})
        }
        ws.on('message', onMessage)
        ws.send(JSON.stringify({ id: my, method, params }))
      })
    try {
      // Twice: the first pass can leave weakly held and finalizer-reachable objects.
      await call('HeapProfiler.collectGarbage')
      await call('HeapProfiler.collectGarbage')
      const usage = await call('Runtime.getHeapUsage')
      // ArrayBuffer contents (e.g. update bytes) live outside the V8 heap.
      const evaluated = (await call('Runtime.evaluate', { expression: 'process.memoryUsage().arrayBuffers', returnByValue: true })) as unknown as {
        result: { value: number }
      }
      return { heapUsedBytes: usage.usedSize!, arrayBufferBytes: evaluated.result.value }
    } finally {
      ws.close()
    }
  }

  tail(lines = 30): string {
    try {
      return readFileSync(this.logFile, 'utf8').split('\n').slice(-lines).join('\n')
    } catch {
      return ''
    }
  }
}
