import type { LiveDocument } from './liveDocument.js'

/**
 * The documents this instance holds in memory, by id, and the ones refused since their
 * stored state could not be read or written (offline until the server restarts, SRV-S1,
 * SRV-S7). The registry's parts (opening, unloading, fan-out) share this one table.
 */
export class LiveTable {
  private readonly docs = new Map<string, LiveDocument>()
  private readonly failed = new Map<string, string>()

  constructor(private readonly log: (event: string, details: Record<string, unknown>) => void) {}

  get(id: string): LiveDocument | undefined {
    return this.docs.get(id)
  }

  has(id: string): boolean {
    return this.docs.has(id)
  }

  /** Is `doc` still the loaded document of its id (not unloaded, not taken offline, not replaced)? */
  holds(doc: LiveDocument): boolean {
    return this.docs.get(doc.id) === doc
  }

  values(): IterableIterator<LiveDocument> {
    return this.docs.values()
  }

  get size(): number {
    return this.docs.size
  }

  add(doc: LiveDocument): void {
    this.docs.set(doc.id, doc)
  }

  remove(doc: LiveDocument): void {
    if (this.holds(doc)) this.docs.delete(doc.id)
  }

  /** Why the document is refused, if it is. */
  failure(id: string): string | undefined {
    return this.failed.get(id)
  }

  /** The document's stored state cannot be read or written: it is refused from now on. */
  markFailed(id: string, reason: string): void {
    this.failed.set(id, reason)
    this.logUnavailable(id, reason)
  }

  /** Storage failed for the document this time (not remembered). */
  logUnavailable(id: string, reason: string): void {
    this.log('document unavailable', { documentId: id, reason })
  }
}
