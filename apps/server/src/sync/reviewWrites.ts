import type { AuditTable } from '../storage/index.js'
import type { Peer } from './connection.js'
import type { LiveDocument } from './liveDocument.js'
import { CLOSE_REVIEW_REFUSED } from '@perspektiv/model'
import { ReviewGuard } from './reviewGuard.js'

export interface ReviewGuardOptions {
  /** Each accepted review change is audited. */
  audit?: AuditTable['audit']
  log?: (event: string, details: Record<string, unknown>) => void
}

/**
 * Judges one review-room update from `origin` (a writer, its role checked already): true
 * when it may be stored. A refused update is dropped and its connection closed with
 * CLOSE_REVIEW_REFUSED and a reason whose first word is the refusal kind (the web app words
 * it in Swedish). Accepted changes are audited under the connected user.
 */
export function guardReviewUpdate(doc: LiveDocument, update: Uint8Array, origin: Peer, options: ReviewGuardOptions): boolean {
  doc.reviewGuard ??= new ReviewGuard(() => doc.review.state.stateAsUpdate())
  const actor = { username: origin.username, name: origin.name, role: origin.role, status: doc.status }
  const result = doc.reviewGuard.check(update, actor)
  if (!result.ok) {
    const { kind, detail } = result.refusal
    options.log?.('review update refused', { documentId: doc.id, user: origin.username, kind, detail })
    // Close reasons are limited to 123 bytes.
    origin.close(CLOSE_REVIEW_REFUSED, `${kind}: ${detail}`.slice(0, 120))
    doc.review.leave(origin)
    return false
  }
  for (const note of result.audit) options.audit?.({ documentId: doc.id, actor: origin.userId, action: note.action, details: note.details })
  return true
}
