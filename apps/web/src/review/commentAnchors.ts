import { Extension, type Editor } from '@tiptap/core'
import { PluginKey, type EditorState } from '@tiptap/pm/state'
import { Decoration } from '@tiptap/pm/view'
import { ySyncPluginKey } from '@tiptap/y-tiptap'
import type * as Y from 'yjs'
import { CONTENT_FRAGMENT } from '@perspektiv/document'
import { createAnchor, resolveAnchor, type Anchor, type ProsemirrorMapping, type ResolvedAnchor } from '@perspektiv/review'
import { liveDecorations, type LiveDecorations } from './liveDecorations.js'
import type { ReviewSession } from './reviewSession.js'

/** Where each thread's anchor points now (orphaned when its text is gone). */
export const commentAnchorsKey = new PluginKey<LiveDecorations<ResolvedAnchor>>('perspektivCommentAnchors')

/** y-tiptap's map between ProseMirror nodes and Yjs types; null before the binding exists. */
export function bindingMapping(state: EditorState): ProsemirrorMapping | null {
  const sync = ySyncPluginKey.getState(state) as { binding?: { mapping?: ProsemirrorMapping } } | undefined
  return sync?.binding?.mapping ?? null
}

export const threadElementId = (threadId: string) => `thread-${threadId}`

/**
 * Highlights the text each open comment thread is anchored to (`<mark>`, described by the
 * thread). Local edits map the highlights at once; the anchors are re-resolved from their
 * Yjs relative positions right after (the binding has then written the edit to Yjs), and
 * whenever threads or remote edits arrive, so they follow the text through concurrent edits.
 */
export function commentAnchors(ydoc: Y.Doc, review: ReviewSession): Extension {
  return Extension.create({
    name: 'perspektivCommentAnchors',
    addProseMirrorPlugins() {
      return [
        liveDecorations(commentAnchorsKey, review, (view) => {
          const mapping = bindingMapping(view.state)
          if (!mapping) return null
          const fragment = ydoc.getXmlFragment(CONTENT_FRAGMENT)
          const resolved = new Map<string, ResolvedAnchor>()
          const decorations: Decoration[] = []
          const size = view.state.doc.content.size
          for (const thread of review.getThreads()) {
            const r = resolveAnchor(ydoc, fragment, mapping, thread.anchor)
            const valid = r.orphaned || (r.from >= 0 && r.to <= size)
            resolved.set(thread.id, valid ? r : { orphaned: true })
            if (!r.orphaned && valid && !thread.resolved) {
              decorations.push(
                Decoration.inline(r.from, r.to, {
                  nodeName: 'mark',
                  class: 'comment-mark',
                  'data-thread-id': thread.id,
                  'aria-describedby': threadElementId(thread.id),
                }),
              )
            }
          }
          return { decorations, resolved }
        }),
      ]
    },
  })
}

/** The current selection as a new anchor (with its quote and section), or null when empty. */
export function anchorForSelection(editor: Editor, ydoc: Y.Doc): Anchor | null {
  // ProseMirror learns of a keyboard selection from the asynchronous `selectionchange`
  // event; a shortcut pressed right after Shift+arrow would otherwise quote a shorter range.
  ;(editor.view as unknown as { domObserver?: { flush(): void } }).domObserver?.flush()
  const { from, to, empty, $from } = editor.state.selection
  if (empty) return null
  const mapping = bindingMapping(editor.state)
  if (!mapping) return null
  const quote = editor.state.doc.textBetween(from, to, ' ').trim()
  if (!quote) return null
  const sectionKey = $from.depth >= 1 ? String($from.node(1).attrs.key ?? '') : ''
  return createAnchor(ydoc.getXmlFragment(CONTENT_FRAGMENT), mapping, { from, to }, quote, sectionKey)
}
