import type * as Y from 'yjs'
import type { Compaction } from './compaction.js'
import type { LiveDocument } from './liveDocument.js'
import { OFF_THREAD_BYTES } from './loadRoom.js'
import type { Room } from './room.js'
import type { StatePool } from './statePool.js'
import type { SummaryScheduler } from './summaries.js'

/**
 * What an unloading document writes (SRV-S5, SRV-S6, SRV-S17): nobody is waiting now, so
 * each room with a log is stored in its garbage-collected form (deleted text dropped),
 * which a Y.Doc built from the state gives, and one build serves the summary too (written
 * here, not by the summary worker: an answer after unload would be dropped). A room of
 * OFF_THREAD_BYTES or more is built on the state pool (a second or two for 4 MB, during
 * which every socket would wait): its writes are issued when the pool answers, and the
 * next open of the document waits for them (registry.ts), so a reload never reads a log
 * that is being replaced. A small room's writes are issued before this returns. The promise
 * settles when they are done. A failure is logged; the log rows stay stored, so nothing is
 * lost (a summary owed is then written by the next load's first change).
 */
export async function storeOnUnload(
  doc: LiveDocument,
  compaction: Compaction,
  summaries: SummaryScheduler,
  log: (event: string, details: Record<string, unknown>) => void,
  pool?: StatePool,
): Promise<void> {
  const failed = (err: unknown) => log('unload failed', { documentId: doc.id, reason: (err as Error).message })
  const writes: Array<void | Promise<void>> = []
  const offThread = (room: Room) => pool !== undefined && room.state.byteLength >= OFF_THREAD_BYTES
  const summarize = summaries.owed(doc)
  const compactContent = doc.content.logCount > 0
  try {
    if (offThread(doc.content) && (summarize || compactContent)) {
      // Taken before the first await: the rooms are dropped right after this returns.
      const parts = doc.content.state.parts()
      writes.push(
        pool!.run({ kind: 'content', parts, template: doc.template, gc: compactContent }).then((read) => {
          const written: Array<void | Promise<void>> = []
          if (summarize) written.push(summaries.writeRead(doc, read))
          if (compactContent && read.update) written.push(compaction.compact(doc.content, read.update))
          return settleAll(written)
        }),
      )
    } else if (summarize || compactContent) {
      const contentDoc = doc.content.state.toDoc()
      try {
        if (summarize) writes.push(summaries.writeNow(doc, contentDoc))
        if (compactContent) writes.push(compaction.compact(doc.content, contentDoc))
      } finally {
        contentDoc.destroy()
      }
    }
    if (doc.review.logCount > 0) writes.push(compactGarbageCollected(doc.review, compaction, offThread(doc.review) ? pool : undefined))
  } catch (err) {
    failed(err)
  }
  for (const outcome of await Promise.allSettled(writes)) if (outcome.status === 'rejected') failed(outcome.reason)
}

/** The room's garbage-collected state as its snapshot: built on the pool when given one, else here. */
function compactGarbageCollected(room: Room, compaction: Compaction, pool: StatePool | undefined): void | Promise<void> {
  if (pool) return pool.run({ kind: 'gc', parts: room.state.parts() }).then((r) => compaction.compact(room, r.update))
  const built: Y.Doc = room.state.toDoc()
  try {
    return compaction.compact(room, built)
  } finally {
    built.destroy()
  }
}

/** Settles when every write did; rejects with the first failure. */
async function settleAll(writes: Array<void | Promise<void>>): Promise<void> {
  const failure = (await Promise.allSettled(writes)).find((o) => o.status === 'rejected')
  if (failure) throw (failure as PromiseRejectedResult).reason
}
