/**
 * S10, S11 (issue 19): the S1 and S2 fan-out on the layouts the city runs — PostgreSQL +
 * Redis behind nginx, one instance and two — in the same run, with a spread layout (clients
 * alternating between the instances, every edit crossing Redis) and SQLite for comparison.
 */
import { isError, type BenchScenario } from '../harness.js'
import { layoutKey, layoutTitle, onLayouts, type Layout } from '../instances.js'
import { keep, layoutSelected, SIZES, smoke } from '../options.js'
import type { Row } from '../report.js'
import { measureFanout, type FanoutResult, type FanoutShape } from './fanout.js'

const pg = (instances: number, route: Layout['route']): Layout => ({ store: 'postgres', instances, route })

/**
 * S10 is one document: through nginx its 50 sockets all land on one instance (the hash),
 * so "50 editors spread over two instances" is the spread layout; both are measured.
 * S11's 500 documents are spread over the instances by nginx's hash itself.
 */
const LAYOUTS: Layout[] = [pg(1, 'nginx'), pg(2, 'nginx'), pg(2, 'spread'), { store: 'sqlite', instances: 1, route: 'nginx' }]
/** --smoke: two layouts each, so that S10 and S11 together still pass every path (nginx, spread, both stores) in a minute. */
const SMOKE_LAYOUTS = { S10: [pg(2, 'spread'), LAYOUTS[3]!], S11: [pg(1, 'nginx'), pg(2, 'nginx')] }

export function skippedRows(id: string, skipped: Record<string, string>): Row[] {
  return Object.entries(skipped).map(([key, why]) => ({ scenario: id, metric: `${key}: skipped`, unit: '', values: { ours: why } }))
}

function rows(id: string, layouts: Layout[], results: Record<string, unknown>, p99Goal: number): Row[] {
  const out: Row[] = []
  for (const layout of layouts) {
    const r = results[layoutKey(layout)]
    if (r === undefined) continue
    const title = layoutTitle(layout)
    const v = (f: (r: FanoutResult) => number | string | null) => ({ ours: isError(r) ? 'error' : f(r as FanoutResult) })
    const judged = layout.instances > 1
    const p99 = isError(r) ? null : (r as FanoutResult).latencyMs.p99
    out.push(
      { scenario: id, metric: `p50, ${title}`, unit: 'ms', values: v((x) => x.latencyMs.p50) },
      {
        scenario: id,
        metric: `p99, ${title}`,
        unit: 'ms',
        values: v((x) => x.latencyMs.p99),
        ...(judged ? { goal: `≤ ${p99Goal} ms`, met: p99 === null ? null : p99 <= p99Goal } : {}),
      },
      {
        scenario: id,
        metric: `deliveries, ${title}`,
        unit: 'arrived/expected',
        values: v((x) => `${x.delivered.toLocaleString('en-US')}/${x.expected.toLocaleString('en-US')}`),
        goal: 'all arrive',
        met: isError(r) ? null : (r as FanoutResult).delivered === (r as FanoutResult).expected && (r as FanoutResult).expected > 0,
      },
      { scenario: id, metric: `server CPU (all instances), ${title}`, unit: '%', values: v((x) => x.serverCpuPercent ?? null) },
      { scenario: id, metric: `nginx + PostgreSQL + Redis CPU, ${title}`, unit: '%', values: v((x) => x.stackCpuPercent ?? null) },
      { scenario: id, metric: `load generator CPU, ${title}`, unit: '%', values: v((x) => x.loadgen.cpuPercent) },
      { scenario: id, metric: `sockets per instance, ${title}`, unit: '', values: v((x) => (x.socketsPerInstance ?? []).join(' / ')) },
      { scenario: id, metric: `other processes CPU (noise), ${title}`, unit: '%', values: v((x) => x.otherCpuPercent ?? null) },
    )
  }
  return out
}

async function onInstances(id: 'S10' | 'S11', shape: FanoutShape, p99Goal: number) {
  const chosen = (smoke ? SMOKE_LAYOUTS[id] : LAYOUTS).filter((l) => layoutSelected(layoutKey(l)))
  const { results, skipped } = await onLayouts(id, chosen, shape.rooms, (i) => measureFanout(i.endpoint, i.cpuMs, shape, i.socketsPerInstance), keep)
  return { results, rows: [...rows(id, chosen, results, p99Goal), ...skippedRows(id, skipped)] }
}

export const s10: BenchScenario = {
  id: 'S10',
  oursOnly: true,
  run: async () => {
    const editors = smoke ? SIZES.s1.editors[0]! : 50
    const r = await onInstances('S10', { rooms: 1, clientsPerRoom: editors, ratePerClient: 5, seconds: SIZES.s1.seconds }, 15)
    return { id: 'S10', title: `S1 on several instances: ${editors} editors on one document, 5 edits/s each`, ...r }
  },
}

export const s11: BenchScenario = {
  id: 'S11',
  oursOnly: true,
  run: async () => {
    const { clients, docs, editsPerSecond, seconds } = SIZES.s2
    const shape = { rooms: docs, clientsPerRoom: clients / docs, ratePerClient: editsPerSecond / clients, seconds }
    const r = await onInstances('S11', shape, 10)
    return { id: 'S11', title: `S2 on several instances: ${clients} clients over ${docs} documents, ${editsPerSecond} edits/s in total`, ...r }
  },
}
