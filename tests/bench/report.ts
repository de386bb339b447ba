import { cpus, totalmem, platform, release } from 'node:os'
import { SERVER_NAMES, SERVER_TITLES, type ServerName } from './servers.js'

/** One line of the table: a metric of a scenario, per server, with the goal if it has one. */
export interface Row {
  scenario: string
  metric: string
  unit: string
  values: Partial<Record<ServerName | 'in-process', number | string | null>>
  /** ours ÷ the better peer (lower is better for every metric that has a ratio). */
  ratio?: number | null
  goal?: string
  met?: boolean | null
}

export interface ScenarioResult {
  id: string
  title: string
  /** Raw results per server ('in-process' for S5/S6), or `{ error }`. */
  results: Record<string, unknown>
  rows: Row[]
  /** The machine's load average (1, 5, 15 min) when the scenario started and ended. */
  load?: { start: number[]; end: number[] }
}

export interface BenchReport {
  mode: 'full' | 'smoke'
  startedAt: string
  finishedAt: string
  args: string[]
  machine: { cores: number; cpuModel: string; node: string; os: string; memoryGB: number }
  notes: string[]
  scenarios: ScenarioResult[]
}

export function machine(): BenchReport['machine'] {
  return {
    cores: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    node: process.version,
    os: `${platform()} ${release()}`,
    memoryGB: Math.round(totalmem() / 2 ** 30),
  }
}

const COLUMNS: Array<ServerName | 'in-process'> = [...SERVER_NAMES]

function cell(v: number | string | null | undefined): string {
  if (v === undefined) return ''
  if (v === null) return '–'
  if (typeof v === 'string') return v
  if (Number.isInteger(v)) return v.toLocaleString('en-US')
  return Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2)
}

function tableLines(report: BenchReport): string[][] {
  const head = ['Scenario', 'Metric', ...COLUMNS.map((c) => (c === 'in-process' ? c : SERVER_TITLES[c])), 'Ratio (ours ÷ best peer)', 'Goal', 'Met']
  const lines = [head]
  for (const s of report.scenarios) {
    for (const r of s.rows) {
      const values = r.values['in-process'] !== undefined ? [cell(r.values['in-process']), '', ''] : COLUMNS.map((c) => cell(r.values[c]))
      lines.push([
        r.scenario,
        `${r.metric}${r.unit ? ` (${r.unit})` : ''}`,
        ...values,
        r.ratio === undefined ? '' : r.ratio === null ? '–' : `${r.ratio.toFixed(2)}×`,
        r.goal ?? '',
        r.met === undefined ? '' : r.met === null ? '?' : r.met ? 'yes' : 'NO',
      ])
    }
  }
  return lines
}

export function textTable(report: BenchReport): string {
  const lines = tableLines(report)
  const widths = lines[0]!.map((_, i) => Math.max(...lines.map((l) => l[i]!.length)))
  return lines
    .map((l) =>
      l
        .map((c, i) => c.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n')
}

export function markdown(report: BenchReport): string {
  const lines = tableLines(report)
  const md = [
    `# Perspektiv benchmarks (${report.mode})`,
    '',
    `${report.startedAt} · ${report.machine.cores} cores · ${report.machine.cpuModel} · Node ${report.machine.node} · ${report.machine.os} · ${report.machine.memoryGB} GB`,
    '',
    `\`${['pnpm bench', ...report.args].join(' ')}\``,
    '',
    `| ${lines[0]!.join(' | ')} |`,
    `|${lines[0]!.map(() => '---').join('|')}|`,
    ...lines.slice(1).map((l) => `| ${l.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`),
    '',
    ...report.notes.map((n) => `- ${n}`),
    '',
  ]
  return md.join('\n')
}
