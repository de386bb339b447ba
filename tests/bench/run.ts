/**
 * `pnpm bench`: runs the scenarios of issue #7 against our server and the two peers, one
 * server at a time, with the load generator in a separate process, then prints one table
 * and writes tests/bench/results/. See README.md.
 */
import type { BigLoadPhase, BigLoadResult, BigLoadTask } from './bigLoad.js'
import { spawn } from 'node:child_process'
import { mkdirSync, rmSync, writeFileSync, copyFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { BENCH_DIR, machineBusyMs, OURS_IDLE_UNLOAD_MS, REPO, SERVER_NAMES, ServerProcess, type ServerName } from './servers.js'
import { prepareOurs, preparePeer, prepareReader } from './ours.js'
import type { Endpoint, Task } from './load/main.js'
import { withInstances } from './instances.js'
import type { MicroTask } from './micro.js'
import type { LatencySummary } from './stats.js'
import { documentList, listRows } from './list.js'
import { machine, markdown, textTable, type BenchReport, type Row, type ScenarioResult } from './report.js'

const { values: opts } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    only: { type: 'string', multiple: true },
    editors: { type: 'string' },
    seconds: { type: 'string' },
    servers: { type: 'string' },
    client: { type: 'string', default: 'lean' },
    out: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
})

const smoke = opts.smoke!
const only = (opts.only ?? [])
  .flatMap((o) => o.split(','))
  .map((o) => o.trim().toUpperCase())
  .filter(Boolean)
const servers = (opts.servers ? opts.servers.split(',') : SERVER_NAMES) as ServerName[]
for (const s of servers) if (!SERVER_NAMES.includes(s)) throw new Error(`--servers: unknown server "${s}" (${SERVER_NAMES.join(', ')})`)
const client = opts.client as 'lean' | 'stock'
if (client !== 'lean' && client !== 'stock') throw new Error('--client must be lean or stock')
const num = (v: string | undefined, name: string): number | undefined => {
  if (v === undefined) return undefined
  const n = Number(v)
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number, got "${v}"`)
  return n
}
const editorsArg = num(opts.editors, 'editors')
const secondsArg = num(opts.seconds, 'seconds')
const outDir = opts.out ?? join(BENCH_DIR, 'results')

/** Sizes: the issue's, or tiny ones for --smoke (a second or two each). */
const SIZES = smoke
  ? {
      s1: { editors: [editorsArg ?? 4], seconds: secondsArg ?? 1.5 },
      s2: { clients: 20, docs: 5, editsPerSecond: 20, seconds: secondsArg ?? 1.5 },
      s3: { docs: 2, pages: 1 },
      s4: { pages: 2, trials: 1 },
      s5: { pages: 20, warmup: 5, iterations: 20, maxSeconds: 2 },
      s6: { pages: 20, warmup: 1, iterations: 2, maxSeconds: 5 },
      s7: { authors: 4, trials: 1 },
      s8: { pages: 5, seconds: 2 },
      s9: { docs: 50, requests: 10, warmup: 2 },
      s12: { megabytes: 0.25, baselineTrips: 3 },
    }
  : {
      s1: { editors: editorsArg ? [editorsArg] : [50, 200], seconds: secondsArg ?? 30 },
      s2: { clients: 2000, docs: 500, editsPerSecond: 350, seconds: secondsArg ?? 30 },
      s3: { docs: 200, pages: 10 },
      s4: { pages: 100, trials: 3 },
      s5: { pages: 20, warmup: 500, iterations: 3000, maxSeconds: 20 },
      s6: { pages: 20, warmup: 5, iterations: 30, maxSeconds: 40 },
      s7: { authors: 12, trials: 3 },
      s8: { pages: 30, seconds: 10 },
      s9: { docs: 5000, requests: 200, warmup: 20 },
      s12: { megabytes: 4, baselineTrips: 20 },
    }

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const log = (...a: unknown[]) => console.error('[bench]', ...a)

type Handlers = Record<string, (data: Record<string, unknown>) => Promise<void> | void>

/** Runs a script of ours in a child process (tsx) and returns what it reports over IPC. */
function child<T>(script: string, arg: unknown, handlers: Handlers, timeoutMs: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', '--max-old-space-size=4096', join(BENCH_DIR, script), JSON.stringify(arg)], {
      cwd: REPO,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    let settled = false
    const timer = setTimeout(() => {
      p.kill('SIGKILL')
      finish(() => reject(new Error(`${script} ran longer than ${Math.round(timeoutMs / 1000)} s`)))
    }, timeoutMs)
    const finish = (f: () => void) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      f()
    }
    p.on('message', async (m: { type: string; name?: string; data?: Record<string, unknown>; result?: T; message?: string }) => {
      if (m.type === 'checkpoint') {
        try {
          await handlers[m.name!]?.(m.data ?? {})
          p.send({ type: 'go', name: m.name })
        } catch (e) {
          p.kill('SIGKILL')
          finish(() => reject(e))
        }
      } else if (m.type === 'result') finish(() => resolve(m.result as T))
      else if (m.type === 'error') finish(() => reject(new Error(m.message)))
    })
    p.on('exit', (code) => finish(() => reject(new Error(`${script} exited with ${code} without a result`))))
  })
}

/** Starts `name`, prepares `docs` rooms, runs `fn`, always stops the server and removes its dir. */
async function withServer<T>(
  name: ServerName,
  docs: number,
  serverOpts: { persist: boolean; inspect?: boolean; userLimits?: boolean },
  fn: (server: ServerProcess, endpoint: { protocol: 'y-websocket' | 'hocuspocus'; serverUrl: string; token?: string; rooms: string[] }) => Promise<T>,
  prefix: string,
): Promise<T | { error: string }> {
  const server = await ServerProcess.create(name, serverOpts)
  try {
    await server.start()
    const prepared = name === 'ours' ? await prepareOurs(server, docs) : preparePeer(docs, prefix)
    const endpoint = {
      protocol: name === 'hocuspocus' ? ('hocuspocus' as const) : ('y-websocket' as const),
      serverUrl: server.syncUrl,
      ...(prepared.token ? { token: prepared.token } : {}),
      rooms: prepared.rooms,
    }
    return await fn(server, endpoint)
  } catch (e) {
    const message = (e as Error).message
    log(`${prefix} ${name}: ${message}`)
    const tail = server.tail(15)
    return { error: message + (tail && name === 'ours' ? `\nserver log:\n${tail}` : '') }
  } finally {
    await server.stop().catch(() => {})
    if (!opts.keep) rmSync(server.dataDir, { recursive: true, force: true })
  }
}

function isError(r: unknown): r is { error: string } {
  return typeof r === 'object' && r !== null && 'error' in r
}

/** ours ÷ the better (lower) peer value. */
function ratio(values: Row['values']): number | null {
  const ours = values.ours
  const peers = SERVER_NAMES.filter((s) => s !== 'ours')
    .map((s) => values[s])
    .filter((v): v is number => typeof v === 'number' && v > 0)
  if (typeof ours !== 'number' || peers.length === 0) return null
  return Math.round((ours / Math.min(...peers)) * 100) / 100
}

function pick(results: Record<string, unknown>, f: (r: any) => number | string | null): Row['values'] {
  const values: Row['values'] = {}
  for (const s of servers) {
    const r = results[s]
    values[s] = r === undefined ? undefined : isError(r) ? 'error' : f(r)
  }
  return values
}

// ---------------------------------------------------------------- S1 and S2 (fan-out)

interface FanoutResult {
  clients: number
  rooms: number
  editsSent: number
  expected: number
  delivered: number
  duplicates: number
  latencyMs: LatencySummary
  loadgen: { cpuPercent: number; eventLoopDelayP99Ms: number }
  serverCpuPercent?: number
  /** CPU used by everything else on the machine during the window (% of one core). */
  otherCpuPercent?: number
}

type FanoutShape = { rooms: number; clientsPerRoom: number; ratePerClient: number; seconds: number }

/** One fan-out run of the load generator against `endpoint`, with the CPU of the server(s) measured in its window. */
async function measureFanout(endpoint: Endpoint, serverCpuMs: () => number, shape: FanoutShape): Promise<FanoutResult> {
  let cpu0 = 0
  let busy0 = 0
  let t0 = 0
  let serverCpuPercent = 0
  let machinePercent = 0
  const task: Task = {
    kind: 'fanout',
    ...endpoint,
    client,
    clientsPerRoom: shape.clientsPerRoom,
    editsPerSecondPerClient: shape.ratePerClient,
    seconds: shape.seconds,
    drainSeconds: 10,
  }
  const result = await child<FanoutResult>(
    'load/main.ts',
    task,
    {
      'measure-start': () => {
        cpu0 = serverCpuMs()
        busy0 = machineBusyMs()
        t0 = performance.now()
      },
      'measure-end': () => {
        const wall = performance.now() - t0
        serverCpuPercent = Math.round(((serverCpuMs() - cpu0) / wall) * 100)
        machinePercent = Math.round(((machineBusyMs() - busy0) / wall) * 100)
      },
    },
    (shape.seconds + 600) * 1000,
  )
  const otherCpuPercent = Math.max(0, machinePercent - serverCpuPercent - result.loadgen.cpuPercent)
  return { ...result, serverCpuPercent, otherCpuPercent }
}

async function fanout(id: string, shape: FanoutShape, only?: ServerName[]): Promise<Record<string, unknown>> {
  const results: Record<string, unknown> = {}
  for (const name of only ?? servers) {
    log(`${id}: ${name} (${shape.rooms} × ${shape.clientsPerRoom} clients, ${shape.seconds} s)`)
    results[name] = await withServer(
      name,
      shape.rooms,
      { persist: name === 'ours' },
      (server, endpoint) => measureFanout(endpoint, () => server.cpuMs(), shape),
      id.toLowerCase(),
    )
  }
  return results
}

/** S10, S11: the same fan-out on one instance and on two instances on one Redis, in the same run. */
async function fanoutOnInstances(id: string, shape: FanoutShape): Promise<{ one: unknown; two: unknown }> {
  const one = (await fanout(id, shape, ['ours'])).ours
  log(`${id}: ours, two instances on one Redis (${shape.rooms} × ${shape.clientsPerRoom} clients, ${shape.seconds} s)`)
  const two = await withInstances(2, shape.rooms, (i) => measureFanout(i.endpoint, i.cpuMs, shape), opts.keep).catch((e: Error) => ({ error: e.message }))
  return { one, two }
}

function instancesRows(id: string, { one, two }: { one: unknown; two: unknown }, p99Goal: number): Row[] {
  const row = (metric: string, unit: string, f: (r: FanoutResult) => number | string, goal?: string, met?: (r: FanoutResult) => boolean) =>
    (['two instances', 'one instance'] as const).map((which): Row => {
      const r = which === 'one instance' ? one : two
      const value = r === undefined ? undefined : isError(r) ? 'error' : f(r as FanoutResult)
      return {
        scenario: id,
        metric: `${metric}, ${which}`,
        unit,
        values: { ours: value },
        ...(goal && which === 'two instances' ? { goal, met: r === undefined ? undefined : isError(r) ? null : met!(r as FanoutResult) } : {}),
      }
    })
  return [
    ...row('latency p50', 'ms', (r) => r.latencyMs.p50 ?? 'n/a'),
    ...row(
      'latency p99',
      'ms',
      (r) => r.latencyMs.p99 ?? 'n/a',
      `≤ ${p99Goal} ms`,
      (r) => (r.latencyMs.p99 ?? Infinity) <= p99Goal,
    ),
    ...row(
      'deliveries',
      'arrived/expected',
      (r) => `${r.delivered.toLocaleString('en-US')}/${r.expected.toLocaleString('en-US')}`,
      'all arrive',
      (r) => r.delivered === r.expected && r.expected > 0,
    ),
    ...row('server CPU (all instances)', '%', (r) => r.serverCpuPercent ?? 'n/a'),
  ]
}

function fanoutRows(id: string, results: Record<string, unknown>, p99Goal: number, vsPeers: boolean): Row[] {
  const lat = (k: keyof LatencySummary) => pick(results, (r: FanoutResult) => r.latencyMs[k])
  const p99 = lat('p99')
  const oursP99 = p99.ours
  const r99 = ratio(p99)
  // Without a peer result the "≤ 1.0× faster peer" half cannot be judged: unknown, not failed.
  const p99Met = typeof oursP99 !== 'number' ? null : oursP99 > p99Goal ? false : !vsPeers ? true : r99 === null ? null : r99 <= 1.0
  const deliveries = pick(results, (r: FanoutResult) => `${r.delivered.toLocaleString('en-US')}/${r.expected.toLocaleString('en-US')}`)
  const ours = results.ours as FanoutResult | undefined
  return [
    { scenario: id, metric: 'latency p50', unit: 'ms', values: lat('p50'), ratio: ratio(lat('p50')) },
    {
      scenario: id,
      metric: 'latency p99',
      unit: 'ms',
      values: p99,
      ratio: r99,
      goal: `≤ ${p99Goal} ms${vsPeers ? ' and ≤ 1.0× faster peer' : ''}`,
      met: results.ours === undefined ? undefined : p99Met,
    },
    { scenario: id, metric: 'latency max', unit: 'ms', values: lat('max'), ratio: ratio(lat('max')) },
    {
      scenario: id,
      metric: 'deliveries',
      unit: 'arrived/expected',
      values: deliveries,
      goal: 'all arrive',
      met: ours === undefined ? undefined : isError(ours) ? null : ours.delivered === ours.expected && ours.expected > 0,
    },
    { scenario: id, metric: 'server CPU', unit: '%', values: pick(results, (r: FanoutResult) => r.serverCpuPercent ?? null) },
    { scenario: id, metric: 'load generator CPU', unit: '%', values: pick(results, (r: FanoutResult) => r.loadgen.cpuPercent) },
    { scenario: id, metric: 'other processes CPU (noise)', unit: '%', values: pick(results, (r: FanoutResult) => r.otherCpuPercent ?? null) },
  ]
}

// ---------------------------------------------------------------- S3 (memory)

async function settledRss(server: ServerProcess, maxMs: number): Promise<number> {
  // RSS falls in steps as V8 releases pages; wait until it stops falling (or maxMs).
  let last = server.rssBytes()
  let stable = 0
  const until = Date.now() + maxMs
  while (Date.now() < until && stable < 3) {
    await sleep(1000)
    const now = server.rssBytes()
    stable = now < last * 0.99 ? 0 : stable + 1
    last = Math.min(last, now)
  }
  return last
}

interface MemoryResult {
  docs: number
  pages: number
  opsPerDoc: number
  charsPerDoc: number
  /** V8 heap in use after a forced GC: nothing loaded → all loaded → all left. */
  heapMB: { baseline: number; loaded: number; idle: number }
  rssMB: { baseline: number; loaded: number; idle: number }
  heapPerDocKB: number
  /** V8 heap + ArrayBuffer contents (off-heap bytes such as Yjs updates) per document. */
  retainedPerDocKB: number
  rssPerDocKB: number
  backToBaseline: boolean
}

async function memory(): Promise<Record<string, unknown>> {
  const { docs, pages } = SIZES.s3
  const results: Record<string, unknown> = {}
  const mb = (b: number) => Math.round((b / 2 ** 20) * 10) / 10
  for (const name of servers) {
    log(`S3: ${name} (${docs} documents of ${pages} pages)`)
    results[name] = await withServer(
      name,
      docs,
      { persist: name === 'ours', inspect: true },
      async (server, endpoint) => {
        // After a forced GC, RSS falls in steps for seconds (V8 and malloc hand pages back
        // lazily): every reading waits until it stops falling, so none carries another's slack.
        const measure = async () => {
          const { heapUsedBytes, arrayBufferBytes } = await server.collectGarbage()
          return { heap: heapUsedBytes, buffers: arrayBufferBytes, rss: await settledRss(server, smoke ? 1000 : 10_000) }
        }
        // Documents made over the API sit in memory until the idle grace passes.
        await sleep(name === 'ours' ? OURS_IDLE_UNLOAD_MS + 1000 : 500)
        const baseline = await measure()
        let loaded = baseline
        let idle = baseline
        const result = await child<{ docs: number; pages: number; opsPerDoc: number; charsPerDoc: number }>(
          'load/main.ts',
          { kind: 'memory', ...endpoint, pages } satisfies Task,
          {
            loaded: async () => {
              loaded = await measure()
            },
            left: async () => {
              await sleep(OURS_IDLE_UNLOAD_MS + 1000)
              idle = await measure()
            },
          },
          600_000,
        )
        const added = loaded.heap - baseline.heap
        return {
          ...result,
          heapMB: { baseline: mb(baseline.heap), loaded: mb(loaded.heap), idle: mb(idle.heap) },
          rssMB: { baseline: mb(baseline.rss), loaded: mb(loaded.rss), idle: mb(idle.rss) },
          heapPerDocKB: Math.round(added / docs / 1024),
          retainedPerDocKB: Math.round((loaded.heap + loaded.buffers - baseline.heap - baseline.buffers) / docs / 1024),
          rssPerDocKB: Math.round((loaded.rss - baseline.rss) / docs / 1024),
          // "Back to baseline": the heap after GC within 5% of what loading added (or 2 MB).
          backToBaseline: idle.heap - baseline.heap <= Math.max(2 * 2 ** 20, 0.05 * added),
        } satisfies MemoryResult
      },
      's3',
    )
  }
  return results
}

function memoryRows(results: Record<string, unknown>): Row[] {
  const rss = pick(results, (r: MemoryResult) => r.rssPerDocKB)
  const heap = pick(results, (r: MemoryResult) => r.heapPerDocKB)
  const retained = pick(results, (r: MemoryResult) => r.retainedPerDocKB)
  const ours = results.ours as MemoryResult | undefined
  const judged = ours === undefined ? undefined : isError(ours) ? null : ours
  return [
    {
      scenario: 'S3',
      metric: 'RSS per loaded TU',
      unit: 'kB',
      values: rss,
      ratio: ratio(rss),
      goal: '≤ 200 kB',
      met: judged === undefined ? undefined : judged && judged.rssPerDocKB <= 200,
    },
    { scenario: 'S3', metric: 'V8 heap per loaded TU (after GC)', unit: 'kB', values: heap, ratio: ratio(heap) },
    { scenario: 'S3', metric: 'V8 heap + ArrayBuffers per loaded TU (after GC)', unit: 'kB', values: retained, ratio: ratio(retained) },
    {
      scenario: 'S3',
      metric: 'RSS baseline → loaded → idle',
      unit: 'MB',
      values: pick(results, (r: MemoryResult) => `${r.rssMB.baseline} → ${r.rssMB.loaded} → ${r.rssMB.idle}`),
    },
    {
      scenario: 'S3',
      metric: 'heap baseline → loaded → idle',
      unit: 'MB',
      values: pick(results, (r: MemoryResult) => `${r.heapMB.baseline} → ${r.heapMB.loaded} → ${r.heapMB.idle}`),
    },
    {
      scenario: 'S3',
      metric: 'heap back to baseline when idle',
      unit: '',
      values: pick(results, (r: MemoryResult) => (r.backToBaseline ? 'yes' : 'no')),
      goal: 'back to baseline',
      met: judged === undefined ? undefined : judged === null ? null : judged.backToBaseline,
    },
  ]
}

// ---------------------------------------------------------------- S4 (cold open)

interface ColdOpenResult {
  ops: number
  chars: number
  stateBytes: number
  toStep2Ms: LatencySummary
  toSyncedMs: LatencySummary
  unloaded: { toStep2Ms: LatencySummary; toSyncedMs: LatencySummary }
}

async function coldOpen(): Promise<Record<string, unknown>> {
  const { pages, trials } = SIZES.s4
  const results: Record<string, unknown> = {}
  for (const name of servers) {
    log(`S4: ${name} (${pages} pages, ${trials} cold opens)`)
    results[name] = await withServer(
      name,
      1,
      { persist: true },
      async (server, endpoint) => {
        return child<ColdOpenResult>(
          'load/main.ts',
          { kind: 'coldopen', ...endpoint, pages, trials, unloadWaitMs: OURS_IDLE_UNLOAD_MS + 1000 } satisfies Task,
          { restart: () => server.restart() },
          600_000,
        )
      },
      's4',
    )
  }
  return results
}

function coldOpenRows(results: Record<string, unknown>): Row[] {
  const step2 = pick(results, (r: ColdOpenResult) => r.toStep2Ms.p50)
  const ours = results.ours as ColdOpenResult | undefined
  const first = Object.values(results).find((r): r is ColdOpenResult => !isError(r))
  const size = first ? ` — ${first.ops.toLocaleString('en-US')} ops, ${Math.round(first.stateBytes / 1024)} kB state` : ''
  return [
    {
      scenario: 'S4',
      metric: `after restart: connect → document received, median${size}`,
      unit: 'ms',
      values: step2,
      ratio: ratio(step2),
      goal: '≤ 150 ms',
      met: ours === undefined ? undefined : isError(ours) ? null : (ours.toStep2Ms.p50 ?? Infinity) <= 150,
    },
    { scenario: 'S4', metric: 'after restart: connect → document received, max', unit: 'ms', values: pick(results, (r: ColdOpenResult) => r.toStep2Ms.max) },
    {
      scenario: 'S4',
      metric: 'after restart: connect → synced (incl. client apply), median',
      unit: 'ms',
      values: pick(results, (r: ColdOpenResult) => r.toSyncedMs.p50),
    },
    {
      scenario: 'S4',
      metric: 'unloaded doc, running server: connect → document received, median',
      unit: 'ms',
      values: pick(results, (r: ColdOpenResult) => r.unloaded.toStep2Ms.p50),
      ratio: ratio(pick(results, (r: ColdOpenResult) => r.unloaded.toStep2Ms.p50)),
    },
  ]
}

// ---------------------------------------------------------------- S7 (crash recovery)

interface CrashResult {
  authors: number
  trials: number
  maxBackoffMs: number
  typed: number
  lost: number
  convergedMs: LatencySummary
}

/** Ours only: the peers keep documents in memory, so a SIGKILL loses them by design. */
async function crashRecovery(): Promise<Record<string, unknown>> {
  const { authors, trials } = SIZES.s7
  log(`S7: ours (${authors} authors, ${trials} SIGKILLs)`)
  const result = await withServer(
    'ours',
    1,
    { persist: true },
    (server, endpoint) =>
      child<CrashResult>(
        'load/main.ts',
        {
          kind: 'crash',
          serverUrl: endpoint.serverUrl,
          ...(endpoint.token ? { token: endpoint.token } : {}),
          rooms: endpoint.rooms,
          authors,
          trials,
        } satisfies Task,
        { kill: () => server.kill(), restart: () => server.start() },
        300_000,
      ),
    's7',
  )
  return { ours: result }
}

function crashRows(results: Record<string, unknown>): Row[] {
  const ours = results.ours as CrashResult | { error: string }
  const ok = isError(ours) ? null : ours
  const values = (f: (r: CrashResult) => number | string | null): Row['values'] => ({ ours: ok ? f(ok) : 'error' })
  return [
    {
      scenario: 'S7',
      metric: 'server ready → every provider reconnected and converged, median',
      unit: 'ms',
      values: values((r) => r.convergedMs.p50),
      goal: '≤ 2000 ms',
      met: ok ? (ok.convergedMs.p50 ?? Infinity) <= 2000 : null,
    },
    { scenario: 'S7', metric: 'server ready → converged, max', unit: 'ms', values: values((r) => r.convergedMs.max) },
    {
      scenario: 'S7',
      metric: 'edits lost (typed before, during and after the SIGKILL)',
      unit: 'edits',
      values: values((r) => `${r.lost} of ${r.typed}`),
      goal: 'none',
      met: ok ? ok.lost === 0 : null,
    },
  ]
}

// ---------------------------------------------------------------- S8 (sync cost, issue 22.1)

interface SyncCostResult {
  pages: number
  ops: number
  baseline: { sent: number; delivered: number; latencyMs: LatencySummary }
  underAttack: { sent: number; delivered: number; latencyMs: LatencySummary }
  attacker: { messages: number; refusedUpgrades: number; closes: Record<string, number> }
}

/** Ours only: the peers have no work budget (one reader there stalls every document). */
async function syncCostScenario(): Promise<Record<string, unknown>> {
  const { pages, seconds } = SIZES.s8
  log(`S8: ours (${pages}-page document X under a sync step 1 flood, 2 editors on Y, ${seconds} s each phase)`)
  const result = await withServer(
    'ours',
    2,
    { persist: true, userLimits: true },
    async (server, endpoint) => {
      const readerToken = await prepareReader(server, endpoint.rooms[0]!, endpoint.token!)
      return child<SyncCostResult>(
        'load/main.ts',
        { kind: 'synccost', serverUrl: endpoint.serverUrl, token: endpoint.token!, readerToken, rooms: endpoint.rooms, pages, seconds } satisfies Task,
        {},
        (seconds * 2 + 300) * 1000,
      )
    },
    's8',
  )
  return { ours: result }
}

function syncCostRows(results: Record<string, unknown>): Row[] {
  const ours = results.ours as SyncCostResult | { error: string }
  const ok = isError(ours) ? null : ours
  const values = (f: (r: SyncCostResult) => number | string | null): Row['values'] => ({ ours: ok ? f(ok) : 'error' })
  const base = ok?.baseline.latencyMs.p99 ?? null
  const attacked = ok?.underAttack.latencyMs.p99 ?? null
  return [
    { scenario: 'S8', metric: 'Y round trip p99, alone', unit: 'ms', values: values(() => base) },
    {
      scenario: 'S8',
      metric: 'Y round trip p99, while a reader floods X with sync step 1',
      unit: 'ms',
      values: values(() => attacked),
      goal: '≤ 2× alone',
      met: ok && base !== null && attacked !== null ? attacked <= 2 * Math.max(base, 1) : null,
    },
    {
      scenario: 'S8',
      metric: 'Y edits delivered under attack',
      unit: 'arrived/sent',
      values: values((r) => `${r.underAttack.delivered}/${r.underAttack.sent}`),
    },
    {
      scenario: 'S8',
      metric: 'attacker: closes (code reason: count), refused reconnects',
      unit: '',
      values: values((r) => `${JSON.stringify(r.attacker.closes)}; ${r.attacker.refusedUpgrades} refused`),
    },
  ]
}

// ---------------------------------------------------------------- S12 (a large room loads, issue 22.2)

function bigLoadRows(r: BigLoadResult | { error: string }): Row[] {
  const ok = isError(r) ? null : r
  // One column: "main thread → state pool", both measured in the same run.
  const both = (f: (p: BigLoadPhase) => number | string | null): Row['values'] => ({ 'in-process': ok ? `${f(ok.mainThread)} → ${f(ok.statePool)}` : 'error' })
  const before = ok?.mainThread.eventLoopDelayMs.p99
  const after = ok?.statePool.eventLoopDelayMs.p99
  return [
    {
      scenario: 'S12',
      metric: 'event-loop delay p99 while the room loads, main thread → state pool',
      unit: 'ms',
      values: both((p) => p.eventLoopDelayMs.p99),
      goal: '≤ 1/10 of the main thread’s',
      met: before !== undefined && after !== undefined ? after <= before / 10 : null,
    },
    { scenario: 'S12', metric: 'event-loop delay max while the room loads', unit: 'ms', values: both((p) => p.eventLoopDelayMs.max) },
    { scenario: 'S12', metric: 'other document round trips completed during the load', unit: 'trips', values: both((p) => p.duringLoad.count) },
    {
      scenario: 'S12',
      metric: 'other document round trip p99: alone / during the load',
      unit: 'ms',
      values: both((p) => `${p.baseline.p99} / ${p.duringLoad.p99}`),
    },
    { scenario: 'S12', metric: 'handshake → socket open (the load)', unit: 'ms', values: both((p) => p.loadMs) },
  ]
}

// ---------------------------------------------------------------- S5, S6 (in-process)

async function micro(kind: MicroTask['kind'], sizes: Omit<MicroTask, 'kind'>): Promise<unknown> {
  log(`${kind}: ${sizes.pages} pages, ${sizes.iterations} iterations`)
  try {
    return await child('micro.ts', { kind, ...sizes } satisfies MicroTask, {}, 300_000)
  } catch (e) {
    log(`${kind}: ${(e as Error).message}`)
    return { error: (e as Error).message }
  }
}

function microRows(id: string, label: string, r: unknown, goalMs: number): Row[] {
  if (isError(r)) return [{ scenario: id, metric: `${label} median`, unit: 'ms', values: { 'in-process': 'error' }, goal: `≤ ${goalMs} ms`, met: null }]
  const s = (r as { latencyMs: LatencySummary }).latencyMs
  return [
    { scenario: id, metric: `${label} median`, unit: 'ms', values: { 'in-process': s.p50 }, goal: `≤ ${goalMs} ms`, met: (s.p50 ?? Infinity) <= goalMs },
    { scenario: id, metric: `${label} p99`, unit: 'ms', values: { 'in-process': s.p99 } },
  ]
}

// ---------------------------------------------------------------- main

function selected(id: string): boolean {
  return only.length === 0 || only.some((o) => id === o || id.startsWith(o + '-'))
}

async function main() {
  const startedAt = new Date()
  const scenarios: ScenarioResult[] = []
  const add = (s: ScenarioResult) => {
    scenarios.push(s)
    console.error(
      textTable({ ...report(startedAt, scenarios) })
        .split('\n')
        .slice(-s.rows.length)
        .join('\n'),
    )
  }

  for (const editors of SIZES.s1.editors) {
    const id = smoke ? 'S1' : `S1-${editors}`
    if (!selected(id)) continue
    const results = await fanout(id, { rooms: 1, clientsPerRoom: editors, ratePerClient: 5, seconds: SIZES.s1.seconds })
    const goal = editors > 50 ? 50 : 10
    add({ id, title: `fan-out, ${editors} editors on one document, 5 edits/s each`, results, rows: fanoutRows(id, results, goal, goal === 10) })
  }
  if (selected('S2')) {
    const { clients, docs, editsPerSecond, seconds } = SIZES.s2
    const results = await fanout('S2', { rooms: docs, clientsPerRoom: clients / docs, ratePerClient: editsPerSecond / clients, seconds })
    add({
      id: 'S2',
      title: `${clients} clients over ${docs} documents, ${editsPerSecond} edits/s in total`,
      results,
      rows: fanoutRows('S2', results, 5, false),
    })
  }
  if (selected('S3')) {
    const results = await memory()
    add({ id: 'S3', title: `memory per loaded TU (${SIZES.s3.pages} pages with history)`, results, rows: memoryRows(results) })
  }
  if (selected('S4')) {
    const results = await coldOpen()
    add({ id: 'S4', title: `cold open of a ${SIZES.s4.pages}-page TU with a long history`, results, rows: coldOpenRows(results) })
  }
  if (selected('S5')) {
    const r = await micro('coverage', SIZES.s5)
    add({ id: 'S5', title: `coverageOfDocument on a ${SIZES.s5.pages}-page TU`, results: { 'in-process': r }, rows: microRows('S5', 'coverage', r, 1) })
  }
  if (selected('S6')) {
    const docx = await micro('docx', SIZES.s6)
    const pdf = await micro('pdf', { ...SIZES.s6, iterations: Math.ceil(SIZES.s6.iterations / 2) })
    add({
      id: 'S6',
      title: `export of a ${SIZES.s6.pages}-page TU`,
      results: { 'in-process': { docx, pdf } },
      rows: [...microRows('S6', 'DOCX', docx, 300), ...microRows('S6', 'PDF', pdf, 1000)],
    })
  }

  if (selected('S7') && servers.includes('ours')) {
    const results = await crashRecovery()
    const { authors, trials } = SIZES.s7
    add({ id: 'S7', title: `crash recovery: SIGKILL while ${authors} authors type (stock providers), ${trials}×`, results, rows: crashRows(results) })
  }

  if (selected('S8') && servers.includes('ours')) {
    const results = await syncCostScenario()
    add({
      id: 'S8',
      title: `sync cost: a reader repeating sync step 1 on a ${SIZES.s8.pages}-page TU while two authors edit another`,
      results,
      rows: syncCostRows(results),
    })
  }
  if (selected('S9') && servers.includes('ours')) {
    log(`S9: ours (${SIZES.s9.docs} documents, ${SIZES.s9.requests} list requests of each kind)`)
    const r = await documentList(SIZES.s9, (script, arg, timeoutMs) => child(script, arg, {}, timeoutMs), opts.keep!).catch((e: Error) => ({
      error: e.message,
    }))
    add({
      id: 'S9',
      title: `dashboard list: GET /api/documents for a user with a role in ${SIZES.s9.docs.toLocaleString('en-US')} documents`,
      results: { ours: r },
      rows: listRows(r),
    })
  }

  if (selected('S10') && servers.includes('ours')) {
    const editors = smoke ? SIZES.s1.editors[0]! : 50
    const results = await fanoutOnInstances('S10', { rooms: 1, clientsPerRoom: editors, ratePerClient: 5, seconds: SIZES.s1.seconds })
    add({
      id: 'S10',
      title: `S1 over two instances on one Redis: ${editors} editors on one document, alternating instances`,
      results,
      rows: instancesRows('S10', results, 15),
    })
  }
  if (selected('S11') && servers.includes('ours')) {
    const { clients, docs, editsPerSecond, seconds } = SIZES.s2
    const results = await fanoutOnInstances('S11', { rooms: docs, clientsPerRoom: clients / docs, ratePerClient: editsPerSecond / clients, seconds })
    add({
      id: 'S11',
      title: `S2 over two instances on one Redis: ${clients} clients over ${docs} documents, alternating instances`,
      results,
      rows: instancesRows('S11', results, 10),
    })
  }
  if (selected('S12') && servers.includes('ours')) {
    log(`S12: ours in-process (a ${SIZES.s12.megabytes} MB room of the smallest structs loads; main thread, then state pool)`)
    const r = await child<BigLoadResult>('bigLoad.ts', SIZES.s12 satisfies BigLoadTask, {}, 600_000).catch((e: Error) => ({ error: e.message }))
    add({
      id: 'S12',
      title: `a room stored over the quotas (${SIZES.s12.megabytes} MB of the smallest Yjs structs) loads while another document is edited`,
      results: { ours: r },
      rows: bigLoadRows(r),
    })
  }

  const final = report(startedAt, scenarios)
  console.log('\n' + textTable(final) + '\n')
  mkdirSync(outDir, { recursive: true })
  const base = smoke ? 'smoke' : 'latest'
  writeFileSync(join(outDir, `${base}.json`), JSON.stringify(final, null, 2) + '\n')
  writeFileSync(join(outDir, `${base}.md`), markdown(final))
  if (!smoke) {
    const stamp = startedAt.toISOString().replace(/[:.]/g, '-')
    copyFileSync(join(outDir, 'latest.json'), join(outDir, `${stamp}.json`))
    copyFileSync(join(outDir, 'latest.md'), join(outDir, `${stamp}.md`))
  }
  log(`results in ${outDir}/${base}.{json,md}`)
}

function report(startedAt: Date, scenarios: ScenarioResult[]): BenchReport {
  return {
    mode: smoke ? 'smoke' : 'full',
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    args: process.argv.slice(2),
    machine: machine(),
    notes: [
      `Load generator: one separate process; ${client === 'lean' ? 'lean protocol clients (raw ws + y-protocols; they scan remote updates for edit markers instead of applying them)' : 'stock providers (y-websocket WebsocketProvider, @hocuspocus/provider)'}; one socket per client.`,
      'Perspektiv persists every update to SQLite before broadcasting it; the peers run in memory (S1–S3) and with a minimal file store for S4 only.',
      'Latency: send timestamp embedded in the inserted text, read by each receiving client in the same process (one clock).',
      'Ratio = Perspektiv ÷ the better peer; below 1 means Perspektiv is faster/smaller.',
    ],
    scenarios,
  }
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
