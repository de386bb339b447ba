import { CLOSE_GOING_AWAY, CLOSE_INTERNAL } from '@perspektiv/model'
import type { LiveDocument } from './liveDocument.js'
import type { LiveTable } from './liveTable.js'

export interface UnloadSteps {
  /** Stores every pending update (of all documents), in order. */
  flush(): Promise<void>
  /** Issues the document's last writes (compaction, summary) at once; settles when they are done. */
  storeOnUnload(doc: LiveDocument): Promise<void>
  /** Forgets a closed document: timers, its rooms, the REST view, the other instances. */
  drop(doc: LiveDocument): void
}

/**
 * Documents leaving memory: after their last client left (idle unload), at shutdown, or
 * taken offline when storage failed (SRV-S5, SRV-S7). The steps from the check that a
 * document is still loaded to dropping it run without a turn of the event loop, so no
 * socket joins a document that is being dropped and no update is accepted for it after
 * its last writes were issued.
 */
export class Unloading {
  constructor(
    private readonly table: LiveTable,
    private readonly idleUnloadMs: number,
    private readonly steps: UnloadSteps,
  ) {}

  /** Loaded with nobody in it (for REST, or the last socket left): unload after a while. */
  schedule(doc: LiveDocument): void {
    if (doc.unloadTimer || doc.peerCount() > 0) return
    doc.unloadTimer = setTimeout(() => {
      doc.unloadTimer = undefined
      if (doc.peerCount() === 0) void this.unload(doc, true)
    }, this.idleUnloadMs)
    doc.unloadTimer.unref()
  }

  cancel(doc: LiveDocument): void {
    if (!doc.unloadTimer) return
    clearTimeout(doc.unloadTimer)
    doc.unloadTimer = undefined
  }

  /**
   * Stores what is pending, compacts, writes the summary and drops the document from
   * memory. `idle`: an unload because nobody was in it, called off if a socket joined
   * while the pending updates were being stored.
   */
  async unload(doc: LiveDocument, idle = false): Promise<void> {
    if (!this.table.holds(doc)) return
    await this.steps.flush()
    // The flush failed and took the document offline: nothing more is written for it (SRV-S7).
    if (!this.table.holds(doc)) return
    if (idle && doc.peerCount() > 0) return
    const written = this.steps.storeOnUnload(doc)
    for (const room of doc.rooms()) room.closeAll(CLOSE_GOING_AWAY, 'server going away')
    this.steps.drop(doc)
    await written
  }

  /**
   * Storage failed for the document: its sockets are closed and it stays offline (SRV-S7);
   * `retry` (a database that may come back, issue 19): dropped but not remembered, so the
   * next open loads what was committed, and clients re-send what was not.
   */
  takeOffline(id: string, reason: string, retry: boolean): void {
    if (retry) this.table.logUnavailable(id, reason)
    else this.table.markFailed(id, reason)
    const doc = this.table.get(id)
    if (!doc) return
    for (const room of doc.rooms()) room.closeAll(CLOSE_INTERNAL, retry ? 'storage unavailable, reconnect later' : 'storage failure')
    this.steps.drop(doc)
  }
}
