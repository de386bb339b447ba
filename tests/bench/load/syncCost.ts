/**
 * S8 sync cost (issue 22.1), the load generator's side: two editors on document Y send
 * marked edits and each measures the other's round trip, first alone (baseline), then
 * while a reader on document X — a long TU with its history — repeats sync step 1 as
 * fast as it can with state vectors the server has never seen (each one a diff of the
 * whole document), reconnecting whenever it is closed. tests/reliability/sync-cost.test.ts
 * asserts the behaviour (closed, edits keep arriving); the p99 comparison is measured here.
 */
import WebSocket from 'ws'
import { appendParagraph, writeHistory } from '../content.js'
import { Samples } from '../stats.js'
import { createClient, LOCAL, type BenchClient } from './clients.js'
import { markerText, nowMs, scanMarkers } from './marker.js'
import { strangerStep1 } from '../../syncFrames.js'

export interface SyncCostTask {
  kind: 'synccost'
  serverUrl: string
  /** The editors' token (authors of both documents). */
  token: string
  /** A reader of X (the attacker). */
  readerToken: string
  /** [X, Y] */
  rooms: string[]
  pages: number
  seconds: number
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Two editors on Y for `seconds`, 10 edits/s each: the round trips each saw of the other's edits. */
async function measure(editors: Array<{ client: BenchClient; text: ReturnType<typeof appendParagraph> }>, seconds: number) {
  const samples = new Samples()
  let sent = 0
  let delivered = 0
  editors.forEach((e, id) => {
    e.client.onRemote = (bytes) => {
      const now = nowMs()
      scanMarkers(bytes, (sender, _seq, at) => {
        if (sender === id) return
        delivered++
        samples.add(now - at)
      })
    }
  })
  const end = nowMs() + seconds * 1000
  let seq = 0
  while (nowMs() < end) {
    for (const [id, e] of editors.entries()) e.client.doc.transact(() => e.text.insert(e.text.length, markerText(id, ++seq, nowMs())), LOCAL)
    sent += editors.length
    await sleep(100)
  }
  const drain = nowMs() + 10_000
  while (delivered < sent && nowMs() < drain) await sleep(20)
  return { sent, delivered, latencyMs: samples.summary() }
}

export async function syncCost(task: SyncCostTask) {
  const [x, y] = task.rooms as [string, string]
  const target = (room: string, token = task.token) => ({ protocol: 'y-websocket' as const, serverUrl: task.serverUrl, room, token })
  const writer = createClient('lean', target(x))
  await writer.synced
  const history = writeHistory(writer.doc, { pages: task.pages, seed: 2201, batchOps: 1000, origin: LOCAL })
  await writer.flushed()
  await sleep(1000)
  await writer.close()

  const editors = []
  for (let i = 0; i < 2; i++) {
    const client = createClient('lean', target(y))
    await client.synced
    editors.push({ client, text: appendParagraph(client.doc, i, LOCAL) })
  }
  await sleep(500)
  const baseline = await measure(editors, task.seconds)

  let running = true
  let messages = 0
  let refusedUpgrades = 0
  const closes = new Map<string, number>()
  const attack = async () => {
    while (running) {
      const ws = new WebSocket(`${task.serverUrl}/${x}?token=${encodeURIComponent(task.readerToken)}`)
      await new Promise<void>((done) => {
        let refused = false
        ws.on('unexpected-response', (_req, res) => {
          refused = true
          if (res.statusCode === 429) refusedUpgrades++
          ws.terminate()
          done()
        })
        ws.on('error', () => done())
        ws.on('close', (code, reason) => {
          if (refused) return
          const key = `${code} ${reason.toString()}`
          closes.set(key, (closes.get(key) ?? 0) + 1)
          done()
        })
        ws.on('open', () => {
          const flood = () => {
            if (!running || ws.readyState !== WebSocket.OPEN) return
            // Bounded by what the socket has taken: the attacker's own memory stays small.
            if (ws.bufferedAmount < 1 << 20) for (let i = 0; i < 10; i++) ws.send(strangerStep1(1_000_000 + messages++))
            setImmediate(flood)
          }
          flood()
        })
      })
      ws.terminate()
      await sleep(200)
    }
  }
  const attacker = attack()
  const underAttack = await measure(editors, task.seconds)
  running = false
  await attacker
  for (const e of editors) await e.client.close()
  return {
    pages: task.pages,
    ops: history.ops,
    baseline,
    underAttack,
    attacker: { messages, refusedUpgrades, closes: Object.fromEntries(closes) },
  }
}
