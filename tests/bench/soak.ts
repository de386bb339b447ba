/**
 * `pnpm bench:soak [--minutes 10] [--docs 150] [--active 100] [--clients-per-doc 4] [--rate 0.5]`:
 * issue #8 promise 9. The many-documents load against our server (a real child process,
 * SQLite in a temp dir) for a long while, with churn: every 10 s the clients of a few
 * documents leave and others open new ones, so documents load, compact and unload all the
 * time. Each client keeps its paragraph short (types, then deletes what it typed), so the
 * documents themselves stay small and any lasting memory growth is the server's.
 *
 * Every 10 s the server's V8 heap after a forced full GC (through the inspector) and its
 * RSS are sampled. After warm-up (the first quarter, at least 30 s) memory must be flat: the
 * heap's linear trend over the rest of the run may add at most max(8 MB, 10 % of its mean).
 * Prints a table and the slope; exits 1 when memory is not flat. Not part of CI.
 */
import { parseArgs } from 'node:util'
import * as Y from 'yjs'
import { appendParagraph } from './content.js'
import { createClient, LOCAL, type BenchClient } from './load/clients.js'
import { prepareOurs } from './ours.js'
import { ServerProcess } from './servers.js'

const { values: opts } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    docs: { type: 'string', default: '150' },
    active: { type: 'string', default: '100' },
    'clients-per-doc': { type: 'string', default: '4' },
    rate: { type: 'string', default: '0.5' },
  },
})
const positive = (name: keyof typeof opts): number => {
  const n = Number(opts[name])
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number, got "${opts[name]}"`)
  return n
}
const MINUTES = positive('minutes')
const DOCS = Math.round(positive('docs'))
const ACTIVE = Math.min(DOCS, Math.round(positive('active')))
const PER_DOC = Math.round(positive('clients-per-doc'))
/** Edits per second per client. */
const RATE = positive('rate')
const SAMPLE_MS = 10_000
/** Documents whose clients leave (and others' join) at each sample. */
const CHURN_DOCS = Math.max(1, Math.round(ACTIVE / 10))
const MAX_PARAGRAPH = 200

const log = (...a: unknown[]) => console.error('[soak]', ...a)
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const mb = (bytes: number) => bytes / (1024 * 1024)

interface Writer {
  client: BenchClient
  text: Y.XmlText
  index: number
}

/** Least-squares slope of y over x. */
function slope(points: Array<[number, number]>): number {
  const n = points.length
  const mx = points.reduce((s, [x]) => s + x, 0) / n
  const my = points.reduce((s, [, y]) => s + y, 0) / n
  const sxx = points.reduce((s, [x]) => s + (x - mx) ** 2, 0)
  const sxy = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0)
  return sxx === 0 ? 0 : sxy / sxx
}

async function main(): Promise<number> {
  const server = await ServerProcess.create('ours', { inspect: true })
  await server.start()
  log(`server on ${server.httpUrl}; ${DOCS} documents, ${ACTIVE} open at a time × ${PER_DOC} clients, ${RATE} edits/s each, ${MINUTES} min`)
  const { token, rooms } = await prepareOurs(server, DOCS, 'Soak')
  const open = new Map<number, Writer[]>()
  let next = 0
  let edits = 0
  let remoteBytes = 0
  let writerIndex = 0

  const openDoc = async (d: number) => {
    const writers: Writer[] = []
    for (let i = 0; i < PER_DOC; i++) {
      const client = createClient('lean', { protocol: 'y-websocket', serverUrl: server.syncUrl, room: rooms[d]!, token })
      await client.synced
      client.onRemote = (bytes) => {
        remoteBytes += bytes.length
      }
      const index = writerIndex++
      writers.push({ client, text: appendParagraph(client.doc, index, LOCAL), index })
    }
    open.set(d, writers)
  }
  const closeDoc = async (d: number) => {
    const writers = open.get(d) ?? []
    open.delete(d)
    await Promise.all(writers.map((w) => w.client.close()))
  }
  for (; next < ACTIVE; next++) await openDoc(next)

  // Everyone types at RATE; a paragraph that grew too long is trimmed from the front.
  const tick = 100
  const typing = setInterval(() => {
    for (const writers of open.values()) {
      for (const w of writers) {
        if (Math.random() > (RATE * tick) / 1000) continue
        w.client.doc.transact(() => {
          w.text.insert(w.text.length, `skriver ${w.index}:${edits} `)
          if (w.text.length > MAX_PARAGRAPH) w.text.delete(0, w.text.length - MAX_PARAGRAPH / 2)
        }, LOCAL)
        edits++
      }
    }
  }, tick)

  const samples: Array<{ t: number; heap: number; rss: number; edits: number; docs: number }> = []
  const started = Date.now()
  const end = started + MINUTES * 60_000
  while (Date.now() < end) {
    await sleep(Math.min(SAMPLE_MS, end - Date.now()))
    const { heapUsedBytes } = await server.collectGarbage()
    const sample = { t: (Date.now() - started) / 60_000, heap: mb(heapUsedBytes), rss: mb(server.rssBytes()), edits, docs: open.size }
    samples.push(sample)
    log(`${sample.t.toFixed(2)} min: heap ${sample.heap.toFixed(1)} MB, rss ${sample.rss.toFixed(1)} MB, ${edits} edits`)
    // Churn: the oldest open documents are left (and unloaded by the server), new ones opened.
    const leaving = [...open.keys()].slice(0, CHURN_DOCS)
    await Promise.all(leaving.map(closeDoc))
    for (let i = 0; i < CHURN_DOCS; i++, next++) await openDoc(next % DOCS)
  }
  clearInterval(typing)
  await Promise.all([...open.keys()].map(closeDoc))
  await server.stop()

  const warmup = Math.max(0.5, MINUTES / 4)
  const after = samples.filter((s) => s.t >= warmup)
  console.log(
    `\nSoak: ${MINUTES} min, ${DOCS} documents (${ACTIVE} open × ${PER_DOC} clients, ${CHURN_DOCS} swapped every 10 s), ${edits} edits, ${mb(remoteBytes).toFixed(1)} MB of remote updates received`,
  )
  console.log('\n| min | heap after GC (MB) | RSS (MB) | edits |')
  console.log('|---:|---:|---:|---:|')
  for (const s of samples) console.log(`| ${s.t.toFixed(1)} | ${s.heap.toFixed(1)} | ${s.rss.toFixed(1)} | ${s.edits} |`)
  if (after.length < 3) {
    console.log(`\nToo few samples after the ${warmup} min warm-up to judge; run longer.`)
    return 1
  }
  const heapSlope = slope(after.map((s) => [s.t, s.heap]))
  const rssSlope = slope(after.map((s) => [s.t, s.rss]))
  const span = after[after.length - 1]!.t - after[0]!.t
  const meanHeap = after.reduce((n, s) => n + s.heap, 0) / after.length
  const allowed = Math.max(8, meanHeap * 0.1)
  const growth = heapSlope * span
  const flat = growth <= allowed
  console.log(
    `\nAfter ${warmup} min warm-up: heap slope ${heapSlope.toFixed(2)} MB/min (${growth.toFixed(1)} MB over ${span.toFixed(1)} min; allowed ${allowed.toFixed(1)} MB), ` +
      `RSS slope ${rssSlope.toFixed(2)} MB/min. Memory ${flat ? 'is flat' : 'GROWS'}.`,
  )
  return flat ? 0 : 1
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error('[soak] failed:', err)
    process.exit(2)
  },
)
