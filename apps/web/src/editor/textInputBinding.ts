import * as Y from 'yjs'
import { stringDiff } from '@perspektiv/document'

/** One Yjs text delta (what `YTextEvent.delta` holds). */
type Delta = Array<{ insert?: unknown; delete?: number; retain?: number }>

const insertLength = (insert: unknown): number => (typeof insert === 'string' ? insert.length : 1)

/**
 * Where `pos` (an index into the text before `delta`) is after it. `stickAfter`: an insertion
 * exactly at `pos` goes before it (the start of a selection, so the new text stays outside);
 * otherwise after it, so a caret stays in front of what another author types at the same
 * place and each author's letters stay together (WEB-M2).
 */
export function mapThroughDelta(delta: Delta, pos: number, stickAfter = false): number {
  let at = 0
  let result = pos
  for (const op of delta) {
    if (op.retain !== undefined) at += op.retain
    else if (op.insert !== undefined) {
      if (at < pos || (at === pos && stickAfter)) result += insertLength(op.insert)
    } else if (op.delete !== undefined) {
      if (pos > at) result -= Math.min(op.delete, pos - at)
      at += op.delete
    }
  }
  return result
}

/** Where the last change of `delta` ends in the text after it: the caret after an undo or redo. */
function changeEnd(delta: Delta): number {
  let at = 0
  let end = 0
  for (const op of delta) {
    if (op.retain !== undefined) at += op.retain
    else if (op.insert !== undefined) end = at += insertLength(op.insert)
    else if (op.delete !== undefined) end = at
  }
  return end
}

/**
 * Binds a plain `<input>` to a Y.Text (a header field, DOC-D8): what the user types becomes
 * the smallest edit of the Y.Text at the caret, and another author's edit is applied to the
 * input with the caret and selection moved along with the text (WEB-M1, WEB-M2). During IME
 * composition the input is not written to (that would cancel the composition): remote edits
 * wait and the composed text is placed through them when the composition ends (WEB-M3).
 * Ctrl+Z and Ctrl+Y (or Ctrl+Shift+Z) undo and redo only this user's own typing in the field,
 * also after other authors' edits (the browser's own undo forgets everything once the input's
 * value is set by script, i.e. after the first remote edit) (WEB-M4).
 */
export class TextInputBinding {
  /** The text the input showed when it last agreed with the Y.Text. */
  private shown: string
  private composing = false
  /** Remote edits made while composing, in order, relative to `shown`. */
  private waiting: Delta[] = []
  /** This user's typing in the field, in steps (what is typed within half a second is one). */
  private readonly history: Y.UndoManager

  constructor(
    private readonly input: HTMLInputElement,
    private readonly ytext: Y.Text,
  ) {
    this.shown = ytext.toString()
    input.value = this.shown
    this.history = new Y.UndoManager(ytext, { trackedOrigins: new Set([this]), captureTimeout: 500 })
    ytext.observe(this.onRemote)
    input.addEventListener('keydown', this.onKeyDown)
    input.addEventListener('beforeinput', this.onBeforeInput)
    input.addEventListener('input', this.onInput)
    input.addEventListener('compositionstart', this.onCompositionStart)
    input.addEventListener('compositionend', this.onCompositionEnd)
  }

  destroy(): void {
    this.ytext.unobserve(this.onRemote)
    this.history.destroy()
    this.input.removeEventListener('keydown', this.onKeyDown)
    this.input.removeEventListener('beforeinput', this.onBeforeInput)
    this.input.removeEventListener('input', this.onInput)
    this.input.removeEventListener('compositionstart', this.onCompositionStart)
    this.input.removeEventListener('compositionend', this.onCompositionEnd)
  }

  private readonly onKeyDown = (event: KeyboardEvent) => {
    if (!(event.ctrlKey || event.metaKey) || event.altKey || this.composing) return
    const key = event.key.toLowerCase()
    const step = key === 'z' ? (event.shiftKey ? 'redo' : 'undo') : key === 'y' && !event.shiftKey ? 'redo' : null
    if (!step) return
    event.preventDefault()
    this.step(step)
  }

  /** The browser's Edit menu (and Chromium's own shortcut handling) ask through beforeinput. */
  private readonly onBeforeInput = (event: InputEvent) => {
    if (event.inputType !== 'historyUndo' && event.inputType !== 'historyRedo') return
    event.preventDefault()
    this.step(event.inputType === 'historyUndo' ? 'undo' : 'redo')
  }

  private step(step: 'undo' | 'redo'): void {
    if (this.input.readOnly) return
    if (step === 'undo') this.history.undo()
    else this.history.redo()
  }

  private readonly onInput = (event: Event) => {
    if (this.composing || (event as InputEvent).isComposing) return
    this.commit()
  }

  private readonly onCompositionStart = () => {
    this.composing = true
  }

  private readonly onCompositionEnd = () => {
    this.composing = false
    this.commit()
  }

  /** Writes what the user changed in the input (since `shown`) into the Y.Text. */
  private commit(): void {
    const { input, ytext } = this
    const value = input.value
    const change = stringDiff(this.shown, value, input.selectionEnd ?? value.length)
    let start = change.index
    let end = change.index + change.remove
    for (const delta of this.waiting) {
      start = mapThroughDelta(delta, start, true)
      end = Math.max(start, mapThroughDelta(delta, end))
    }
    const hadWaiting = this.waiting.length > 0
    this.waiting = []
    const apply = () => {
      if (end > start) ytext.delete(start, end - start)
      if (change.insert !== '') ytext.insert(start, change.insert)
    }
    if (ytext.doc) ytext.doc.transact(apply, this)
    else apply()
    this.shown = ytext.toString()
    if (hadWaiting || input.value !== this.shown) {
      // Remote edits waited for the composition: show them, the caret after what was composed.
      const caret = start + change.insert.length
      input.value = this.shown
      if (this.focused()) input.setSelectionRange(caret, caret)
    }
  }

  private readonly onRemote = (event: Y.YTextEvent, transaction: Y.Transaction) => {
    if (transaction.origin === this) return
    const delta = event.delta as Delta
    if (this.composing) {
      this.waiting.push(delta)
      return
    }
    const { input } = this
    const focused = this.focused()
    const from = input.selectionStart ?? 0
    const to = input.selectionEnd ?? from
    const direction = input.selectionDirection ?? 'none'
    this.shown = this.ytext.toString()
    if (input.value === this.shown) return
    input.value = this.shown
    if (!focused) return
    if (transaction.origin === this.history) {
      // Undo or redo: the caret goes where the change was, like in the text editor (WEB-E10).
      const caret = changeEnd(delta)
      input.setSelectionRange(caret, caret)
      return
    }
    const start = mapThroughDelta(delta, from, from < to)
    const end = Math.max(start, mapThroughDelta(delta, to))
    input.setSelectionRange(start, end, direction)
  }

  private focused(): boolean {
    return this.input.ownerDocument.activeElement === this.input
  }
}
