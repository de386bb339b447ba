/**
 * S5/S6 in-process micro-benchmarks (run in a child process by run.ts): warm-up, then
 * timed iterations of coverageOfDocument and exportDocx/exportPdf on a generated TU.
 */
import { loadTemplates } from '@perspektiv/model/load'
import { emptyMeta, type DocumentMeta } from '@perspektiv/model'
import { summarize } from './stats.js'
import { tuJson } from './content.js'
import type { ExportInput } from '@perspektiv/export'

export type MicroTask = { kind: 'coverage' | 'docx' | 'pdf'; pages: number; warmup: number; iterations: number; maxSeconds: number }

async function timeIt(fn: () => unknown, warmup: number, iterations: number, maxSeconds: number) {
  for (let i = 0; i < warmup; i++) await fn()
  const times: number[] = []
  const until = performance.now() + maxSeconds * 1000
  for (let i = 0; i < iterations && (i < 3 || performance.now() < until); i++) {
    const t0 = performance.now()
    await fn()
    times.push(performance.now() - t0)
  }
  return summarize(times)
}

function meta(): DocumentMeta {
  return {
    ...emptyMeta('Svar på remiss om program för mänskliga rättigheter'),
    dnr: 'EÅV 2025/936',
    subtitle: 'Svar på remiss från kommunstyrelsen, dnr KS 2025/1306',
    namnd: 'Enskede-Årsta-Vantörs stadsdelsnämnd',
    meetingDate: '2026-01-22',
    forvaltning: 'Enskede-Årsta-Vantörs stadsdelsförvaltning',
    avdelning: 'Avdelningen för strategi och utveckling',
    handlaggare: { name: 'Kim Andersson', phone: '08-508 123 45' },
    date: '2026-01-08',
    signatories: [
      { name: 'Eva Ek', title: 'Stadsdelsdirektör', forvaltning: 'Enskede-Årsta-Vantörs stadsdelsförvaltning' },
      { name: 'Jonas Lind', title: 'Avdelningschef', forvaltning: 'Enskede-Årsta-Vantörs stadsdelsförvaltning' },
    ],
  }
}

async function main() {
  const task = JSON.parse(process.argv[2]!) as MicroTask
  const template = loadTemplates().get('remissvar')!
  const doc = tuJson(template, task.pages, 20)
  let fn: () => unknown
  let bytes = 0
  if (task.kind === 'coverage') {
    const { coverageOfDocument } = await import('@perspektiv/coverage')
    fn = () => coverageOfDocument(template, doc)
  } else {
    const exporter = await import('@perspektiv/export')
    // An approved TU: the full export, with the approval record.
    const input: ExportInput = {
      template,
      content: doc,
      meta: meta(),
      status: 'godkand',
      approvals: [
        { name: 'Jonas Lind', title: 'Avdelningschef', approvedAt: '2026-01-12T09:30:00.000Z' },
        { name: 'Eva Ek', title: 'Stadsdelsdirektör', approvedAt: '2026-01-13T14:05:00.000Z' },
      ],
      generatedAt: new Date('2026-01-14T08:00:00.000Z'),
    }
    fn =
      task.kind === 'docx'
        ? async () => (bytes = (await exporter.exportDocx(input)).byteLength)
        : async () => (bytes = (await exporter.exportPdf(input)).byteLength)
  }
  const latencyMs = await timeIt(fn, task.warmup, task.iterations, task.maxSeconds)
  return { pages: task.pages, chars: JSON.stringify(doc).length, latencyMs, ...(bytes ? { outputBytes: bytes } : {}) }
}

main().then(
  (result) => process.send!({ type: 'result', result }, () => process.exit(0)),
  (e) => process.send!({ type: 'error', message: (e as Error).stack ?? String(e) }, () => process.exit(1)),
)
