import type * as Y from 'yjs'
import { initProseMirrorDoc } from '@tiptap/y-tiptap'
import { createAnchor } from './anchors.js'
import type { Person } from './shape.js'
import { CONTENT_FRAGMENT, perspektivSchema, type PMNode, type TextEdit } from '@perspektiv/document'
import { createPointAnchor, listSuggestions, resolveSuggestion, type Suggestion } from './suggestions.js'

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

/**
 * [S9] Proposed changes found outside the editor (a Word file's tracked changes) as open
 * suggestions anchored in `content`, made by `author` (the importing user, as the server
 * knows them); `note` keeps who proposed them there. Changes outside the text are dropped.
 */
export function suggestionsAt(
  content: Y.Doc,
  changes: Array<{ from: number; to: number; text: string; note: string; id: string }>,
  author: Person,
  at: string,
): Suggestion[] {
  const fragment = content.getXmlFragment(CONTENT_FRAGMENT)
  const { doc, mapping } = initProseMirrorDoc(fragment, perspektivSchema())
  const out: Suggestion[] = []
  for (const c of changes) {
    if (c.from < 1 || c.to > doc.content.size || c.to < c.from || (c.from === c.to && !c.text)) continue
    const $from = doc.resolve(c.from)
    const sectionKey = $from.depth >= 1 ? String($from.node(1).attrs.key ?? '') : ''
    const anchor =
      c.from === c.to
        ? createPointAnchor(fragment, mapping, c.from, sectionKey)
        : createAnchor(fragment, mapping, { from: c.from, to: c.to }, doc.textBetween(c.from, c.to, '\n'), sectionKey)
    out.push({ id: c.id, anchor, text: c.text, author, at, state: 'open', decidedBy: null, decidedAt: null, note: c.note.slice(0, 300) })
  }
  return out
}
