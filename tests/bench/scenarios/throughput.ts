/**
 * S13 (issue 19): committed updates per second through our real server — its group commit,
 * the store, the broadcast after the commit — with the store on SQLite and on one
 * PostgreSQL, in the same run (load/throughput.ts says how an edit counts as committed).
 * `pnpm bench:storage` measures the update logs alone, without the server.
 */
import { cpuWindowCheckpoints } from '../cpuWindow.js'
import { child, isError, type BenchScenario } from '../harness.js'
import { layoutKey, layoutTitle, onLayouts, type Instances, type Layout } from '../instances.js'
import { keep, layoutSelected, SIZES, smoke } from '../options.js'
import type { Row } from '../report.js'
import type { LatencySummary } from '../stats.js'
import type { ThroughputTask } from '../load/throughput.js'
import { skippedRows } from './instances.js'

const LAYOUTS: Layout[] = [
  { store: 'sqlite', instances: 1, route: 'direct' },
  { store: 'postgres', instances: 1, route: 'direct' },
  { store: 'postgres', instances: 1, route: 'nginx' },
  { store: 'postgres', instances: 2, route: 'nginx' },
]
/** --smoke: the two stores, one instance each. */
const SMOKE_LAYOUTS = LAYOUTS.slice(0, 2)

interface ThroughputResult {
  sent: number
  acknowledged: number
  duplicates: number
  updatesPerSecond: number
  ackLatencyMs: LatencySummary
  loadgen: { cpuPercent: number }
  serverCpuPercent: number
  /** nginx, PostgreSQL and Redis during the window (% of one core). */
  stackCpuPercent: number
  otherCpuPercent: number
}

async function measure(i: Instances): Promise<ThroughputResult> {
  const size = SIZES.s13
  const task: ThroughputTask = {
    kind: 'throughput',
    serverUrl: i.endpoint.serverUrl,
    ...(i.endpoint.token ? { token: i.endpoint.token } : {}),
    rooms: i.endpoint.rooms,
    writersPerRoom: size.writersPerRoom,
    inFlight: size.inFlight,
    maxPerWriterPerSecond: size.maxPerWriterPerSecond,
    seconds: size.seconds,
  }
  const cpu = cpuWindowCheckpoints(i.cpuMs)
  const r = await child<Omit<ThroughputResult, 'serverCpuPercent' | 'stackCpuPercent' | 'otherCpuPercent'>>(
    'load/main.ts',
    task,
    cpu.handlers,
    (size.seconds + 300) * 1000,
  )
  return { ...r, ...cpu.shares(r.loadgen.cpuPercent) }
}

function rows(layouts: Layout[], results: Record<string, unknown>): Row[] {
  const out: Row[] = []
  for (const layout of layouts) {
    const r = results[layoutKey(layout)]
    if (r === undefined) continue
    const title = layoutTitle(layout)
    const v = (f: (r: ThroughputResult) => number | string | null) => ({ ours: isError(r) ? 'error' : f(r as ThroughputResult) })
    out.push(
      { scenario: 'S13', metric: `committed updates/s, ${title}`, unit: '/s', values: v((x) => x.updatesPerSecond), goal: 'none (reported)' },
      { scenario: 'S13', metric: `edit → committed broadcast p50, ${title}`, unit: 'ms', values: v((x) => x.ackLatencyMs.p50) },
      { scenario: 'S13', metric: `edit → committed broadcast p99, ${title}`, unit: 'ms', values: v((x) => x.ackLatencyMs.p99) },
      {
        scenario: 'S13',
        metric: `acknowledged, ${title}`,
        unit: 'of sent',
        values: v((x) => `${x.acknowledged.toLocaleString('en-US')}/${x.sent.toLocaleString('en-US')}`),
        goal: 'all',
        met: isError(r) ? null : (r as ThroughputResult).acknowledged === (r as ThroughputResult).sent && (r as ThroughputResult).sent > 0,
      },
      { scenario: 'S13', metric: `server CPU (all instances), ${title}`, unit: '%', values: v((x) => x.serverCpuPercent) },
      { scenario: 'S13', metric: `nginx + PostgreSQL + Redis CPU, ${title}`, unit: '%', values: v((x) => x.stackCpuPercent) },
      { scenario: 'S13', metric: `load generator CPU, ${title}`, unit: '%', values: v((x) => x.loadgen.cpuPercent) },
      { scenario: 'S13', metric: `other processes CPU (noise), ${title}`, unit: '%', values: v((x) => x.otherCpuPercent) },
    )
  }
  return out
}

export const s13: BenchScenario = {
  id: 'S13',
  oursOnly: true,
  run: async () => {
    const { rooms, writersPerRoom, inFlight, maxPerWriterPerSecond, seconds } = SIZES.s13
    const chosen = (smoke ? SMOKE_LAYOUTS : LAYOUTS).filter((l) => layoutSelected(layoutKey(l)))
    const { results, skipped } = await onLayouts('S13', chosen, rooms, measure, keep)
    return {
      id: 'S13',
      title: `committed updates/s through the server: ${rooms * writersPerRoom} writers on ${rooms} documents, ${inFlight} edits in flight each (≤ ${maxPerWriterPerSecond}/s), ${seconds} s`,
      results,
      rows: [...rows(chosen, results), ...skippedRows('S13', skipped)],
    }
  },
}
