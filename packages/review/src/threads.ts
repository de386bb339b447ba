import * as Y from 'yjs'
import { boundedJSON } from './bounded.js'
import { THREADS_MAP, threadSchema, type Anchor, type Comment, type Person, type Thread } from './shape.js'

function threadsMap(reviewDoc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return reviewDoc.getMap(THREADS_MAP)
}

/** Opens a thread. Comments live in a Y.Array so concurrent replies all survive. */
export function createThread(reviewDoc: Y.Doc, input: { id: string; anchor: Anchor; comment: Comment }): void {
  reviewDoc.transact(() => {
    const thread = new Y.Map<unknown>()
    threadsMap(reviewDoc).set(input.id, thread)
    thread.set('id', input.id)
    thread.set('anchor', input.anchor)
    thread.set('createdAt', input.comment.at)
    thread.set('resolved', false)
    thread.set('resolvedBy', null)
    thread.set('resolvedAt', null)
    const comments = new Y.Array<Comment>()
    thread.set('comments', comments)
    comments.push([input.comment])
  })
}

function thread(reviewDoc: Y.Doc, id: string): Y.Map<unknown> {
  const t = threadsMap(reviewDoc).get(id)
  if (!(t instanceof Y.Map)) throw new Error(`no thread ${id}`)
  return t
}

export function addReply(reviewDoc: Y.Doc, threadId: string, comment: Comment): void {
  const comments = thread(reviewDoc, threadId).get('comments')
  if (!(comments instanceof Y.Array)) throw new Error(`thread ${threadId} has no comments`)
  comments.push([comment])
}

export function setResolved(reviewDoc: Y.Doc, threadId: string, resolved: boolean, by: Person, at: string): void {
  const t = thread(reviewDoc, threadId)
  reviewDoc.transact(() => {
    t.set('resolved', resolved)
    t.set('resolvedBy', resolved ? by : null)
    t.set('resolvedAt', resolved ? at : null)
  })
}

/** [R5] Every well-formed thread, oldest first; malformed (or too deeply nested) entries are skipped. */
export function listThreads(reviewDoc: Y.Doc): Thread[] {
  const out: Thread[] = []
  threadsMap(reviewDoc).forEach((value, key) => {
    if (!(value instanceof Y.Map) || !(value.get('comments') instanceof Y.Array)) return
    const parsed = threadSchema.safeParse(boundedJSON(value))
    if (parsed.success && parsed.data.id === key) out.push(parsed.data)
  })
  return out.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
}
