import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const REPO = fileURLToPath(new URL('../..', import.meta.url))

/**
 * An account of one test alone, made with `perspektiv users add` in the server's data
 * directory (the server reads it at once: same SQLite file). A test that signs in as it
 * sees only what it created, whatever the specs before it left for the demo users. With
 * E2E_BASE_URL, set PERSPEKTIV_E2E_DATA_DIR to that server's DATA_DIR.
 */
export async function ownUser(prefix: string, name: string): Promise<{ username: string; password: string }> {
  const dataDir = process.env.PERSPEKTIV_E2E_DATA_DIR
  if (!dataDir) throw new Error('PERSPEKTIV_E2E_DATA_DIR is not set: the data directory of the server under test (playwright.config.ts sets it)')
  // Unique per run and retry: the database outlives a failed try.
  const username = `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`
  const password = `e2e-${username}`
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [`${REPO}apps/cli/bin/perspektiv.mjs`, 'users', 'add', username, '--name', name], {
      cwd: REPO,
      env: { ...process.env, DATA_DIR: dataDir },
      stdio: ['pipe', 'pipe', 'pipe'],
    })
    let out = ''
    child.stdout.on('data', (d) => (out += d))
    child.stderr.on('data', (d) => (out += d))
    child.stdin.end(`${password}\n`)
    child.on('error', reject)
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`perspektiv users add ${username} → ${code}: ${out}`))))
  })
  return { username, password }
}
