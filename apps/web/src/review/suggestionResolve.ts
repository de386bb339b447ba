import type { EditorState } from '@tiptap/pm/state'
import type * as Y from 'yjs'
import { CONTENT_FRAGMENT } from '@perspektiv/document'
import { resolveSuggestion, type ResolvedSuggestion, type Suggestion } from '@perspektiv/review'
import { bindingMapping } from './commentAnchors.js'

/** The text a suggestion's quote is compared with (blocks joined by a newline). */
export const rangeText = (state: EditorState, from: number, to: number) => state.doc.textBetween(from, to, '\n')

/** [S2][S4] Where `s` applies in the editor now; orphaned before the binding exists or outside the doc. */
export function resolveInEditor(state: EditorState, ydoc: Y.Doc, s: Suggestion): ResolvedSuggestion {
  const mapping = bindingMapping(state)
  if (!mapping) return { orphaned: true }
  const text = (from: number, to: number) => {
    try {
      return rangeText(state, from, to)
    } catch {
      // Out of this doc's range: never equal to a quote.
      return '\u0000'
    }
  }
  const r = resolveSuggestion(ydoc, ydoc.getXmlFragment(CONTENT_FRAGMENT), mapping, s, text)
  if (r.orphaned || r.from < 0 || r.to > state.doc.content.size) return { orphaned: true }
  return r
}
