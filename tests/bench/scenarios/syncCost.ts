/** S8: sync cost (issue 22.1): one reader floods a document with sync step 1 while two authors edit another; ours only. */
import type { Task } from '../load/main.js'
import type { LatencySummary } from '../stats.js'
import type { Row } from '../report.js'
import { prepareReader } from '../ours.js'
import { SIZES } from '../options.js'
import { child, isError, log, withServer, type BenchScenario } from '../harness.js'

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

export const s8: BenchScenario = {
  id: 'S8',
  oursOnly: true,
  run: async () => {
    const results = await syncCostScenario()
    return {
      id: 'S8',
      title: `sync cost: a reader repeating sync step 1 on a ${SIZES.s8.pages}-page TU while two authors edit another`,
      results,
      rows: syncCostRows(results),
    }
  },
}
