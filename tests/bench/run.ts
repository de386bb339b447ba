/**
 * `pnpm bench`: runs the scenarios of issue #7 against our server and the two peers, one
 * server at a time, with the load generator in a separate process, then prints one table
 * and writes tests/bench/results/. See README.md.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import { machine, markdown, textTable, type BenchReport, type ScenarioResult } from './report.js'
import { client, outDir, selected, servers, smoke } from './options.js'
import { log, type BenchScenario } from './harness.js'
import { s1, s2 } from './scenarios/fanout.js'
import { s10, s11 } from './scenarios/instances.js'
import { s13 } from './scenarios/throughput.js'
import { s3 } from './scenarios/memory.js'
import { s4 } from './scenarios/coldOpen.js'
import { s12, s14, s5, s6 } from './scenarios/inProcess.js'
import { s7 } from './scenarios/crash.js'
import { s8 } from './scenarios/syncCost.js'
import { s9 } from './scenarios/list.js'

/** Every scenario, in the order they run (one scenario module per measurement, scenarios/). */
const SCENARIOS: BenchScenario[] = [...s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11, s12, s13, s14]

const loadText = (l: number[]) => l.map((x) => x.toFixed(2)).join(' / ')

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

  for (const scenario of SCENARIOS) {
    if (!selected(scenario.id) || (scenario.oursOnly && !servers.includes('ours'))) continue
    // The machine's load around each scenario: on a shared machine it says what the figures can judge.
    const start = loadavg()
    const result = await scenario.run()
    const end = loadavg()
    result.load = { start, end }
    result.rows.push({
      scenario: scenario.id,
      metric: 'load average 1 / 5 / 15 min, start → end',
      unit: '',
      values: { ours: `${loadText(start)} → ${loadText(end)}` },
    })
    add(result)
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
      'Perspektiv persists every update to SQLite (S10, S11, S13: also PostgreSQL) before broadcasting it; the peers run in memory (S1–S3) and with a minimal file store for S4 only.',
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
