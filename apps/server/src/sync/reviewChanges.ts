import * as Y from 'yjs'
import { commentSchema, THREADS_MAP, VERDICTS_MAP, verdictSchema, type Comment, type Verdict } from '@perspektiv/review'

export interface NewComment {
  threadId: string
  comment: Comment
  /** The thread's comments before this one (who took part). */
  earlier: Comment[]
}

export interface ReviewChanges {
  comments: NewComment[]
  verdicts: Array<{ perspectiveKey: string; verdict: Verdict }>
}

/**
 * What an accepted review-room update added: the comments and verdicts whose Yjs items
 * the update carries (by client and clock range), read from the review Y.Doc after it.
 * Malformed entries are skipped (review SPEC R5). Pure apart from reading `reviewDoc`.
 */
export function reviewChanges(reviewDoc: Y.Doc, update: Uint8Array): ReviewChanges {
  const { from, to } = Y.parseUpdateMeta(update)
  const inUpdate = (id: Y.ID) => {
    const start = from.get(id.client)
    const end = to.get(id.client)
    return start !== undefined && end !== undefined && id.clock >= start && id.clock < end
  }
  const out: ReviewChanges = { comments: [], verdicts: [] }

  reviewDoc.getMap<unknown>(THREADS_MAP).forEach((thread, threadId) => {
    if (!(thread instanceof Y.Map)) return
    const comments = thread.get('comments')
    if (!(comments instanceof Y.Array)) return
    const earlier: Comment[] = []
    // Walk the array's items: a pushed batch of comments is one item with a clock per element.
    for (let item = comments._start; item; item = item.right) {
      if (item.deleted || !item.countable) continue
      const values = item.content.getContent()
      values.forEach((value, i) => {
        const parsed = commentSchema.safeParse(value)
        if (!parsed.success) return
        if (inUpdate({ client: item!.id.client, clock: item!.id.clock + i })) {
          out.comments.push({ threadId, comment: parsed.data, earlier: [...earlier] })
        }
        earlier.push(parsed.data)
      })
    }
  })

  const verdicts = reviewDoc.getMap<unknown>(VERDICTS_MAP)
  for (const [key, item] of verdicts._map) {
    if (item.deleted || !inUpdate(item.id)) continue
    const parsed = verdictSchema.safeParse(verdicts.get(key))
    if (parsed.success) out.verdicts.push({ perspectiveKey: key, verdict: parsed.data })
  }
  return out
}
