/**
 * Shared pieces of the reliability suite (one test file per promise of issue #8). The
 * server harness (real server, real SQLite, stock y-websocket clients) is reused from
 * tests/server/harness.ts.
 */
import { createRequire } from 'node:module'
import { afterAll } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as Y from 'yjs'
import { yDocToJSON } from '@perspektiv/document'
import { loadTemplates } from '@perspektiv/model/load'
import { createApp, openDatabase } from '@perspektiv/server'
import { connect, connected, type Client } from '../server/harness.js'

export * from '../server/harness.js'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const WsClient = createRequire(import.meta.url)('ws') as any

/** The content a user would see: the section tree and the meta map, as one comparable string. */
export function visibleState(doc: Y.Doc): string {
  return JSON.stringify({ content: yDocToJSON(doc), meta: doc.getMap('meta').toJSON() })
}

export { seededRandom } from '../seededRandom.js'

/** A refused WebSocket upgrade: its HTTP status and (JSON) body; status 101 when accepted. */
export function refusedUpgrade(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
  return new Promise((ok, fail) => {
    const ws = new WsClient(url, { headers })
    ws.on('unexpected-response', (req: NodeJS.EventEmitter, res: NodeJS.ReadableStream & { statusCode: number }) => {
      // As upgradeStatus: a reset after the answer must not become an uncaught error.
      req.on('error', () => {})
      res.on('error', () => {})
      let text = ''
      res.on('data', (d) => (text += d))
      res.on('end', () => {
        ws.terminate()
        try {
          ok({ status: res.statusCode, body: JSON.parse(text) })
        } catch {
          ok({ status: res.statusCode, body: text })
        }
      })
    })
    ws.on('open', () => {
      ok({ status: 101, body: null })
      ws.close()
    })
    ws.on('error', (err: Error) => fail(err))
  })
}

/** The routes the server registers (read from the Hono app itself), as `METHOD /path`. */
export function registeredRoutes(): Array<{ method: string; path: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'perspektiv-routes-'))
  const db = openDatabase(dir)
  let close = () => {}
  try {
    const created = createApp({ db, templates: loadTemplates() })
    close = created.close
    const { app } = created
    const seen = new Set<string>()
    return app.routes
      .filter((r) => r.method !== 'ALL' && (r.path.startsWith('/api/') || r.path.startsWith('/sync/')))
      .map((r) => ({ method: r.method, path: r.path }))
      .filter((r) => !seen.has(`${r.method} ${r.path}`) && seen.add(`${r.method} ${r.path}`))
  } finally {
    close()
    db.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

/** A raw socket opened with extra handshake headers (cookie, origin); resolves once open. */
export function socketWithHeaders(url: string, headers: Record<string, string>): Promise<{ ws: any; closed: Promise<{ code: number; reason: string }> }> {
  return new Promise((ok, fail) => {
    const ws = new WsClient(url, { headers })
    const closed = new Promise<{ code: number; reason: string }>((done) =>
      ws.on('close', (code: number, reason: Buffer) => done({ code, reason: reason.toString() })),
    )
    ws.on('open', () => ok({ ws, closed }))
    ws.on('error', fail)
  })
}

/**
 * The stock clients a test file opens, destroyed after its tests (`afterAll` registered
 * here), then `close` (the server, the data directory). `openConnected` opens one client per
 * token on a document and waits until every one of them has synced.
 */
export function clientScope(close: () => Promise<void> | void = () => {}) {
  const clients: Client[] = []
  afterAll(async () => {
    for (const c of clients) c.destroy()
    await close()
  })
  const open = (wsUrl: string, docId: string, token: string): Client => {
    const client = connect(wsUrl, docId, token)
    clients.push(client)
    return client
  }
  const openConnected = async (wsUrl: string, docId: string, tokens: string[], timeoutMs?: number): Promise<Client[]> => {
    const opened = tokens.map((token) => open(wsUrl, docId, token))
    await Promise.all(opened.map((c) => connected(c, timeoutMs)))
    return opened
  }
  return { open, openConnected }
}
