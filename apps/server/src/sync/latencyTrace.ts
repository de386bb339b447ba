import { appendFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { monitorEventLoopDelay, performance } from 'node:perf_hooks'

/**
 * An opt-in breakdown of one edit's time in the server (issue 19, bench S11): with
 * PERSPEKTIV_LATENCY_TRACE=<dir> every instance appends, every 5 s, one JSON line per
 * interval to `<dir>/trace-<pid>.jsonl` with p50/p99/max of each stage in milliseconds:
 *
 * - `loopDelay`: the event loop's delay (what a socket's data waits before its handler runs)
 * - `queued`: `message` handler → the socket's fair queue runs it
 * - `decode`: decode and checks of one update, until it is enqueued for the group commit
 * - `slot`: enqueued → its batch is sent to the store (the setImmediate, a room with a batch
 *   in flight, or every place in flight taken)
 * - `commit`: the store's answer to one batch (PostgreSQL's round trip with its fsync)
 * - `broadcast`: one answered batch joined to its rooms and sent to their peers (and handed
 *   to the relay), on this thread
 * - `publish`: one update's XADD to Redis until it answered (not on the path of this
 *   instance's clients)
 * - `total`: `message` handler → its broadcast sent
 * - `batchRows`: rows per committed batch; `xreadKeys`, `xreadEntries`: streams named by, and
 *   entries answered to, each of the relay's blocking reads (n = reads in the interval)
 *
 * Off (the default) it costs one boolean test per call site. Never in a test's assertions.
 */
const DIR = process.env.PERSPEKTIV_LATENCY_TRACE
export const tracing = Boolean(DIR)

type Stage = 'queued' | 'decode' | 'slot' | 'commit' | 'broadcast' | 'publish' | 'total' | 'batchRows' | 'xreadKeys' | 'xreadEntries'

let samples: Record<Stage, number[]> = fresh()
function fresh(): Record<Stage, number[]> {
  return { queued: [], decode: [], slot: [], commit: [], broadcast: [], publish: [], total: [], batchRows: [], xreadKeys: [], xreadEntries: [] }
}

/** When each traced message arrived (performance.now()), keyed by the message's bytes. */
const arrivals = new WeakMap<Uint8Array, number>()
/** The arrival of the message being handled now (set around `room.receive`). */
let current = 0
/** When the message being handled now started being handled. */
let started = 0

export const now = (): number => performance.now()

export function arrived(data: Uint8Array): void {
  arrivals.set(data, performance.now())
}

/** The message `data` starts being handled: its wait in the fair queue is recorded. */
export function handling(data: Uint8Array): void {
  const at = arrivals.get(data)
  current = at ?? 0
  started = performance.now()
  if (at !== undefined) samples.queued.push(started - at)
}

export function handled(): void {
  current = 0
}

/** When the message being handled now started being handled. */
export const currentStart = (): number => started

/** The arrival time of the message being handled (0: none traced). */
export const currentArrival = (): number => current

export function record(stage: Stage, ms: number): void {
  samples[stage].push(ms)
}

function summary(values: number[]): { n: number; p50: number; p99: number; max: number } | undefined {
  if (values.length === 0) return undefined
  const sorted = Float64Array.from(values).sort()
  const at = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! * 1000) / 1000
  return { n: sorted.length, p50: at(0.5), p99: at(0.99), max: at(1) }
}

if (DIR) {
  mkdirSync(DIR, { recursive: true })
  const file = join(DIR, `trace-${process.pid}.jsonl`)
  const loop = monitorEventLoopDelay({ resolution: 1 })
  loop.enable()
  setInterval(() => {
    const line: Record<string, unknown> = { at: new Date().toISOString() }
    for (const [stage, values] of Object.entries(samples)) line[stage] = summary(values)
    line.loopDelay = { p50: loop.percentile(50) / 1e6, p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 }
    loop.reset()
    samples = fresh()
    appendFileSync(file, `${JSON.stringify(line)}\n`)
  }, 5_000).unref()
}
