/** S1, S2: fan-out against us and the peers (S10, S11 run the same on several instances: scenarios/instances.ts). */
import { cpuWindowCheckpoints } from '../cpuWindow.js'
import type { Endpoint, Task } from '../load/main.js'
import type { LatencySummary } from '../stats.js'
import type { Row } from '../report.js'
import { client, servers, SIZES, smoke } from '../options.js'
import { child, isError, log, pick, ratio, withServer, type BenchScenario } from '../harness.js'

export interface FanoutResult {
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
  /** nginx, PostgreSQL and Redis of S10/S11 during the window (% of one core); 0 where none run. */
  stackCpuPercent?: number
  /** S10, S11: established sockets on each instance when the measuring window opened. */
  socketsPerInstance?: number[]
}

export type FanoutShape = { rooms: number; clientsPerRoom: number; ratePerClient: number; seconds: number }

/** One fan-out run of the load generator against `endpoint`, with the CPU of the server(s) measured in its window. */
export async function measureFanout(endpoint: Endpoint, serverCpuMs: () => number, shape: FanoutShape, sockets?: () => number[]): Promise<FanoutResult> {
  let socketsPerInstance: number[] | undefined
  const cpu = cpuWindowCheckpoints(serverCpuMs, () => {
    socketsPerInstance = sockets?.()
  })
  const task: Task = {
    kind: 'fanout',
    ...endpoint,
    client,
    clientsPerRoom: shape.clientsPerRoom,
    editsPerSecondPerClient: shape.ratePerClient,
    seconds: shape.seconds,
    drainSeconds: 10,
  }
  const result = await child<FanoutResult>('load/main.ts', task, cpu.handlers, (shape.seconds + 600) * 1000)
  return { ...result, ...cpu.shares(result.loadgen.cpuPercent), ...(socketsPerInstance ? { socketsPerInstance } : {}) }
}

async function fanout(id: string, shape: FanoutShape): Promise<Record<string, unknown>> {
  const results: Record<string, unknown> = {}
  for (const name of servers) {
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

/** S1: one per editor count (S1-50, S1-200; plain S1 with --smoke). */
export const s1: BenchScenario[] = SIZES.s1.editors.map((editors) => {
  const id = smoke ? 'S1' : `S1-${editors}`
  return {
    id,
    run: async () => {
      const results = await fanout(id, { rooms: 1, clientsPerRoom: editors, ratePerClient: 5, seconds: SIZES.s1.seconds })
      const goal = editors > 50 ? 50 : 10
      return { id, title: `fan-out, ${editors} editors on one document, 5 edits/s each`, results, rows: fanoutRows(id, results, goal, goal === 10) }
    },
  }
})

export const s2: BenchScenario = {
  id: 'S2',
  run: async () => {
    const { clients, docs, editsPerSecond, seconds } = SIZES.s2
    const results = await fanout('S2', { rooms: docs, clientsPerRoom: clients / docs, ratePerClient: editsPerSecond / clients, seconds })
    return {
      id: 'S2',
      title: `${clients} clients over ${docs} documents, ${editsPerSecond} edits/s in total`,
      results,
      rows: fanoutRows('S2', results, 5, false),
    }
  },
}
