import type { EditorState } from '@tiptap/pm/state'
import type * as Y from 'yjs'
import { applyTextEdits, type PMNode, type TextEdit } from '@perspektiv/document'
import { suggestionEdit } from '@perspektiv/review'
import type { ReviewSession } from './reviewSession.js'
import { resolveInEditor } from './suggestionResolve.js'

/**
 * [S8] The editor's document as it would read with every open suggestion that still applies
 * accepted: the same pure function as the server's `?suggestions=accepted`, over the
 * editor's JSON with the suggestions resolved in the editor (outdated ones left out).
 */
export function acceptedView(state: EditorState, ydoc: Y.Doc, review: ReviewSession): (json: PMNode) => PMNode {
  const edits: TextEdit[] = []
  for (const s of review.getSuggestions()) {
    if (s.state !== 'open') continue
    const r = resolveInEditor(state, ydoc, s)
    if (!r.orphaned && !r.outdated) edits.push(suggestionEdit(s, r.from, r.to))
  }
  return (json) => applyTextEdits(json, edits)
}
