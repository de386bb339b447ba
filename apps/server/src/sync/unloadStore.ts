import type { Compaction } from './compaction.js'
import type { LiveDocument } from './liveDocument.js'
import type { SummaryScheduler } from './summaries.js'

/**
 * What an unloading document writes (SRV-S5, SRV-S6): nobody is waiting now, so each room
 * with a log is stored in its garbage-collected form (deleted text dropped), which a Y.Doc
 * built from the state gives, and one build serves the summary too (written here, not by the
 * summary worker: an answer after unload would be dropped). Every write is issued before
 * this returns (the caller drops the document right after); the promise settles when a
 * store that answers later is done. A failure is logged; the log rows stay stored, so
 * nothing is lost.
 */
export async function storeOnUnload(
  doc: LiveDocument,
  compaction: Compaction,
  summaries: SummaryScheduler,
  log: (event: string, details: Record<string, unknown>) => void,
): Promise<void> {
  const writes: Array<void | Promise<void>> = []
  try {
    const summarize = summaries.owed(doc)
    const contentDoc = summarize || doc.content.logCount > 0 ? doc.content.state.toDoc() : undefined
    try {
      if (contentDoc && summarize) writes.push(summaries.writeNow(doc, contentDoc))
      if (doc.content.logCount > 0) writes.push(compaction.compact(doc.content, contentDoc))
    } finally {
      contentDoc?.destroy()
    }
    if (doc.review.logCount > 0) {
      const reviewDoc = doc.review.state.toDoc()
      try {
        writes.push(compaction.compact(doc.review, reviewDoc))
      } finally {
        reviewDoc.destroy()
      }
    }
  } catch (err) {
    log('unload failed', { documentId: doc.id, reason: (err as Error).message })
  }
  for (const outcome of await Promise.allSettled(writes)) {
    if (outcome.status === 'rejected') log('unload failed', { documentId: doc.id, reason: (outcome.reason as Error).message })
  }
}
