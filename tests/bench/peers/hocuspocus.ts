/**
 * Hocuspocus 4 with default settings, in memory, unless BENCH_PERSIST_DIR is set (S4 cold
 * open needs a store): then a minimal onLoadDocument/onStoreDocument pair keeps each
 * document's state in one file (stored with Hocuspocus' own debounce, set to 100 ms).
 */
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import * as Y from 'yjs'
import { Server } from '@hocuspocus/server'

const port = Number(process.env.PORT ?? 1234)
const persistDir = process.env.BENCH_PERSIST_DIR
const fileOf = (name: string) => join(persistDir!, encodeURIComponent(name) + '.bin')
if (persistDir) mkdirSync(persistDir, { recursive: true })

const server = new Server({
  port,
  address: '127.0.0.1',
  quiet: true,
  ...(persistDir
    ? {
        debounce: 100,
        async onLoadDocument({ documentName, document }: { documentName: string; document: Y.Doc }) {
          if (existsSync(fileOf(documentName))) Y.applyUpdate(document, readFileSync(fileOf(documentName)))
          return document
        },
        async onStoreDocument({ documentName, document }: { documentName: string; document: Y.Doc }) {
          writeFileSync(fileOf(documentName), Y.encodeStateAsUpdate(document))
        },
      }
    : {}),
})
await server.listen()
console.log(`hocuspocus listening on ${port}`)
