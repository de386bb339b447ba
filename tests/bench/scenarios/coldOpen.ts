/** S4: cold open of a long-history document, ours and the peers. */
import { OURS_IDLE_UNLOAD_MS } from '../servers.js'
import type { Task } from '../load/main.js'
import type { LatencySummary } from '../stats.js'
import type { Row } from '../report.js'
import { servers, SIZES } from '../options.js'
import { child, isError, log, pick, ratio, withServer, type BenchScenario } from '../harness.js'

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

export const s4: BenchScenario = {
  id: 'S4',
  run: async () => {
    const results = await coldOpen()
    return { id: 'S4', title: `cold open of a ${SIZES.s4.pages}-page TU with a long history`, results, rows: coldOpenRows(results) }
  },
}
