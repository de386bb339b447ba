/** S7: crash recovery (SIGKILL while authors type), ours only. */
import type { Task } from '../load/main.js'
import type { LatencySummary } from '../stats.js'
import type { Row } from '../report.js'
import { SIZES } from '../options.js'
import { child, isError, log, withServer, type BenchScenario } from '../harness.js'

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

export const s7: BenchScenario = {
  id: 'S7',
  oursOnly: true,
  run: async () => {
    const results = await crashRecovery()
    const { authors, trials } = SIZES.s7
    return { id: 'S7', title: `crash recovery: SIGKILL while ${authors} authors type (stock providers), ${trials}×`, results, rows: crashRows(results) }
  },
}
