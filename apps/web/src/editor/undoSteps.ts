import { Extension } from '@tiptap/core'
import { Plugin, PluginKey } from '@tiptap/pm/state'
import type { EditorView } from '@tiptap/pm/view'
import { ySyncPluginKey, yUndoPluginKey } from '@tiptap/y-tiptap'
import type * as Y from 'yjs'

/**
 * WEB-U1: a paste or a drop is an undo step of its own, as in Word and Google Docs; and WEB-U2:
 * so is what I type after moving the caret myself (a click, an arrow key): typing a letter in
 * one place, clicking elsewhere and typing on within half a second was one step, and Ctrl+Z
 * took back both places at once. A caret moved by another author's change is not my move.
 *
 * Yjs' UndoManager merges every change made within its capture timeout (500 ms) into one
 * step, so text typed and pasted within half a second was undone together: Ctrl+Z after a
 * paste the server refused (SRV-S14: "remove what was added last") also removed what the
 * author had typed just before. The step is closed before the paste is applied and again
 * after it (the paste's transaction is written to Yjs synchronously inside the event, so a
 * microtask runs after it), so neither the typing before nor the typing after joins it.
 */
function closeUndoStep(view: EditorView): void {
  const undoManager = yUndoPluginKey.getState(view.state)?.undoManager as Y.UndoManager | undefined
  undoManager?.stopCapturing()
}

function aroundInsertion(view: EditorView): boolean {
  closeUndoStep(view)
  queueMicrotask(() => closeUndoStep(view))
  // Not handled here: ProseMirror (and the paste cleaning) go on as usual.
  return false
}

export const UndoSteps = Extension.create({
  name: 'perspektivUndoSteps',
  addProseMirrorPlugins: () => [
    new Plugin({
      key: new PluginKey('perspektivUndoSteps'),
      props: { handleDOMEvents: { paste: aroundInsertion, drop: aroundInsertion } },
      view: () => ({
        update(view, prevState) {
          const moved = !view.state.selection.eq(prevState.selection) && view.state.doc.eq(prevState.doc)
          const remote = (ySyncPluginKey.getState(view.state) as { isChangeOrigin?: boolean } | undefined)?.isChangeOrigin === true
          if (moved && !remote) closeUndoStep(view)
        },
      }),
    }),
  ],
})
