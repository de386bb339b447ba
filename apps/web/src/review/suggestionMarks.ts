import { Extension } from '@tiptap/core'
import { PluginKey } from '@tiptap/pm/state'
import { Decoration } from '@tiptap/pm/view'
import type * as Y from 'yjs'
import type { ResolvedSuggestion, Suggestion } from '@perspektiv/review'
import { formatDateTime, userColour } from '../format.js'
import { bindingMapping } from './commentAnchors.js'
import { liveDecorations, type LiveDecorations } from './liveDecorations.js'
import type { ReviewSession } from './reviewSession.js'
import { resolveInEditor } from './suggestionResolve.js'

export const suggestionMarksKey = new PluginKey<LiveDecorations<ResolvedSuggestion>>('perspektivSuggestionMarks')

export const suggestionElementId = (id: string) => `suggestion-${id}`

/**
 * [S6] Every open suggestion inline, live, for everyone: the text it would remove struck
 * through, the text it would add underlined, in the suggester's colour; name and time on
 * hover (title) and on focus (the inserted text is focusable and described by its list entry).
 */
export function suggestionMarks(ydoc: Y.Doc, review: ReviewSession): Extension {
  return Extension.create({
    name: 'perspektivSuggestionMarks',
    addProseMirrorPlugins() {
      return [
        liveDecorations(suggestionMarksKey, review, (view) => {
          if (!bindingMapping(view.state)) return null
          const resolved = new Map<string, ResolvedSuggestion>()
          const decorations: Decoration[] = []
          for (const s of review.getSuggestions()) {
            if (s.state !== 'open') continue
            const r = resolveInEditor(view.state, ydoc, s)
            resolved.set(s.id, r)
            if (!r.orphaned) decorations.push(...suggestionDecorations(s, r))
          }
          return { decorations, resolved }
        }),
      ]
    },
  })
}

function suggestionDecorations(s: Suggestion, r: { from: number; to: number; outdated: boolean }): Decoration[] {
  const info = `Förslag av ${s.author.name}, ${formatDateTime(s.at)}${r.outdated ? ' (inaktuellt)' : ''}`
  const style = `--suggester: ${userColour(s.author.username)}`
  const out: Decoration[] = []
  if (r.to > r.from) out.push(Decoration.inline(r.from, r.to, { nodeName: 'del', class: 'suggestion-del', style, title: info, 'data-suggestion-id': s.id }))
  if (!s.text) return out
  const render = () => {
    const ins = document.createElement('ins')
    ins.className = 'suggestion-ins'
    ins.setAttribute('style', style)
    ins.setAttribute('title', info)
    ins.setAttribute('data-info', info)
    ins.setAttribute('data-suggestion-id', s.id)
    ins.setAttribute('aria-describedby', suggestionElementId(s.id))
    ins.tabIndex = 0
    ins.textContent = s.text
    return ins
  }
  out.push(Decoration.widget(r.to, render, { side: -1, key: `${s.id}:${s.text}:${info}`, ignoreSelection: true }))
  return out
}
