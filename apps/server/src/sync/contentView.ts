import type { Template } from '@perspektiv/model'
import { DocumentUnavailableError } from './errors.js'
import { readContent, readReview, readSuggested, withStateDoc, type ContentRead, type ReviewRead, type SuggestedRead } from './contentJobs.js'
import type { ResultOf, StateJob } from './stateJobs.js'
import type { ContentView, LiveDocument } from './liveDocument.js'
import { OFF_THREAD_BYTES } from './loadRoom.js'
import { StatePoolError, type StatePool } from './statePool.js'
import type { RoomState } from './roomState.js'
import { reviewChanges, type ReviewChanges } from './reviewChanges.js'

/** A read of the content is kept this long after its last use, while the content is unchanged. */
const VIEW_TTL_MS = 5_000

/**
 * The content of a live document for reading (REST detail, coverage, status gate, export,
 * fingerprints; SRV-S4, SRV-S16): plain data read from a Y.Doc built of the room's state,
 * on this thread for a small room, on the state pool for one of OFF_THREAD_BYTES or more
 * (building it takes a second or two for 4 MB: health and every other document would wait).
 * One read per version of the room however many ask at once (they share its promise),
 * kept while the content is unchanged and dropped VIEW_TTL_MS after its last use, so an
 * idle document holds nothing. Nothing done to it is stored.
 */
export class ContentViews {
  constructor(
    private readonly log: (event: string, details: Record<string, unknown>) => void,
    private readonly pool: StatePool | undefined,
  ) {}

  /** The content as JSON, its header and coverage (of the version current when asked). */
  content(doc: LiveDocument): Promise<ContentRead> {
    const version = doc.content.state.version
    let view = doc.view
    if (view?.version !== version) {
      this.drop(doc)
      const read = this.read(doc.id, doc.content.state, { kind: 'content', template: doc.template })
      view = doc.view = { version, read }
      const built = view
      // A failed read is not kept: the next one tries again (the pool may be back).
      read.catch(() => {
        if (doc.view === built) this.drop(doc)
      })
    }
    const current = view
    if (current.timer) clearTimeout(current.timer)
    current.timer = setTimeout(() => {
      if (doc.view === current) this.drop(doc)
    }, VIEW_TTL_MS).unref()
    return current.read
  }

  /** A state that is not a room's (a stored version), read alike: on the pool when large. */
  async contentOf(documentId: string, state: Uint8Array, template: Template): Promise<ContentRead> {
    if (!this.pool || state.byteLength < OFF_THREAD_BYTES) return this.inline(documentId, () => readContent([state], template))
    return this.offThread(documentId, { kind: 'content', parts: [state], template })
  }

  /** With the open suggestions that still apply: the coverage as accepted, or the content as tracked changes (not cached: the review room changes often). */
  async suggested(doc: LiveDocument, as: 'coverage' | 'tracked'): Promise<SuggestedRead> {
    const { content, review } = doc
    if (!this.pool || content.state.byteLength + review.state.byteLength < OFF_THREAD_BYTES) {
      return this.inline(doc.id, () => readSuggested([content.state.stateAsUpdate()], [review.state.stateAsUpdate()], doc.template, as))
    }
    return this.offThread(doc.id, { kind: 'suggested', parts: content.state.parts(), review: review.state.parts(), template: doc.template, as })
  }

  /**
   * The content's whole state as one update (what a version or a status change stores):
   * a large room's held parts are merged on the pool, and become its base when nothing
   * was appended meanwhile.
   */
  async merged(doc: LiveDocument): Promise<Uint8Array> {
    const state = doc.content.state
    if (!this.pool || state.byteLength < OFF_THREAD_BYTES || state.tailLength === 0) return state.stateAsUpdate()
    const version = state.version
    const { update } = await this.offThread(doc.id, { kind: 'merge', parts: state.parts() })
    if (state.version === version) state.replace(update)
    return update
  }

  /** The review room's verdicts, threads and suggestions (the approval gate), on the pool when large. Not cached. */
  async review(doc: LiveDocument): Promise<ReviewRead> {
    const state = doc.review.state
    if (!this.pool || state.byteLength < OFF_THREAD_BYTES) return this.inline(doc.id, () => readReview([state.stateAsUpdate()]))
    return this.offThread(doc.id, { kind: 'review', parts: state.parts() })
  }

  /**
   * What an accepted review-room update added (the notifier's replies, mentions and verdicts,
   * SRV-S19), read from the room's state as it is now (the update is in it): on the pool
   * when large, so a comment in a large review room costs no stall for everyone. Not cached.
   */
  async reviewChanges(doc: LiveDocument, update: Uint8Array): Promise<ReviewChanges> {
    const state = doc.review.state
    if (!this.pool || state.byteLength < OFF_THREAD_BYTES)
      return this.inline(doc.id, () => withStateDoc([state.stateAsUpdate()], (d) => reviewChanges(d, update)))
    return this.offThread(doc.id, { kind: 'reviewChanges', parts: state.parts(), update })
  }

  private read(documentId: string, state: RoomState, job: { kind: 'content'; template: Template }): Promise<ContentRead> {
    if (!this.pool || state.byteLength < OFF_THREAD_BYTES) return this.inline(documentId, () => readContent([state.stateAsUpdate()], job.template))
    // The parts as held: merging them here would cost the main thread what the pool saves it.
    return this.offThread(documentId, { ...job, parts: state.parts() })
  }

  private inline<T>(documentId: string, read: () => T): Promise<T> {
    try {
      return Promise.resolve(read())
    } catch (err) {
      return Promise.reject(this.unreadable(documentId, err))
    }
  }

  private async offThread<J extends StateJob>(documentId: string, job: J): Promise<ResultOf<J>> {
    try {
      return await this.pool!.run(job)
    } catch (err) {
      // The pool failed: nothing is known about the state, so this read is a 503 the next may not be.
      if (err instanceof StatePoolError) throw new DocumentUnavailableError(documentId, err.message, true)
      throw this.unreadable(documentId, err)
    }
  }

  /** Decoded, stored, but not applicable: say so rather than answer from a partial doc. */
  private unreadable(documentId: string, err: unknown): DocumentUnavailableError {
    const reason = `cannot read stored content state: ${(err as Error).message}`
    this.log('document unreadable', { documentId, reason })
    return new DocumentUnavailableError(documentId, reason)
  }

  drop(doc: LiveDocument): void {
    const view: ContentView | undefined = doc.view
    if (!view) return
    doc.view = undefined
    if (view.timer) clearTimeout(view.timer)
  }
}
