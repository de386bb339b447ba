import { Extension } from '@tiptap/core'
import { Plugin, PluginKey } from '@tiptap/pm/state'
import { isRemoteTransaction } from '@perspektiv/document'

const selectOnlyKey = new PluginKey('perspektivSelectOnly')

/**
 * For reviewers and approvers: the text stays focusable so a keyboard user can move the
 * caret and select a passage to comment on (a non-editable ProseMirror view cannot be
 * selected from the keyboard), but no local edit is ever applied. Remote (Yjs-origin)
 * transactions pass untouched, as everywhere. The server refuses their edits anyway.
 */
export function selectOnly(onRefused: () => void) {
  return Extension.create({
    name: 'perspektivSelectOnly',
    addProseMirrorPlugins() {
      const refuse = () => {
        onRefused()
        return true
      }
      return [
        new Plugin({
          key: selectOnlyKey,
          filterTransaction: (tr) => !tr.docChanged || isRemoteTransaction(tr),
          props: {
            // Stop input before the browser changes the DOM, so ProseMirror has nothing to
            // undo (undoing it later reset a keyboard selection being made meanwhile).
            handleDOMEvents: {
              beforeinput: (_view, event) => {
                event.preventDefault()
                return refuse()
              },
            },
            handleTextInput: refuse,
            handlePaste: refuse,
            handleDrop: refuse,
            handleKeyDown: (_view, event) => (event.key === 'Enter' || event.key === 'Backspace' || event.key === 'Delete' ? refuse() : false),
          },
        }),
      ]
    },
  })
}
