/** S1, S2 (fan-out against us and the peers) and S10, S11 (the same on two instances on one Redis). */
import { machineBusyMs, type ServerName } from '../servers.js'
import type { Endpoint, Task } from '../load/main.js'
import { withInstances } from '../instances.js'
import type { LatencySummary } from '../stats.js'
import type { Row } from '../report.js'
import { client, keep, servers, SIZES, smoke } from '../options.js'
import { child, isError, log, pick, ratio, withServer, type BenchScenario } from '../harness.js'

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
  const two = await withInstances(2, shape.rooms, (i) => measureFanout(i.endpoint, i.cpuMs, shape), keep).catch((e: Error) => ({ error: e.message }))
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

export const s10: BenchScenario = {
  id: 'S10',
  oursOnly: true,
  run: async () => {
    const editors = smoke ? SIZES.s1.editors[0]! : 50
    const results = await fanoutOnInstances('S10', { rooms: 1, clientsPerRoom: editors, ratePerClient: 5, seconds: SIZES.s1.seconds })
    return {
      id: 'S10',
      title: `S1 over two instances on one Redis: ${editors} editors on one document, alternating instances`,
      results,
      rows: instancesRows('S10', results, 15),
    }
  },
}

export const s11: BenchScenario = {
  id: 'S11',
  oursOnly: true,
  run: async () => {
    const { clients, docs, editsPerSecond, seconds } = SIZES.s2
    const results = await fanoutOnInstances('S11', { rooms: docs, clientsPerRoom: clients / docs, ratePerClient: editsPerSecond / clients, seconds })
    return {
      id: 'S11',
      title: `S2 over two instances on one Redis: ${clients} clients over ${docs} documents, alternating instances`,
      results,
      rows: instancesRows('S11', results, 10),
    }
  },
}
