/** S3: memory per loaded document, ours and the peers. */
import { OURS_IDLE_UNLOAD_MS, type ServerProcess } from '../servers.js'
import type { Task } from '../load/main.js'
import type { Row } from '../report.js'
import { servers, SIZES, smoke } from '../options.js'
import { child, isError, log, pick, ratio, sleep, withServer, type BenchScenario } from '../harness.js'

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

export const s3: BenchScenario = {
  id: 'S3',
  run: async () => {
    const results = await memory()
    return { id: 'S3', title: `memory per loaded TU (${SIZES.s3.pages} pages with history)`, results, rows: memoryRows(results) }
  },
}
