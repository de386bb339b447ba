/**
 * S13, the load generator's side: committed updates per second through the real server.
 * Each room has `writersPerRoom` writers and one watcher. A writer keeps up to `inFlight`
 * edits unacknowledged and sends the next when the watcher has seen the oldest; our server
 * broadcasts an update only after its group commit, so an edit the watcher sees is a
 * committed one. A writer never sends faster than `maxPerWriterPerSecond` (the server closes
 * a socket above 300 messages/s). What the watcher sees in the window, per second, is the
 * throughput; from the edit to the watcher is the commit-acknowledged latency.
 */
import type * as Y from 'yjs'
import { createClient, LOCAL, type BenchClient } from './clients.js'
import { markerText, nowMs, scanMarkers } from './marker.js'
import { startOwnCpuWindow } from './ownCpu.js'
import { appendParagraph } from '../content.js'
import { Samples } from '../stats.js'

export interface ThroughputTask {
  kind: 'throughput'
  serverUrl: string
  token?: string
  rooms: string[]
  writersPerRoom: number
  inFlight: number
  maxPerWriterPerSecond: number
  seconds: number
}

interface Writer {
  id: number
  client: BenchClient
  text: Y.XmlText
  seq: number
  inFlight: number
  nextAt: number
  timer: NodeJS.Timeout | null
  seen: Uint8Array
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function open(task: ThroughputTask, room: string): Promise<BenchClient> {
  const client = createClient('lean', { protocol: 'y-websocket', serverUrl: task.serverUrl, room, token: task.token })
  let timer!: NodeJS.Timeout
  await Promise.race([
    client.synced.finally(() => clearTimeout(timer)),
    new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`sync of ${room}: no answer in 30 s`)), 30_000))),
  ])
  return client
}

export async function throughput(task: ThroughputTask, checkpoint: (name: string) => Promise<void>) {
  const maxEdits = Math.ceil(task.seconds * task.maxPerWriterPerSecond) + 2
  const period = 1000 / task.maxPerWriterPerSecond
  const writers: Writer[] = []
  const watchers: BenchClient[] = []
  for (let r = 0; r < task.rooms.length; r += 25) {
    await Promise.all(
      task.rooms.slice(r, r + 25).map(async (room, j) => {
        for (let i = 0; i < task.writersPerRoom; i++) {
          const client = await open(task, room)
          const id = (r + j) * task.writersPerRoom + i
          writers[id] = {
            id,
            client,
            text: appendParagraph(client.doc, id, LOCAL),
            seq: 0,
            inFlight: 0,
            nextAt: 0,
            timer: null,
            seen: new Uint8Array(maxEdits + 1),
          }
        }
        watchers.push(await open(task, room))
      }),
    )
  }
  await sleep(1000)

  const samples = new Samples()
  let sending = false
  let sent = 0
  let acked = 0
  let ackedInWindow = 0
  let duplicates = 0
  let windowEnd = Infinity

  const pump = (w: Writer) => {
    while (sending && w.inFlight < task.inFlight && w.seq < maxEdits) {
      const now = nowMs()
      if (now < w.nextAt) {
        w.timer ??= setTimeout(() => {
          w.timer = null
          pump(w)
        }, w.nextAt - now)
        return
      }
      // At most one period of catch-up: the cap holds on average and in bursts.
      w.nextAt = Math.max(w.nextAt, now - period) + period
      w.seq++
      w.inFlight++
      sent++
      w.client.doc.transact(() => w.text.insert(w.text.length, markerText(w.id, w.seq, nowMs())), LOCAL)
    }
  }

  for (const watcher of watchers) {
    watcher.onRemote = (bytes) => {
      const now = nowMs()
      scanMarkers(bytes, (sender, seq, sentAt) => {
        const w = writers[sender]
        if (!w || seq > maxEdits) return
        if (w.seen[seq]) {
          duplicates++
          return
        }
        w.seen[seq] = 1
        acked++
        if (now <= windowEnd) ackedInWindow++
        samples.add(now - sentAt)
        w.inFlight--
        pump(w)
      })
    }
  }

  await checkpoint('measure-start')
  const own = startOwnCpuWindow()
  const start = own.start
  windowEnd = start + task.seconds * 1000
  sending = true
  for (const w of writers) pump(w)
  await sleep(task.seconds * 1000)
  sending = false
  const loadgen = own.stop()
  await checkpoint('measure-end')
  // Whatever was in flight at the end must still arrive: an edit never acknowledged is lost.
  const drainUntil = nowMs() + 15_000
  while (acked < sent && nowMs() < drainUntil) await sleep(20)
  for (const w of writers) if (w.timer) clearTimeout(w.timer)
  const result = {
    writers: writers.length,
    rooms: task.rooms.length,
    sent,
    acknowledged: acked,
    duplicates,
    updatesPerSecond: Math.round(ackedInWindow / task.seconds),
    ackLatencyMs: samples.summary(),
    loadgen,
  }
  await Promise.all([...writers.map((w) => w.client.close()), ...watchers.map((c) => c.close())])
  return result
}
