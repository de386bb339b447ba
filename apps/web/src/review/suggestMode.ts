import { Extension } from '@tiptap/core'
import { Plugin, PluginKey, TextSelection, type Transaction } from '@tiptap/pm/state'
import type { EditorView } from '@tiptap/pm/view'
import type * as Y from 'yjs'
import { CONTENT_FRAGMENT, isRemoteTransaction } from '@perspektiv/document'
import { createAnchor, createPointAnchor, putSuggestion, withdrawSuggestion, type Person, type Suggestion } from '@perspektiv/review'
import { bindingMapping } from './commentAnchors.js'
import { newId, type ReviewSession } from './reviewSession.js'
import { rangeText, resolveInEditor } from './suggestionResolve.js'

/** Is "Föreslå ändringar" on? Shared by the toolbar button and the editor plugin. */
export class SuggestModeState {
  private on = false
  private readonly listeners = new Set<() => void>()
  get = (): boolean => this.on
  set(on: boolean): void {
    this.on = on
    for (const l of this.listeners) l()
  }
  subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l)
    return () => this.listeners.delete(l)
  }
}

/** A transaction that accepts a suggestion: a real content edit, also while suggesting. */
export const ACCEPT_META = 'perspektivAcceptSuggestion'
const suggestModeKey = new PluginKey('perspektivSuggestMode')

/**
 * [S5] "Föreslå ändringar": typing, deleting and pasting make or extend the user's own
 * suggestions in the review Y.Doc instead of changing the text (which reviewers cannot write
 * anyway). Consecutive keys at the end of the suggestion just made extend it, as in Word.
 */
export function suggestMode(opts: { ydoc: Y.Doc; review: ReviewSession; me: Person; mode: SuggestModeState; onMessage: (m: string) => void }) {
  const { ydoc, review, me, mode } = opts
  let lastId: string | null = null
  mode.subscribe(() => {
    lastId = null
  })
  const last = (): Suggestion | undefined => review.getSuggestions().find((s) => s.id === lastId && s.state === 'open' && s.author.username === me.username)
  const sectionKeyAt = (view: EditorView, pos: number) => {
    const $pos = view.state.doc.resolve(pos)
    return $pos.depth >= 1 ? String($pos.node(1).attrs.key ?? '') : ''
  }
  const put = (s: Suggestion) => {
    putSuggestion(review.ydoc, s)
    lastId = s.id
  }
  const fresh = (anchor: Suggestion['anchor'], text: string): Suggestion => ({
    id: newId(),
    anchor,
    text,
    author: me,
    at: new Date().toISOString(),
    state: 'open',
    decidedBy: null,
    decidedAt: null,
  })
  const caret = (view: EditorView, pos: number) => {
    const tr = view.state.tr.setSelection(TextSelection.create(view.state.doc, pos))
    view.dispatch(tr.setMeta('addToHistory', false))
  }
  const rangeAnchor = (view: EditorView, from: number, to: number) => {
    const mapping = bindingMapping(view.state)
    return mapping
      ? createAnchor(ydoc.getXmlFragment(CONTENT_FRAGMENT), mapping, { from, to }, rangeText(view.state, from, to), sectionKeyAt(view, from))
      : null
  }

  function insert(view: EditorView, typed: string): void {
    // A suggestion stays within its paragraph (pasted paragraphs become spaces).
    const text = typed.replace(/\s*\n+\s*/g, ' ')
    if (!text) return
    const { from, to, empty } = view.state.selection
    const mapping = bindingMapping(view.state)
    if (!mapping) return
    if (!empty) {
      const anchor = rangeAnchor(view, from, to)
      if (!anchor) return
      put(fresh(anchor, text))
      caret(view, to)
      return
    }
    const current = last()
    const at = current ? resolveInEditor(view.state, ydoc, current) : undefined
    if (current && at && !at.orphaned && at.to === from) {
      put({ ...current, text: current.text + text })
      return
    }
    put(fresh(createPointAnchor(ydoc.getXmlFragment(CONTENT_FRAGMENT), mapping, from, sectionKeyAt(view, from)), text))
  }

  function remove(view: EditorView, forward: boolean): void {
    const { from, to, empty, $from } = view.state.selection
    if (!empty) {
      const anchor = rangeAnchor(view, from, to)
      if (anchor) put(fresh(anchor, ''))
      caret(view, forward ? to : from)
      return
    }
    const current = last()
    const at = current ? resolveInEditor(view.state, ydoc, current) : undefined
    const here = at && !at.orphaned ? at : undefined
    // Backspace in the text just suggested takes it back, letter by letter.
    if (!forward && current && here && here.to === from && current.text) {
      const text = current.text.slice(0, -1)
      if (!text && here.from === here.to) {
        withdrawSuggestion(review.ydoc, current.id)
        lastId = null
      } else put({ ...current, text })
      return
    }
    const atEdge = forward ? $from.parentOffset >= $from.parent.content.size : $from.parentOffset === 0
    if (atEdge) {
      opts.onMessage('Ett ändringsförslag kan inte slå ihop stycken. Föreslå ändringen inom stycket.')
      return
    }
    const start = forward ? from : from - 1
    const end = forward ? from + 1 : from
    // A deletion next to the one just made grows it.
    if (current && here && current.text === '' && (forward ? here.to === start : here.from === end)) {
      const anchor = rangeAnchor(view, Math.min(here.from, start), Math.max(here.to, end))
      if (anchor) put({ ...current, anchor })
    } else {
      const anchor = rangeAnchor(view, start, end)
      if (anchor) put(fresh(anchor, ''))
    }
    caret(view, forward ? end : start)
  }

  const handled = (fn: () => void) => {
    fn()
    return true
  }

  return Extension.create({
    name: 'perspektivSuggestMode',
    // Before the keymaps and the reviewers' select-only guard: while suggesting, input is ours.
    priority: 1000,
    addProseMirrorPlugins() {
      return [
        new Plugin({
          key: suggestModeKey,
          filterTransaction: (tr: Transaction) => !mode.get() || !tr.docChanged || isRemoteTransaction(tr) || tr.getMeta(ACCEPT_META) === true,
          props: {
            handleDOMEvents: {
              beforeinput: (view, event) => {
                if (!mode.get()) return false
                event.preventDefault()
                const e = event as InputEvent
                if (e.inputType === 'insertText' || e.inputType === 'insertReplacementText') insert(view, e.data ?? e.dataTransfer?.getData('text/plain') ?? '')
                else if (e.inputType === 'insertFromPaste') insert(view, e.dataTransfer?.getData('text/plain') ?? '')
                else if (e.inputType.startsWith('deleteContentBackward') || e.inputType.startsWith('deleteWordBackward')) remove(view, false)
                else if (e.inputType.startsWith('deleteContentForward') || e.inputType.startsWith('deleteWordForward')) remove(view, true)
                return true
              },
              cut: (_view, event) => {
                if (!mode.get()) return false
                event.preventDefault()
                return true
              },
            },
            handleKeyDown: (view, event) => {
              if (!mode.get()) return false
              if (event.key === 'Backspace') return handled(() => remove(view, false))
              if (event.key === 'Delete') return handled(() => remove(view, true))
              if (event.key === 'Enter') return handled(() => opts.onMessage('Ett ändringsförslag kan inte dela stycken. Skriv förslaget inom stycket.'))
              return false
            },
            handleTextInput: (view, _from, _to, text) => (mode.get() ? handled(() => insert(view, text)) : false),
            handlePaste: (view, _event, slice) => (mode.get() ? handled(() => insert(view, slice.content.textBetween(0, slice.content.size, '\n'))) : false),
            handleDrop: () => mode.get(),
          },
        }),
      ]
    },
  })
}
