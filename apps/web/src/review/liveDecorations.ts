import { Plugin, type PluginKey } from '@tiptap/pm/state'
import { type Decoration, DecorationSet, type EditorView } from '@tiptap/pm/view'
import type { ReviewSession } from './reviewSession.js'

export interface LiveDecorations<R> {
  decorations: DecorationSet
  /** Where each review entry points now, by id. */
  resolved: Map<string, R>
}

/**
 * Decorations drawn from the review Y.Doc over the text (comment highlights, suggestions).
 * Local edits map them at once; they are rebuilt from their Yjs relative positions shortly
 * after (the binding has then written the edit to Yjs), and whenever the review doc or the
 * text changes, so they follow the text through concurrent edits. `build` returns null
 * while the binding does not exist yet (tried again shortly).
 */
export function liveDecorations<R>(
  key: PluginKey<LiveDecorations<R>>,
  review: ReviewSession,
  build: (view: EditorView) => { decorations: Decoration[]; resolved: Map<string, R> } | null,
): Plugin<LiveDecorations<R>> {
  return new Plugin<LiveDecorations<R>>({
    key,
    state: {
      init: () => ({ decorations: DecorationSet.empty, resolved: new Map() }),
      apply(tr, value) {
        const next = tr.getMeta(key) as LiveDecorations<R> | undefined
        if (next) return next
        return tr.docChanged ? { ...value, decorations: value.decorations.map(tr.mapping, tr.doc) } : value
      },
    },
    props: { decorations: (state) => key.getState(state)?.decorations ?? null },
    view(view) {
      let timer: ReturnType<typeof setTimeout> | undefined
      const refresh = () => {
        timer = undefined
        if (view.isDestroyed) return
        const built = build(view)
        if (!built) return schedule()
        const tr = view.state.tr.setMeta(key, { decorations: DecorationSet.create(view.state.doc, built.decorations), resolved: built.resolved })
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
  })
}
