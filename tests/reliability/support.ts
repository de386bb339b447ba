/**
 * Shared pieces of the reliability suite (one test file per promise of issue #8). The
 * server harness (real server, real SQLite, stock y-websocket clients) is reused from
 * tests/server/harness.ts.
 */
import { createServer } from 'node:net'
import * as Y from 'yjs'
import { yDocToJSON } from '@perspektiv/document'
import { openDatabase } from '@perspektiv/server'

export * from '../server/harness.js'

export function freePort(): Promise<number> {
  return new Promise((ok) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port
      s.close(() => ok(port))
    })
  })
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

/** The content a user would see: the section tree and the meta map, as one comparable string. */
export function visibleState(doc: Y.Doc): string {
  return JSON.stringify({ content: yDocToJSON(doc), meta: doc.getMap('meta').toJSON() })
}

/** mulberry32: a tiny seeded PRNG, so a fuzz failure reproduces from its printed seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
