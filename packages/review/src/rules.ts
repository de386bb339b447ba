import { can, type DocumentStatus, type Role } from '@perspektiv/model'
import { threadSchema, verdictSchema, type Comment, type Person, type Thread } from './shape.js'
import { suggestionSchema, type Suggestion } from './suggestions.js'

/**
 * [G1–G8] What a connected user may change in the review Y.Doc, judged per top-level entry
 * (a thread, a verdict) from its JSON before and after one update. Pure: the server's
 * review guard works out the entries an update changes and asks here.
 */

/** The connected user, as the server knows them (never what the client wrote). */
export interface Actor {
  username: string
  /** The server's display name for the user; undefined: only the username is checked. */
  name: string | undefined
  role: Role
  status: DocumentStatus
}

/** Why an update is refused: the kind goes into the close reason, the UI words it in Swedish. */
export const REFUSALS = ['shape', 'author', 'not-yours', 'deleted', 'resolved-by', 'verdict', 'role', 'integrate', 'decided'] as const
export type RefusalKind = (typeof REFUSALS)[number]

export interface Refusal {
  kind: RefusalKind
  detail: string
}

export interface AuditNote {
  action: string
  details: Record<string, unknown>
}

export type Judgement = { ok: true; audit: AuditNote[] } | { ok: false; refusal: Refusal }

const refuse = (kind: RefusalKind, detail: string): Judgement => ({ ok: false, refusal: { kind, detail } })
const isMe = (p: Person | null, actor: Actor) => p !== null && p.username === actor.username && (actor.name === undefined || p.name === actor.name)

/** [G2][G3] One thread, `before` undefined for a new one, `after` undefined when it is gone. */
export function judgeThread(key: string, before: unknown, after: unknown, actor: Actor): Judgement {
  if (after === undefined) return before === undefined ? { ok: true, audit: [] } : refuse('deleted', `thread ${key} deleted (threads are only resolved)`)
  const parsed = threadSchema.safeParse(after)
  if (!parsed.success || parsed.data.id !== key) return refuse('shape', `thread ${key} does not have the review shape`)
  const next = parsed.data
  if (!can(actor.role, 'comment', actor.status)) return refuse('role', `${actor.role} may not comment`)
  const ids = new Set(next.comments.map((c) => c.id))
  if (ids.size !== next.comments.length) return refuse('shape', `thread ${key} repeats a comment id`)
  const old = before === undefined ? undefined : threadSchema.safeParse(before)
  const prev: Thread | undefined = old?.success ? old.data : undefined
  if (!prev) {
    if (next.comments.some((c) => !isMe(c.author, actor))) return refuse('author', `a comment of new thread ${key} is not by ${actor.username}`)
    if (next.resolved && !isMe(next.resolvedBy, actor)) return refuse('resolved-by', `thread ${key} resolved by someone else`)
    return { ok: true, audit: [{ action: 'review.thread.created', details: { threadId: key, quote: next.anchor.quote.slice(0, 200) } }] }
  }
  if (next.createdAt !== prev.createdAt || JSON.stringify(next.anchor) !== JSON.stringify(prev.anchor)) {
    return refuse('shape', `thread ${key}: anchor and creation time never change`)
  }
  const audit: AuditNote[] = []
  const comments = judgeComments(key, prev.comments, next.comments, actor, audit)
  if (comments) return comments
  const resolution = (t: Thread) => JSON.stringify([t.resolved, t.resolvedBy, t.resolvedAt])
  if (resolution(prev) !== resolution(next)) {
    if (next.resolved ? !isMe(next.resolvedBy, actor) || next.resolvedAt === null : next.resolvedBy !== null || next.resolvedAt !== null) {
      return refuse('resolved-by', `thread ${key}: "resolved by" must be ${actor.username}`)
    }
    if (prev.resolved !== next.resolved) audit.push({ action: next.resolved ? 'review.thread.resolved' : 'review.thread.reopened', details: { threadId: key } })
  }
  return { ok: true, audit }
}

/** [G3] Everyone's comments stay; only your own may change; new ones are yours. */
function judgeComments(key: string, prev: Comment[], next: Comment[], actor: Actor, audit: AuditNote[]): Judgement | undefined {
  const now = new Map(next.map((c) => [c.id, c]))
  for (const c of prev) {
    const later = now.get(c.id)
    if (!later) return refuse('deleted', `thread ${key}: comment ${c.id} deleted`)
    if (JSON.stringify(later) === JSON.stringify(c)) continue
    if (!isMe(c.author, actor) || JSON.stringify(later.author) !== JSON.stringify(c.author)) {
      return refuse('not-yours', `thread ${key}: comment ${c.id} is not ${actor.username}'s`)
    }
    audit.push({ action: 'review.comment.edited', details: { threadId: key, commentId: c.id } })
  }
  const known = new Set(prev.map((c) => c.id))
  for (const c of next) {
    if (known.has(c.id)) continue
    if (!isMe(c.author, actor)) return refuse('author', `thread ${key}: new comment ${c.id} is not by ${actor.username}`)
    audit.push({ action: 'review.comment.added', details: { threadId: key, commentId: c.id } })
  }
  return undefined
}

/** [G4] Verdicts: given, changed or withdrawn only by a reviewer, under their own name. */
export function judgeVerdict(key: string, before: unknown, after: unknown, actor: Actor): Judgement {
  if (!can(actor.role, 'verdict.give', actor.status)) return refuse('verdict', `${actor.role} may not give verdicts`)
  if (after === undefined) {
    const old = verdictSchema.safeParse(before)
    if (old.success && !isMe(old.data.by, actor)) return refuse('not-yours', `verdict on ${key} is not ${actor.username}'s`)
    return { ok: true, audit: before === undefined ? [] : [{ action: 'review.verdict.cleared', details: { perspective: key } }] }
  }
  const parsed = verdictSchema.safeParse(after)
  if (!parsed.success) return refuse('shape', `verdict on ${key} does not have the review shape`)
  if (!isMe(parsed.data.by, actor)) return refuse('verdict', `verdict on ${key} given under another name than ${actor.username}`)
  return { ok: true, audit: [{ action: 'review.verdict.set', details: { perspective: key, verdict: parsed.data.verdict } }] }
}

const suggestionDetails = (key: string, s: Suggestion) => ({ suggestionId: key, quote: s.anchor.quote.slice(0, 200), text: s.text.slice(0, 200) })

/**
 * [S3] Suggestions: made and changed (extended, withdrawn) only by their author while open,
 * with `suggest`; accepted or rejected only by someone with `suggestion.decide` (authors),
 * under their own name; a decided suggestion never changes again.
 */
export function judgeSuggestion(key: string, before: unknown, after: unknown, actor: Actor): Judgement {
  const old = before === undefined ? undefined : suggestionSchema.safeParse(before)
  const prev = old?.success ? old.data : undefined
  if (after === undefined) {
    if (!prev) return { ok: true, audit: [] }
    if (prev.state !== 'open' || !isMe(prev.author, actor)) return refuse('deleted', `suggestion ${key} deleted (only its author withdraws an open one)`)
    return { ok: true, audit: [{ action: 'review.suggestion.withdrawn', details: { suggestionId: key } }] }
  }
  const parsed = suggestionSchema.safeParse(after)
  if (!parsed.success || parsed.data.id !== key) return refuse('shape', `suggestion ${key} does not have the review shape`)
  const next = parsed.data
  if (!prev) {
    if (!can(actor.role, 'suggest', actor.status)) return refuse('role', `${actor.role} may not suggest`)
    if (!isMe(next.author, actor)) return refuse('author', `suggestion ${key} is not by ${actor.username}`)
    if (next.state !== 'open' || next.decidedBy !== null || next.decidedAt !== null) return refuse('shape', `suggestion ${key} must start open`)
    return { ok: true, audit: [{ action: 'review.suggestion.created', details: suggestionDetails(key, next) }] }
  }
  if (prev.state !== 'open') return refuse('decided', `suggestion ${key} was ${prev.state} already`)
  if (next.author.username !== prev.author.username || next.author.name !== prev.author.name || next.at !== prev.at) {
    return refuse('not-yours', `suggestion ${key}: author and time never change`)
  }
  if (next.state === 'open') {
    if (!isMe(prev.author, actor)) return refuse('not-yours', `suggestion ${key} is not ${actor.username}'s`)
    if (next.decidedBy !== null || next.decidedAt !== null) return refuse('shape', `open suggestion ${key} has no decision`)
    if (next.text === prev.text && JSON.stringify(next.anchor) === JSON.stringify(prev.anchor)) return { ok: true, audit: [] }
    // A suggestion grown after it was made is a new proposal as far as the authors are
    // concerned: the log says what it proposes now, as it does for a new one.
    return { ok: true, audit: [{ action: 'review.suggestion.extended', details: suggestionDetails(key, next) }] }
  }
  if (!can(actor.role, 'suggestion.decide', actor.status)) return refuse('role', `${actor.role} may not accept or reject suggestions`)
  if (!isMe(next.decidedBy, actor) || next.decidedAt === null) return refuse('author', `suggestion ${key} decided under another name than ${actor.username}`)
  if (next.text !== prev.text || JSON.stringify(next.anchor) !== JSON.stringify(prev.anchor))
    return refuse('shape', `suggestion ${key}: deciding changes nothing else`)
  return { ok: true, audit: [{ action: `review.suggestion.${next.state}`, details: { suggestionId: key, by: prev.author.username } }] }
}
