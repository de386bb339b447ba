/** What every scenario of `pnpm bench` uses: child processes, a server around a run, and the table's cells. */
import { spawn } from 'node:child_process'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { BENCH_DIR, REPO, SERVER_NAMES, ServerProcess, type ServerName } from './servers.js'
import { prepareOurs, preparePeer } from './ours.js'
import type { Row, ScenarioResult } from './report.js'
import { keep, servers } from './options.js'

/** One scenario: its id (what --only selects) and how it runs. */
export interface BenchScenario {
  id: string
  /** Ours only (the peers lack what it measures): skipped when --servers leaves ours out. */
  oursOnly?: boolean
  run(): Promise<ScenarioResult>
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
export const log = (...a: unknown[]) => console.error('[bench]', ...a)

type Handlers = Record<string, (data: Record<string, unknown>) => Promise<void> | void>

/** Runs a script of ours in a child process (tsx) and returns what it reports over IPC. */
export function child<T>(script: string, arg: unknown, handlers: Handlers, timeoutMs: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', '--max-old-space-size=4096', join(BENCH_DIR, script), JSON.stringify(arg)], {
      cwd: REPO,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    let settled = false
    const timer = setTimeout(() => {
      p.kill('SIGKILL')
      finish(() => reject(new Error(`${script} ran longer than ${Math.round(timeoutMs / 1000)} s`)))
    }, timeoutMs)
    const finish = (f: () => void) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      f()
    }
    p.on('message', async (m: { type: string; name?: string; data?: Record<string, unknown>; result?: T; message?: string }) => {
      if (m.type === 'checkpoint') {
        try {
          await handlers[m.name!]?.(m.data ?? {})
          p.send({ type: 'go', name: m.name })
        } catch (e) {
          p.kill('SIGKILL')
          finish(() => reject(e))
        }
      } else if (m.type === 'result') finish(() => resolve(m.result as T))
      else if (m.type === 'error') finish(() => reject(new Error(m.message)))
    })
    p.on('exit', (code) => finish(() => reject(new Error(`${script} exited with ${code} without a result`))))
  })
}

/** Starts `name`, prepares `docs` rooms, runs `fn`, always stops the server and removes its dir. */
export async function withServer<T>(
  name: ServerName,
  docs: number,
  serverOpts: { persist: boolean; inspect?: boolean; userLimits?: boolean },
  fn: (server: ServerProcess, endpoint: { protocol: 'y-websocket' | 'hocuspocus'; serverUrl: string; token?: string; rooms: string[] }) => Promise<T>,
  prefix: string,
): Promise<T | { error: string }> {
  const server = await ServerProcess.create(name, serverOpts)
  try {
    await server.start()
    const prepared = name === 'ours' ? await prepareOurs(server, docs) : preparePeer(docs, prefix)
    const endpoint = {
      protocol: name === 'hocuspocus' ? ('hocuspocus' as const) : ('y-websocket' as const),
      serverUrl: server.syncUrl,
      ...(prepared.token ? { token: prepared.token } : {}),
      rooms: prepared.rooms,
    }
    return await fn(server, endpoint)
  } catch (e) {
    const message = (e as Error).message
    log(`${prefix} ${name}: ${message}`)
    const tail = server.tail(15)
    return { error: message + (tail && name === 'ours' ? `\nserver log:\n${tail}` : '') }
  } finally {
    await server.stop().catch(() => {})
    if (!keep) rmSync(server.dataDir, { recursive: true, force: true })
  }
}

export function isError(r: unknown): r is { error: string } {
  return typeof r === 'object' && r !== null && 'error' in r
}

/** ours ÷ the better (lower) peer value. */
export function ratio(values: Row['values']): number | null {
  const ours = values.ours
  const peers = SERVER_NAMES.filter((s) => s !== 'ours')
    .map((s) => values[s])
    .filter((v): v is number => typeof v === 'number' && v > 0)
  if (typeof ours !== 'number' || peers.length === 0) return null
  return Math.round((ours / Math.min(...peers)) * 100) / 100
}

export function pick(results: Record<string, unknown>, f: (r: any) => number | string | null): Row['values'] {
  const values: Row['values'] = {}
  for (const s of servers) {
    const r = results[s]
    values[s] = r === undefined ? undefined : isError(r) ? 'error' : f(r)
  }
  return values
}
