import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { REPO, type ServerProcess } from './servers.js'

/**
 * Prepares our server for a scenario the way a user would: a user made with the CLI
 * (`perspektiv users add`, password on stdin), signed in over the API, documents created
 * with `POST /api/documents` (the server writes the template skeleton).
 */

const USER = 'bench'
const PASSWORD = 'bench-password-1234'

export interface Prepared {
  token?: string
  rooms: string[]
}

function cli(server: ServerProcess, args: string[], stdin: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(REPO, 'apps/cli/bin/perspektiv.mjs'), ...args], {
      cwd: REPO,
      // DATABASE_URL too where the server has it (S10, S11, S13 on PostgreSQL): the user is made where the server reads it.
      env: { ...process.env, ...server.extraEnv, DATA_DIR: join(server.dataDir, 'data') },
      stdio: ['pipe', 'pipe', 'pipe'],
    })
    let out = ''
    child.stdout.on('data', (d) => (out += d))
    child.stderr.on('data', (d) => (out += d))
    child.stdin.end(stdin)
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`perspektiv ${args.join(' ')} → ${code}: ${out}`))))
  })
}

async function api<T>(server: ServerProcess, method: string, path: string, body: unknown, token?: string): Promise<T> {
  const res = await fetch(server.httpUrl + path, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  })
  const text = await res.text()
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${text.slice(0, 300)}`)
  return JSON.parse(text) as T
}

const userMade = new WeakSet<ServerProcess>()

/** Signs in (making the user once per server) and creates `docs` remissvar documents. */
export async function prepareOurs(server: ServerProcess, docs: number, title = 'Benchmark'): Promise<Prepared> {
  if (!userMade.has(server)) {
    await cli(server, ['users', 'add', USER, '--name', 'Bänk Testsson'], `${PASSWORD}\n${PASSWORD}\n`)
    userMade.add(server)
  }
  const { token } = await api<{ token: string }>(server, 'POST', '/api/session', { username: USER, password: PASSWORD })
  const rooms: string[] = []
  // Ten requests at a time: S2/S11's 500 documents one by one took a minute of a loaded machine per layout.
  for (let i = 0; i < docs; i += 10) {
    const batch = Array.from({ length: Math.min(10, docs - i) }, (_, j) =>
      api<{ id: string }>(server, 'POST', '/api/documents', { templateId: 'remissvar', title: `${title} ${i + j + 1}` }, token),
    )
    for (const doc of await Promise.all(batch)) rooms.push(doc.id)
  }
  return { token, rooms }
}

/** Peers need no preparation: rooms are created on first connect (and seeded by the first client). */
export function preparePeer(docs: number, prefix: string): Prepared {
  return { rooms: Array.from({ length: docs }, (_, i) => `${prefix}-${i + 1}`) }
}

/** A second user, made a reader of `room` by the bench user: their signed-in token (S8's attacker). */
export async function prepareReader(server: ServerProcess, room: string, authorToken: string): Promise<string> {
  const username = 'bench-reader'
  await cli(server, ['users', 'add', username, '--name', 'Läsare Testsson'], `${PASSWORD}\n${PASSWORD}\n`)
  await api(server, 'PUT', `/api/documents/${room}/members`, { username, role: 'reader' }, authorToken)
  const { token } = await api<{ token: string }>(server, 'POST', '/api/session', { username, password: PASSWORD })
  return token
}
