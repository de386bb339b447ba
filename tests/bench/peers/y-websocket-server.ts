/**
 * The reference server: `@y/websocket-server` 0.1.1's stock `setupWSConnection` on a plain
 * `ws` server, as its own bin does. In memory, unless BENCH_PERSIST_DIR is set (S4 cold
 * open needs a store): then each document's state is kept in one file, written 100 ms after
 * the last change and before exit.
 */
import http from 'node:http'
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import * as Y from 'yjs'
import { WebSocketServer } from 'ws'
import { setupWSConnection, setPersistence, docs } from '@y/websocket-server/utils'

const port = Number(process.env.PORT ?? 1234)
const persistDir = process.env.BENCH_PERSIST_DIR

const fileOf = (name: string) => join(persistDir!, encodeURIComponent(name) + '.bin')
const timers = new Map<string, NodeJS.Timeout>()
const write = (name: string, doc: Y.Doc) => writeFileSync(fileOf(name), Y.encodeStateAsUpdate(doc))

if (persistDir) {
  mkdirSync(persistDir, { recursive: true })
  setPersistence({
    bindState: (name: string, doc: Y.Doc) => {
      if (existsSync(fileOf(name))) Y.applyUpdate(doc, readFileSync(fileOf(name)))
      doc.on('update', () => {
        clearTimeout(timers.get(name))
        timers.set(
          name,
          setTimeout(() => write(name, doc), 100),
        )
      })
    },
    writeState: async (name: string, doc: Y.Doc) => {
      clearTimeout(timers.get(name))
      write(name, doc)
    },
    provider: null,
  })
}

const wss = new WebSocketServer({ noServer: true })
wss.on('connection', setupWSConnection)
const server = http.createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain' })
  res.end('okay')
})
server.on('upgrade', (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req)))
server.listen(port, '127.0.0.1', () => console.log(`y-websocket-server listening on ${port}`))

process.on('SIGTERM', () => {
  if (persistDir) for (const [name, doc] of docs) write(name, doc)
  process.exit(0)
})
