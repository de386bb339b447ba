/**
 * S7 crash recovery, the load generator's side: N authors type through stock y-websocket
 * providers (the web app's reconnect cap), the server is SIGKILLed (checkpoint `kill`),
 * the authors type on while it is down, the server is started again (checkpoint
 * `restart`), and the time from "server ready" to "every provider reconnected, synced and
 * holding the same document" is measured. tests/reliability/crash.test.ts asserts the
 * same run converges and loses nothing; how fast is measured here, never asserted there.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import * as Y from 'yjs'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import { nodeText, sectionNodes, yDocToJSON } from '@perspektiv/document'
import { appendParagraph } from '../content.js'
import { REPO } from '../servers.js'
import { summarize } from '../stats.js'
import { nowMs } from './marker.js'

export interface CrashTask {
  kind: 'crash'
  serverUrl: string
  token?: string
  rooms: string[]
  authors: number
  trials: number
}

/** The web app's reconnect cap, read from its source so the bench follows it. */
export function webMaxBackoffMs(): number {
  const source = readFileSync(join(REPO, 'apps/web/src/editor/collabSession.ts'), 'utf8')
  const ms = Number(/maxBackoffTime:\s*(\d+)/.exec(source)?.[1])
  if (!Number.isFinite(ms)) throw new Error('apps/web/src/editor/collabSession.ts: no maxBackoffTime found')
  return ms
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const MARKER = /‹a(\d+):(\d+)›/g
/** Bounds on every wait: a server that never comes back fails the scenario, it does not hang it. */
const WAIT_MS = 60_000

async function until(cond: () => boolean, what: string, ms = WAIT_MS): Promise<void> {
  const end = nowMs() + ms
  while (!cond()) {
    if (nowMs() > end) throw new Error(`${what}: not within ${ms} ms`)
    await sleep(5)
  }
}

function markers(doc: Y.Doc): number {
  const text = sectionNodes(yDocToJSON(doc))
    .map((s) => nodeText(s))
    .join('\n')
  return text.match(MARKER)?.length ?? 0
}

function sameState(docs: Y.Doc[]): boolean {
  const first = Buffer.from(Y.encodeStateVector(docs[0]!))
  return docs.every((d) => first.equals(Buffer.from(Y.encodeStateVector(d))))
}

export async function crash(task: CrashTask, checkpoint: (name: string) => Promise<void>) {
  const room = task.rooms[0]!
  const maxBackoffTime = webMaxBackoffMs()
  const authors = Array.from({ length: task.authors }, (_, i) => {
    const doc = new Y.Doc()
    const provider = new WebsocketProvider(task.serverUrl, room, doc, {
      params: task.token ? { token: task.token } : {},
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      maxBackoffTime,
    })
    return { i, doc, provider, text: null as Y.XmlText | null, typed: 0 }
  })
  try {
    await until(() => authors.every((a) => a.provider.synced), 'authors synced')
    for (const a of authors) a.text = appendParagraph(a.doc, a.i, null)

    const convergedMs: number[] = []
    for (let trial = 0; trial < task.trials; trial++) {
      // ~25 edits per second each, as in the reliability test.
      const typing = authors.map((a) =>
        setInterval(() => {
          a.text!.insert(a.text!.length, `‹a${a.i}:${a.typed}›`)
          a.typed++
        }, 40),
      )
      try {
        const before = authors.map((a) => a.typed)
        await until(() => authors.every((a, i) => a.typed >= before[i]! + 30), 'typing under way')
        await checkpoint('kill')
        await until(() => authors.every((a) => !a.provider.wsconnected), 'providers noticed the kill')
        // Typed while the server is down: the providers send it after reconnecting.
        await sleep(300)
      } finally {
        typing.forEach(clearInterval)
      }
      await checkpoint('restart')
      const back = nowMs()
      await until(
        () => authors.every((a) => a.provider.synced && a.provider.wsconnected) && sameState(authors.map((a) => a.doc)),
        `trial ${trial + 1}: convergence after the restart`,
      )
      convergedMs.push(nowMs() - back)
    }
    const typed = authors.reduce((n, a) => n + a.typed, 0)
    return {
      authors: task.authors,
      trials: task.trials,
      maxBackoffMs: maxBackoffTime,
      typed,
      lost: typed - markers(authors[0]!.doc),
      convergedMs: summarize(convergedMs),
    }
  } finally {
    for (const a of authors) a.provider.destroy()
  }
}
