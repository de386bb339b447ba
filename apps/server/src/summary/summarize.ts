import * as Y from 'yjs'
import { coverageOfDocument, summarizeCoverage } from '@perspektiv/coverage'
import { META_MAP, readMeta, yDocToJSON } from '@perspektiv/document'
import type { CoverageSummary, Template } from '@perspektiv/model'

/** What the documents row (the dashboard) shows of a document's content. */
export interface ContentSummary {
  title: string
  dnr: string
  namnd: string
  meetingDate: string
  deadline: string
  coverage: CoverageSummary
}

/** The summary of a content Y.Doc. Pure: the same on the main thread and in the worker. */
export function summarizeDoc(template: Template, doc: Y.Doc): ContentSummary {
  const meta = readMeta(doc)
  return {
    title: meta.title,
    dnr: meta.dnr,
    namnd: meta.namnd,
    meetingDate: meta.meetingDate,
    deadline: meta.deadline,
    coverage: summarizeCoverage(coverageOfDocument(template, yDocToJSON(doc), doc.getMap(META_MAP).toJSON())),
  }
}

/** The summary of a content state given as Yjs updates (a Y.Doc is built and dropped). */
export function summarizeUpdates(template: Template, updates: Uint8Array[]): ContentSummary {
  // A fixed guid: the default one costs 31 calls into the system's random source.
  const doc = new Y.Doc({ guid: 'summary', gc: true })
  try {
    doc.transact(() => {
      for (const u of updates) Y.applyUpdate(doc, u)
    })
    return summarizeDoc(template, doc)
  } finally {
    doc.destroy()
  }
}
