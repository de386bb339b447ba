import { Extension } from '@tiptap/core'
import { Plugin, PluginKey } from '@tiptap/pm/state'
import { Decoration, DecorationSet } from '@tiptap/pm/view'
import type * as Y from 'yjs'
import type { ResolvedSuggestion } from '@perspektiv/review'
import { formatDateTime, userColour } from '../format.js'
import { bindingMapping } from './commentAnchors.js'
import type { ReviewSession } from './reviewSession.js'
import { resolveInEditor } from './suggestionResolve.js'

interface MarksState {
  decorations: DecorationSet
  resolved: Map<string, ResolvedSuggestion>
}

export const suggestionMarksKey = new PluginKey<MarksState>('perspektivSuggestionMarks')

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
        new Plugin<MarksState>({
          key: suggestionMarksKey,
          state: {
            init: () => ({ decorations: DecorationSet.empty, resolved: new Map() }),
            apply(tr, value) {
              const next = tr.getMeta(suggestionMarksKey) as MarksState | undefined
              if (next) return next
              return tr.docChanged ? { ...value, decorations: value.decorations.map(tr.mapping, tr.doc) } : value
            },
          },
          props: { decorations: (state) => suggestionMarksKey.getState(state)?.decorations ?? null },
          view(view) {
            let timer: ReturnType<typeof setTimeout> | undefined
            const refresh = () => {
              timer = undefined
              if (view.isDestroyed) return
              // Before the binding exists nothing can be placed: try again shortly.
              if (!bindingMapping(view.state)) return schedule()
              const resolved = new Map<string, ResolvedSuggestion>()
              const decorations: Decoration[] = []
              for (const s of review.getSuggestions()) {
                if (s.state !== 'open') continue
                const r = resolveInEditor(view.state, ydoc, s)
                resolved.set(s.id, r)
                if (r.orphaned) continue
                const info = `Förslag av ${s.author.name}, ${formatDateTime(s.at)}${r.outdated ? ' (inaktuellt)' : ''}`
                const style = `--suggester: ${userColour(s.author.username)}`
                if (r.to > r.from) {
                  decorations.push(Decoration.inline(r.from, r.to, { nodeName: 'del', class: 'suggestion-del', style, title: info, 'data-suggestion-id': s.id }))
                }
                if (s.text) {
                  decorations.push(
                    Decoration.widget(
                      r.to,
                      () => {
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
                      },
                      { side: -1, key: `${s.id}:${s.text}:${s.author.username}`, ignoreSelection: true },
                    ),
                  )
                }
              }
              const tr = view.state.tr.setMeta(suggestionMarksKey, { decorations: DecorationSet.create(view.state.doc, decorations), resolved })
              view.dispatch(tr.setMeta('addToHistory', false))
            }
            const schedule = () => {
              if (timer === undefined) timer = setTimeout(refresh, 30)
            }
            const unsubscribe = review.subscribe(schedule)
            schedule()
            return {
              update(v, prev) {
                if (!v.state.doc.eq(prev.doc)) schedule()
              },
              destroy() {
                unsubscribe()
                if (timer !== undefined) clearTimeout(timer)
              },
            }
          },
        }),
      ]
    },
  })
}
