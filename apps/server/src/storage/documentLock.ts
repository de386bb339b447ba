/**
 * Runs workflow steps of one document one at a time (send to review, approve, reopen, new
 * revision): each reads the status and the approvals, judges, then writes, and with stores
 * that answer later (issue 19) two requests could otherwise interleave between the read and
 * the write — two last approvals both moving the document to `godkand`, or one approval
 * lost. A lock per document id; other documents are not held up.
 */
export interface DocumentLock {
  /** `fn` once every earlier holder of the document's lock is done; its result or throw. */
  run<T>(documentId: string, fn: () => Promise<T>): Promise<T>
}

/** The lock within this process: a queue of promises per document id. */
export class LocalDocumentLock implements DocumentLock {
  private readonly tails = new Map<string, Promise<unknown>>()

  async run<T>(documentId: string, fn: () => Promise<T>): Promise<T> {
    const before = this.tails.get(documentId) ?? Promise.resolve()
    const mine = before.then(fn, fn)
    const tail = mine.catch(() => {})
    this.tails.set(documentId, tail)
    try {
      return await mine
    } finally {
      if (this.tails.get(documentId) === tail) this.tails.delete(documentId)
    }
  }
}
