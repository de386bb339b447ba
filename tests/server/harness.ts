/**
 * Test harness for the sync server: real server (in-process on an ephemeral port or a child
 * process), real SQLite in a temp dir, stock y-websocket providers over real sockets.
 */
import type { ClientRequest, IncomingMessage } from 'node:http'
import { createRequire } from 'node:module'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import type { Role } from '@perspektiv/model'
import { nodeText, sectionNodes, yDocToJSON } from '@perspektiv/document'
import { openDatabase, SqliteDocumentStore, startServer, UserStore, type RoomName, type StartOptions } from '@perspektiv/server'

const require = createRequire(import.meta.url)
/** The `ws` client, typed as the DOM WebSocket that y-websocket expects. */
export const NodeWebSocket = require('ws') as typeof globalThis.WebSocket
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const WsClient = require('ws') as any

// Each stock provider registers a process 'exit' listener in Node.
process.setMaxListeners(100)

export { exited, freePort, refusedStart, REPO_ROOT, spawnServer } from '../serverProcess.js'
export const PASSWORD = 'correct horse battery staple'

export function tempDataDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'perspektiv-server-'))
  // No retries needed: a closed database's checkpoint thread has let go of the folder (SRV-ST31).
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) }
}

/** Creates accounts directly in the data dir (as `perspektiv users add` does). */
export async function seedUsers(dataDir: string, usernames: string[], admin: string[] = []): Promise<void> {
  const db = openDatabase(dataDir)
  try {
    const users = new UserStore(db)
    await Promise.all(
      usernames.map((u) => users.add({ username: u, name: u[0]!.toUpperCase() + u.slice(1), title: 'Testare', password: PASSWORD, admin: admin.includes(u) })),
    )
  } finally {
    db.close()
  }
}

/** Rows straight from the SQLite file (a separate connection; WAL allows it while the server runs). */
export function rows<T = Record<string, unknown>>(dataDir: string, sql: string, ...params: unknown[]): T[] {
  const db = openDatabase(dataDir)
  try {
    return db.prepare(sql).all(...params) as T[]
  } finally {
    db.close()
  }
}

export function execSql(dataDir: string, sql: string, ...params: unknown[]): void {
  const db = openDatabase(dataDir)
  try {
    db.prepare(sql).run(...params)
  } finally {
    db.close()
  }
}

export interface TestServer {
  url: string
  wsUrl: string
  dataDir: string
  close(): Promise<void>
}

export async function startTestServer(dataDir: string, options: StartOptions = {}): Promise<TestServer> {
  const server = await startServer({ port: 0, host: '127.0.0.1', dataDir, webDist: join(dataDir, 'no-web'), ...options })
  return {
    url: `http://127.0.0.1:${server.port}`,
    wsUrl: `ws://127.0.0.1:${server.port}/sync`,
    dataDir,
    close: () => server.close(),
  }
}

export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 5_000, what = 'condition'): Promise<void> {
  const end = Date.now() + timeoutMs
  for (;;) {
    if (await check()) return
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 20))
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export async function api(
  base: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: any; headers: Headers }> {
  const res = await fetch(base + path, {
    method,
    headers: {
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...options.headers,
    },
    body: options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
  })
  const text = await res.text()
  let body: any = text
  try {
    body = text ? JSON.parse(text) : null
  } catch {
    /* not JSON */
  }
  return { status: res.status, body, headers: res.headers }
}

export async function signIn(base: string, username: string, password = PASSWORD): Promise<string> {
  const res = await api(base, 'POST', '/api/session', { body: { username, password } })
  if (res.status !== 200) throw new Error(`sign-in of ${username} failed: ${res.status} ${JSON.stringify(res.body)}`)
  return res.body.token as string
}

export async function createDoc(base: string, token: string, title = 'Testdokument'): Promise<string> {
  const res = await api(base, 'POST', '/api/documents', { token, body: { templateId: 'remissvar', title } })
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`)
  return res.body.id as string
}

export async function addMember(base: string, token: string, id: string, username: string, role: Role): Promise<void> {
  const res = await api(base, 'PUT', `/api/documents/${id}/members`, { token, body: { username, role } })
  if (res.status !== 200) throw new Error(`add member failed: ${res.status} ${JSON.stringify(res.body)}`)
}

export interface Client {
  doc: Y.Doc
  provider: WebsocketProvider
  destroy(): void
}

/** A stock y-websocket client, unmodified (BroadcastChannel off so only the server links peers). */
export function connect(wsUrl: string, room: string, token: string): Client {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(wsUrl, room, doc, { params: { token }, WebSocketPolyfill: NodeWebSocket, disableBc: true })
  return {
    doc,
    provider,
    destroy() {
      provider.destroy()
      doc.destroy()
    },
  }
}

export async function connected(client: Client, timeoutMs = 5_000): Promise<void> {
  await waitFor(() => client.provider.synced, timeoutMs, 'provider sync')
}

/** The HTTP status of a refused WebSocket upgrade (or 101 when it was accepted). */
export function upgradeStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((ok, fail) => {
    const ws = new WsClient(url, { headers })
    ws.on('unexpected-response', (req: ClientRequest, res: IncomingMessage) => {
      // The refusal is ours to finish (ws leaves it to this handler): the server may reset the
      // socket once it has answered, and an ECONNRESET on the request or response with no
      // listener was an uncaught error that failed a whole CI run.
      req.on('error', () => {})
      res.on('error', () => {})
      res.resume()
      ok(res.statusCode ?? 0)
      ws.terminate()
    })
    ws.on('open', () => {
      ok(101)
      ws.close()
    })
    ws.on('error', (err: Error) => fail(err))
  })
}

/** A raw socket (for protocol abuse tests): resolves once open, records the close. */
export function rawSocket(url: string): Promise<{ ws: any; closed: Promise<{ code: number; reason: string }>; messages: Uint8Array[] }> {
  return new Promise((ok, fail) => {
    const ws = new WsClient(url)
    const messages: Uint8Array[] = []
    const closed = new Promise<{ code: number; reason: string }>((done) =>
      ws.on('close', (code: number, reason: Buffer) => done({ code, reason: reason.toString() })),
    )
    ws.on('message', (d: Buffer) => messages.push(new Uint8Array(d)))
    ws.on('open', () => ok({ ws, closed, messages }))
    ws.on('error', fail)
  })
}

/** A document room as stored on disk, read through a fresh connection (no server memory). */
export function loadFromDisk(dataDir: string, documentId: string, room: RoomName = 'content'): Y.Doc {
  const db = openDatabase(dataDir)
  try {
    const stored = new SqliteDocumentStore(db).loadRoom(documentId, room)
    const doc = new Y.Doc()
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot)
    for (const u of stored.updates) Y.applyUpdate(doc, u)
    return doc
  } finally {
    db.close()
  }
}

/** Appends `text` to the first paragraph of a section, as an editor would (a Yjs edit). */
export function typeInSection(doc: Y.Doc, key: string, text: string): void {
  const section = doc
    .getXmlFragment('default')
    .toArray()
    .find((n): n is Y.XmlElement => n instanceof Y.XmlElement && n.getAttribute('key') === key)
  if (!section) throw new Error(`no section ${key}`)
  const paragraph = section.toArray().find((n): n is Y.XmlElement => n instanceof Y.XmlElement && n.nodeName === 'paragraph')
  if (!paragraph) throw new Error(`section ${key} has no paragraph`)
  let t = paragraph.toArray().find((n): n is Y.XmlText => n instanceof Y.XmlText)
  if (!t) {
    t = new Y.XmlText()
    paragraph.insert(0, [t])
  }
  t.insert(t.length, text)
}

export function sectionText(doc: Y.Doc, key: string): string {
  const section = sectionNodes(yDocToJSON(doc)).find((n) => n.attrs?.key === key)
  return section ? nodeText(section) : ''
}
