import type * as Y from 'yjs'
import { initProseMirrorDoc } from '@tiptap/y-tiptap'
import { CONTENT_FRAGMENT, perspektivSchema, type PMNode, type TextEdit } from '@perspektiv/document'
import { listSuggestions, resolveSuggestion, type Suggestion } from './suggestions.js'

/**
 * [S8] The open suggestions of a review Y.Doc as text edits on its content Y.Doc, in
 * ProseMirror positions of the content's JSON (`yDocToJSON`, the exporters' input). Left out:
 * outdated and orphaned ones (S4: they can only be rejected or re-applied by hand). Works
 * without an editor: the ProseMirror view of the content is built here, as the binding does.
 */
export function openSuggestionEdits(content: Y.Doc, review: Y.Doc): { json: PMNode; edits: TextEdit[] } {
  const fragment = content.getXmlFragment(CONTENT_FRAGMENT)
  const { doc, mapping } = initProseMirrorDoc(fragment, perspektivSchema())
  const text = (from: number, to: number) => {
    try {
      return doc.textBetween(from, to, '\n')
    } catch {
      return '\u0000'
    }
  }
  const edits: TextEdit[] = []
  for (const s of listSuggestions(review)) {
    if (s.state !== 'open') continue
    const r = resolveSuggestion(content, fragment, mapping, s, text)
    if (r.orphaned || r.outdated || r.from < 0 || r.to > doc.content.size) continue
    edits.push(suggestionEdit(s, r.from, r.to))
  }
  return { json: doc.toJSON() as PMNode, edits }
}

/** [S8] One suggestion, resolved to `from`…`to`, as a text edit under its author's name. */
export function suggestionEdit(s: Suggestion, from: number, to: number): TextEdit {
  return { from, to, text: s.text, author: s.author.name || s.author.username, date: s.at }
}
