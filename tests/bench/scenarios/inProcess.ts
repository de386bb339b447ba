/** The in-process scenarios, each in a child process of its own: S5 (coverage), S6 (export), S12 (a large room loads) and S14 (a remote keystroke in the editor). */
import type { BigLoadPhase, BigLoadResult, BigLoadTask } from '../bigLoad.js'
import type { MicroTask } from '../micro.js'
import type { EditorKeystrokeResult, EditorKeystrokeTask } from '../editorKeystroke.js'
import type { LatencySummary } from '../stats.js'
import type { Row } from '../report.js'
import { SIZES } from '../options.js'
import { child, isError, log, type BenchScenario } from '../harness.js'

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

/** S12 (issue 22.2). */
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

export const s5: BenchScenario = {
  id: 'S5',
  run: async () => {
    const r = await micro('coverage', SIZES.s5)
    return { id: 'S5', title: `coverageOfDocument on a ${SIZES.s5.pages}-page TU`, results: { 'in-process': r }, rows: microRows('S5', 'coverage', r, 1) }
  },
}

export const s6: BenchScenario = {
  id: 'S6',
  run: async () => {
    const docx = await micro('docx', SIZES.s6)
    const pdf = await micro('pdf', { ...SIZES.s6, iterations: Math.ceil(SIZES.s6.iterations / 2) })
    return {
      id: 'S6',
      title: `export of a ${SIZES.s6.pages}-page TU`,
      results: { 'in-process': { docx, pdf } },
      rows: [...microRows('S6', 'DOCX', docx, 300), ...microRows('S6', 'PDF', pdf, 1000)],
    }
  },
}

export const s12: BenchScenario = {
  id: 'S12',
  oursOnly: true,
  run: async () => {
    log(`S12: ours in-process (a ${SIZES.s12.megabytes} MB room of the smallest structs loads; main thread, then state pool)`)
    const r = await child<BigLoadResult>('bigLoad.ts', SIZES.s12 satisfies BigLoadTask, {}, 600_000).catch((e: Error) => ({ error: e.message }))
    return {
      id: 'S12',
      title: `a room stored over the quotas (${SIZES.s12.megabytes} MB of the smallest Yjs structs) loads while another document is edited`,
      results: { ours: r },
      rows: bigLoadRows(r),
    }
  },
}

/** S14 (issue #12): another author's keystroke applied in my editor, by the size of my own history. */
export const s14: BenchScenario = {
  id: 'S14',
  oursOnly: true,
  run: async () => {
    log(`S14: a remote keystroke in the editor (${SIZES.s14.words.join(', ')} words of my own history, ${SIZES.s14.keystrokes} keystrokes)`)
    const r = await child<EditorKeystrokeResult>('editorKeystroke.ts', SIZES.s14 satisfies EditorKeystrokeTask, {}, 600_000).catch((e: Error) => ({
      error: e.message,
    }))
    const rows: Row[] = isError(r)
      ? [{ scenario: 'S14', metric: 'remote keystroke median', unit: 'ms', values: { 'in-process': 'error' }, goal: '≤ 5 ms', met: null }]
      : r.flatMap(({ words, chars, latencyMs }) => [
          {
            scenario: 'S14',
            metric: `remote keystroke median, ${words} words (${chars} chars) of my own`,
            unit: 'ms',
            values: { 'in-process': latencyMs.p50 },
            goal: '≤ 5 ms',
            met: (latencyMs.p50 ?? Infinity) <= 5,
          },
          { scenario: 'S14', metric: `remote keystroke p99, ${words} words of my own`, unit: 'ms', values: { 'in-process': latencyMs.p99 } },
        ])
    return { id: 'S14', title: "another author's keystroke applied in my editor (y-tiptap binding), by the size of my own history", results: { ours: r }, rows }
  },
}
