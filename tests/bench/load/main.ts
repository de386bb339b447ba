/**
 * The load generator: a process of its own (never inside a server), started by run.ts
 * with a task as JSON in argv[2]. It talks to run.ts over IPC: `checkpoint` messages let
 * run.ts measure or restart the server between phases; the last message is the result.
 */
import * as Y from 'yjs'
import { loadTemplates } from '@perspektiv/model/load'
import { emptyMeta } from '@perspektiv/model'
import { createDocumentYDoc } from '@perspektiv/document'
import { createClient, LOCAL, type BenchClient, type ClientKind, type Protocol } from './clients.js'
import { markerText, nowMs, scanMarkers } from './marker.js'
import { startOwnCpuWindow } from './ownCpu.js'
import { Samples, summarize } from '../stats.js'
import { appendParagraph, sections, textLength, writeHistory } from '../content.js'
import { crash, type CrashTask } from './crash.js'
import { syncCost, type SyncCostTask } from './syncCost.js'
import { throughput, type ThroughputTask } from './throughput.js'

export interface Endpoint {
  protocol: Protocol
  serverUrl: string
  /** Several instances of one server (S10, S11): client n connects to serverUrls[n % length]. */
  serverUrls?: string[]
  token?: string
  rooms: string[]
}

export type Task =
  | (Endpoint & { kind: 'fanout'; client: ClientKind; clientsPerRoom: number; editsPerSecondPerClient: number; seconds: number; drainSeconds: number })
  | (Endpoint & { kind: 'memory'; pages: number })
  | (Endpoint & { kind: 'coldopen'; pages: number; trials: number; unloadWaitMs: number })
  | CrashTask
  | SyncCostTask
  | ThroughputTask

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer in ${ms} ms`)), ms))),
  ])
}

/** Tells run.ts we reached `name` and waits for it to say go on. */
function checkpoint(name: string, data: Record<string, unknown> = {}): Promise<void> {
  return new Promise((resolve) => {
    const onMessage = (m: { type: string; name: string }) => {
      if (m.type === 'go' && m.name === name) {
        process.off('message', onMessage)
        resolve()
      }
    }
    process.on('message', onMessage)
    process.send!({ type: 'checkpoint', name, data })
  })
}

let seedUpdate: Uint8Array | null = null
/** The template skeleton, made once the way our server makes it (peers start empty). */
function skeleton(): Uint8Array {
  if (!seedUpdate) {
    const template = loadTemplates().get('remissvar')!
    seedUpdate = Y.encodeStateAsUpdate(createDocumentYDoc(template, emptyMeta('Benchmark')))
  }
  return seedUpdate
}

async function connect(kind: ClientKind, ep: Endpoint, room: string): Promise<BenchClient> {
  const client = createClient(kind, { protocol: ep.protocol, serverUrl: ep.serverUrl, room, token: ep.token })
  await withTimeout(client.synced, 30_000, `sync of ${room}`)
  if (sections(client.doc).length === 0) {
    // An empty peer room: this first client writes the skeleton, like our server does on create.
    Y.applyUpdate(client.doc, skeleton(), LOCAL)
    await client.flushed()
    await sleep(50)
  }
  return client
}

async function inBatches<T>(items: T[], size: number, fn: (item: T, index: number) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map((item, j) => fn(item, i + j)))
}

interface Editor {
  id: number
  client: BenchClient
  text: Y.XmlText
  room: number
  seen: Map<number, Uint8Array>
}

async function fanout(task: Extract<Task, { kind: 'fanout' }>) {
  const t0 = nowMs()
  const perRoom: Editor[][] = task.rooms.map(() => [])
  const editors: Editor[] = []
  const maxEdits = Math.ceil(task.seconds * task.editsPerSecondPerClient) + 1
  // Each room's editors join one after another (each adds its own paragraph after seeing the
  // others'), rooms in parallel batches.
  await inBatches(task.rooms, 25, async (room, r) => {
    for (let i = 0; i < task.clientsPerRoom; i++) {
      const id = r * task.clientsPerRoom + i
      // Alternating instances: every room has clients on each (the relay carries all its edits).
      const at = task.serverUrls ? { ...task, serverUrl: task.serverUrls[id % task.serverUrls.length]! } : task
      const client = await connect(task.client, at, room)
      const text = appendParagraph(client.doc, id, LOCAL)
      const editor: Editor = { id, client, text, room: r, seen: new Map() }
      perRoom[r]!.push(editor)
      editors[id] = editor
    }
  })
  const connectMs = nowMs() - t0
  await sleep(1000)

  const samples = new Samples()
  let delivered = 0
  let duplicates = 0
  let misrouted = 0
  let echoes = 0
  let expected = 0
  let sent = 0
  for (const e of editors) {
    e.client.onRemote = (bytes) => {
      const now = nowMs()
      scanMarkers(bytes, (sender, seq, sentAt) => {
        const from = editors[sender]
        if (sender === e.id) {
          // Both peers echo an update to its sender too (harmless in Yjs); ours does not.
          echoes++
          return
        }
        if (!from || from.room !== e.room) {
          misrouted++
          return
        }
        let seen = e.seen.get(sender)
        if (!seen) e.seen.set(sender, (seen = new Uint8Array(maxEdits + 1)))
        if (seen[seq]) {
          duplicates++
          return
        }
        seen[seq] = 1
        delivered++
        samples.add(now - sentAt)
      })
    }
  }

  await checkpoint('measure-start')
  const own = startOwnCpuWindow()
  const start = own.start
  const endAt = start + task.seconds * 1000
  const period = 1000 / task.editsPerSecondPerClient
  let running = editors.length
  let allSent!: () => void
  const done = new Promise<void>((r) => (allSent = r))
  for (const e of editors) {
    const phase = Math.random() * period
    let seq = 0
    const tick = () => {
      if (seq >= maxEdits || nowMs() >= endAt) {
        if (--running === 0) allSent()
        return
      }
      seq++
      const roomSize = perRoom[e.room]!.length
      e.client.doc.transact(() => e.text.insert(e.text.length, markerText(e.id, seq, nowMs())), LOCAL)
      sent++
      expected += roomSize - 1
      // Drift-free schedule: edit n is due at start + phase + n·period.
      setTimeout(tick, Math.max(0, start + phase + seq * period - nowMs()))
    }
    setTimeout(tick, phase)
  }
  await done
  const editWindowMs = nowMs() - start
  const drainUntil = nowMs() + task.drainSeconds * 1000
  while (delivered < expected && nowMs() < drainUntil) await sleep(20)
  const loadgen = own.stop()
  await checkpoint('measure-end')
  const result = {
    clients: editors.length,
    rooms: task.rooms.length,
    editsSent: sent,
    editsPerSecond: Math.round((sent / editWindowMs) * 1000 * 10) / 10,
    expected,
    delivered,
    duplicates,
    misrouted,
    echoes,
    latencyMs: samples.summary(),
    connectMs: Math.round(connectMs),
    loadgen,
  }
  await inBatches(editors, 100, (e) => e.client.close())
  return result
}

async function memory(task: Extract<Task, { kind: 'memory' }>) {
  const clients: BenchClient[] = []
  let ops = 0
  let chars = 0
  for (const [i, room] of task.rooms.entries()) {
    const client = await connect('lean', task, room)
    // Batches of 50 keystroke-level ops per update keep the run short; the document's
    // structure is the same as with one update per keystroke.
    const r = writeHistory(client.doc, { pages: task.pages, seed: 1000 + i, batchOps: 50, origin: LOCAL })
    ops += r.ops
    chars += r.chars
    await client.flushed()
    clients.push(client)
  }
  await sleep(500)
  await checkpoint('loaded', { docs: clients.length })
  await Promise.all(clients.map((c) => c.close()))
  await checkpoint('left')
  return { docs: task.rooms.length, pages: task.pages, opsPerDoc: Math.round(ops / task.rooms.length), charsPerDoc: Math.round(chars / task.rooms.length) }
}

async function coldOpen(task: Extract<Task, { kind: 'coldopen' }>) {
  const room = task.rooms[0]!
  const writer = await connect('lean', task, room)
  const t0 = nowMs()
  // 1,000 ops per update (≈ 230 updates): our server closes a connection that sends more
  // than a burst of 1,000 messages and then 300/s (flood guard).
  const trace = writeHistory(writer.doc, { pages: task.pages, seed: 4242, batchOps: 1000, origin: LOCAL })
  await writer.flushed()
  const replayMs = nowMs() - t0
  const expectedLength = textLength(writer.doc)
  const updateBytes = Y.encodeStateAsUpdate(writer.doc).length
  // Make sure the server has it all before it is restarted.
  let stored = 0
  for (let attempt = 0; attempt < 50 && stored !== expectedLength; attempt++) {
    await sleep(200)
    const check = await connect('lean', task, room)
    stored = textLength(check.doc)
    await check.close()
  }
  await writer.close()
  if (stored !== expectedLength) throw new Error(`the server holds ${stored} of ${expectedLength} characters after the replay`)

  const open = async () => {
    const client = createClient('lean', { protocol: task.protocol, serverUrl: task.serverUrl, room, token: task.token })
    await withTimeout(client.synced, 60_000, 'cold open')
    const { created, step2, synced } = client.timings
    const length = textLength(client.doc)
    await client.close()
    if (length !== expectedLength) throw new Error(`cold open gave ${length} of ${expectedLength} characters`)
    return { toStep2: step2 - created, toSynced: synced - created }
  }
  // A: right after a server restart (the cold open: nothing in memory, cold JIT).
  const restart = { toStep2: [] as number[], toSynced: [] as number[] }
  for (let trial = 0; trial < task.trials; trial++) {
    await checkpoint('restart')
    const t = await open()
    restart.toStep2.push(t.toStep2)
    restart.toSynced.push(t.toSynced)
  }
  // B: a running server that has unloaded the idle document.
  const unloaded = { toStep2: [] as number[], toSynced: [] as number[] }
  for (let trial = 0; trial < task.trials; trial++) {
    await sleep(task.unloadWaitMs)
    const t = await open()
    unloaded.toStep2.push(t.toStep2)
    unloaded.toSynced.push(t.toSynced)
  }
  return {
    pages: task.pages,
    ops: trace.ops,
    updates: trace.transactions,
    chars: expectedLength,
    stateBytes: updateBytes,
    replayMs: Math.round(replayMs),
    trials: task.trials,
    toStep2Ms: summarize(restart.toStep2),
    toSyncedMs: summarize(restart.toSynced),
    unloaded: { toStep2Ms: summarize(unloaded.toStep2), toSyncedMs: summarize(unloaded.toSynced) },
  }
}

async function main() {
  const task = JSON.parse(process.argv[2]!) as Task
  try {
    const result =
      task.kind === 'fanout'
        ? await fanout(task)
        : task.kind === 'memory'
          ? await memory(task)
          : task.kind === 'crash'
            ? await crash(task, checkpoint)
            : task.kind === 'synccost'
              ? await syncCost(task)
              : task.kind === 'throughput'
                ? await throughput(task, checkpoint)
                : await coldOpen(task)
    process.send!({ type: 'result', result }, () => process.exit(0))
  } catch (e) {
    process.send!({ type: 'error', message: (e as Error).stack ?? String(e) }, () => process.exit(1))
  }
}

void main()
