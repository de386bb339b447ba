/**
 * The server as its own process (`node --import tsx apps/server/src/main.ts`), for the tests
 * that need a real process: a crash (SIGKILL), environment variables read at start, a start
 * that must fail, a second server beside the browser tests' demo server. One copy for the
 * server, reliability, e2e and bench suites; it imports no server code, so a Playwright worker
 * can load it.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'

// Not import.meta.dirname: Playwright's loader runs this file too.
export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url))
const MAIN = ['--import', 'tsx', 'apps/server/src/main.ts']

/** A TCP port nobody listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer()
    s.once('error', fail)
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port
      s.close(() => ok(port))
    })
  })
}

export interface ServerProcess {
  process: ChildProcess
  url: string
  /** Everything the process printed so far (stdout and stderr). */
  output: () => string
}

function start(dataDir: string, port: number, env: Record<string, string>): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, MAIN, {
    cwd: REPO_ROOT,
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  child.stdout!.on('data', (d) => (out += d))
  child.stderr!.on('data', (d) => (out += d))
  return { child, output: () => out }
}

/**
 * Starts the server on 127.0.0.1:`port` and resolves once /api/health answers; rejects with its
 * output when it exits first. The wait is generous, not a timing goal: tsx compiling main.ts on a
 * loaded 2-core machine took 20 s and more.
 */
export async function spawnServer(dataDir: string, port: number, env: Record<string, string> = {}, timeoutMs = 60_000): Promise<ServerProcess> {
  const { child, output } = start(dataDir, port, env)
  const url = `http://127.0.0.1:${port}`
  const end = Date.now() + timeoutMs
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}): ${output()}`)
    if (
      await fetch(`${url}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { process: child, url, output }
    if (Date.now() > end) {
      child.kill('SIGKILL')
      throw new Error(`server did not answer /api/health within ${timeoutMs} ms: ${output()}`)
    }
    await new Promise((r) => setTimeout(r, 50))
  }
}

/** Starts the server with a configuration it must refuse: its exit code and output. */
export async function refusedStart(dataDir: string, env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const { child, output } = start(dataDir, 0, env)
  const { code } = await exited(child)
  return { code, output: output() }
}

export function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode })
  return new Promise((ok) => child.once('exit', (code, signal) => ok({ code, signal })))
}
