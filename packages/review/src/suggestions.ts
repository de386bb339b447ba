import * as Y from 'yjs'
import { fromBase64, toBase64 } from 'lib0/buffer'
import { z } from 'zod'
import { absolutePositionToRelativePosition, relativePositionToAbsolutePosition } from '@tiptap/y-tiptap'
import { resolveAnchor, type ProsemirrorMapping } from './anchors.js'
import { anchorSchema, personSchema, type Person } from './shape.js'

/** [S1] Top-level map of the review Y.Doc holding suggestions (plain values, one per id). */
export const SUGGESTIONS_MAP = 'suggestions'

export const SUGGESTION_STATES = ['open', 'accepted', 'rejected'] as const

/**
 * [S1] A proposed change to the text: the anchored range is replaced by `text`. A deletion
 * has empty `text`; an insertion an empty range (`quote` '' and `start` = `end`).
 */
export const suggestionSchema = z.object({
  id: z.string().min(1).max(64),
  anchor: anchorSchema,
  text: z.string().max(10_000),
  author: personSchema,
  at: z.string().max(40),
  state: z.enum(SUGGESTION_STATES),
  decidedBy: personSchema.nullable(),
  decidedAt: z.string().max(40).nullable(),
  /** Where it came from when not typed here, e.g. "Förslag från Word: Rita Granskare" (an import). */
  note: z.string().max(300).optional(),
})
export type Suggestion = z.infer<typeof suggestionSchema>

const map = (reviewDoc: Y.Doc) => reviewDoc.getMap<Suggestion>(SUGGESTIONS_MAP)

export const isInsertion = (s: Pick<Suggestion, 'anchor'>) => s.anchor.quote === '' && s.anchor.start === s.anchor.end

/** Adds or replaces (extends) a suggestion; throws on one that is not the shape. */
export function putSuggestion(reviewDoc: Y.Doc, suggestion: Suggestion): void {
  map(reviewDoc).set(suggestion.id, suggestionSchema.parse(suggestion))
}

/** Withdraws one's own open suggestion (an insertion typed away again). */
export function withdrawSuggestion(reviewDoc: Y.Doc, id: string): void {
  map(reviewDoc).delete(id)
}

/** [S3] Closes a suggestion as accepted or rejected by `by`. */
export function decideSuggestion(reviewDoc: Y.Doc, id: string, state: 'accepted' | 'rejected', by: Person, at: string): void {
  const s = map(reviewDoc).get(id)
  if (!s) throw new Error(`no suggestion ${id}`)
  putSuggestion(reviewDoc, { ...s, state, decidedBy: by, decidedAt: at })
}

/** [R5] Every well-formed suggestion, oldest first. */
export function listSuggestions(reviewDoc: Y.Doc): Suggestion[] {
  const out: Suggestion[] = []
  map(reviewDoc).forEach((value, key) => {
    const parsed = suggestionSchema.safeParse(value)
    if (parsed.success && parsed.data.id === key) out.push(parsed.data)
  })
  return out.sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id))
}

/** [S2] An insertion point that follows the text (the character after it, like a comment's start). */
export function createPointAnchor(fragment: Y.XmlFragment, mapping: ProsemirrorMapping, pos: number, sectionKey: string) {
  const rel = absolutePositionToRelativePosition(pos, fragment, mapping)
  const encoded = toBase64(Y.encodeRelativePosition(rel))
  return { start: encoded, end: encoded, quote: '', sectionKey }
}

export type ResolvedSuggestion = { orphaned: true } | { orphaned: false; from: number; to: number; outdated: boolean }

/**
 * [S2][S4] Where a suggestion applies now. Outdated when the anchored text is no longer what
 * was suggested against (changed or deleted meanwhile): it can then only be rejected.
 */
export function resolveSuggestion(
  ydoc: Y.Doc,
  fragment: Y.XmlFragment,
  mapping: ProsemirrorMapping,
  s: Suggestion,
  textBetween: (from: number, to: number) => string,
): ResolvedSuggestion {
  if (isInsertion(s)) {
    try {
      const pos = relativePositionToAbsolutePosition(ydoc, fragment, Y.decodeRelativePosition(fromBase64(s.anchor.start)), mapping)
      return pos === null ? { orphaned: true } : { orphaned: false, from: pos, to: pos, outdated: false }
    } catch {
      return { orphaned: true }
    }
  }
  const r = resolveAnchor(ydoc, fragment, mapping, s.anchor)
  if (r.orphaned) return r
  return { ...r, outdated: textBetween(r.from, r.to) !== s.anchor.quote }
}
