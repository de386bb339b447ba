import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { loadTemplates } from '@perspektiv/model/load'
import { emptyMeta } from '@perspektiv/model'
import { createDocumentYDoc, writeMeta } from '@perspektiv/document'
import { summarizeUpdates } from './summarize.js'
import { SummaryWorker } from './summaryWorker.js'

const templates = loadTemplates()
const remissvar = templates.get('remissvar')!
const workers: SummaryWorker[] = []
afterEach(() => {
  for (const w of workers.splice(0)) w.close()
})

async function until(check: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 20))
  }
}

describe('SummaryWorker', () => {
  it('SRV-ST15: computes on its thread what the main thread would: title, dnr, nämnd, dates and coverage', async () => {
    const logged: string[] = []
    const worker = new SummaryWorker(templates, (event, details) => logged.push(`${event} ${JSON.stringify(details)}`), 0)
    workers.push(worker)
    await until(() => worker.running || logged.length > 0)
    expect(logged).toEqual([])
    const doc = createDocumentYDoc(remissvar, emptyMeta('Svar på remiss om parkering'))
    const updates = [Y.encodeStateAsUpdate(doc)]
    doc.on('update', (u: Uint8Array) => updates.push(u))
    writeMeta(doc, {
      ...emptyMeta('Svar på remiss om parkering'),
      dnr: 'TN 2026/123',
      namnd: 'Trafiknämnden',
      meetingDate: '2026-02-12',
      deadline: '2026-01-30',
    })
    const summary = await worker.summarize('remissvar', updates)
    expect(summary).toEqual(summarizeUpdates(remissvar, updates))
    expect(summary).toMatchObject({
      title: 'Svar på remiss om parkering',
      dnr: 'TN 2026/123',
      namnd: 'Trafiknämnden',
      meetingDate: '2026-02-12',
      deadline: '2026-01-30',
    })
    expect(summary.coverage.complete).toBe(false)
  })

  it('refuses an unknown template or unreadable state with an error, and keeps serving', async () => {
    const worker = new SummaryWorker(templates, undefined, 0)
    workers.push(worker)
    await until(() => worker.running)
    await expect(worker.summarize('nosuch', [])).rejects.toThrow(/unknown template/)
    await expect(worker.summarize('remissvar', [new Uint8Array([1, 1, 7, 0, 4, 0xff, 0xff, 0xff, 0xff, 0x0f])])).rejects.toThrow()
    const doc = createDocumentYDoc(remissvar, emptyMeta('Fortfarande'))
    expect((await worker.summarize('remissvar', [Y.encodeStateAsUpdate(doc)])).title).toBe('Fortfarande')
    expect(worker.running).toBe(true)
  })
})
