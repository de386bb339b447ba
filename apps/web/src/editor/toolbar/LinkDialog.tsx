import { useEffect, useId, useRef, useState } from 'react'
import type { Editor } from '@tiptap/core'
import { parseLinkInput } from './link.js'

/** Add, change or remove the link on the selection (Ctrl+K). Escape or Avbryt goes back to the text. */
export function LinkDialog({ editor, onClose }: { editor: Editor; onClose: () => void }) {
  const current = editor.getAttributes('link').href
  const [value, setValue] = useState(typeof current === 'string' ? current : '')
  const [error, setError] = useState<string | null>(null)
  const input = useRef<HTMLInputElement>(null)
  const id = useId()
  useEffect(() => input.current?.focus(), [])

  // Back to the text at once: `commands.focus()` waits for an animation frame, and a key typed
  // before it would be lost on the closing dialog.
  const close = () => {
    editor.view.focus()
    onClose()
  }
  const save = () => {
    const parsed = parseLinkInput(value)
    if (!parsed.ok) {
      setError(parsed.error)
      input.current?.focus()
      return
    }
    // Back to the text before the command, so that no `focus()` deferred to an animation frame
    // takes the focus later from wherever the user went next (the toolbar, WEB-E6).
    editor.view.focus()
    const chain = editor.chain().extendMarkRange('link')
    if (editor.state.selection.empty && !editor.isActive('link')) {
      // Nothing selected: the address itself becomes the linked text.
      chain.insertContent({ type: 'text', text: value.trim(), marks: [{ type: 'link', attrs: { href: parsed.href } }] }).run()
    } else chain.setLink({ href: parsed.href }).run()
    close()
  }

  return (
    <div
      className="link-dialog"
      role="dialog"
      aria-labelledby={`${id}-title`}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault()
          e.stopPropagation()
          close()
        }
      }}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault()
          save()
        }}
      >
        <h2 id={`${id}-title`} className="link-dialog__title">
          Länk
        </h2>
        <label htmlFor={`${id}-href`}>Adress</label>
        <input
          id={`${id}-href`}
          ref={input}
          type="text"
          inputMode="url"
          value={value}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => {
            setValue(e.target.value)
            setError(null)
          }}
        />
        {error && (
          <p id={`${id}-error`} className="link-dialog__error" role="alert">
            {error}
          </p>
        )}
        <div className="link-dialog__actions">
          <button type="submit" className="button button--primary">
            Spara länk
          </button>
          {current && (
            <button
              type="button"
              className="button button--quiet"
              onClick={() => {
                editor.view.focus()
                editor.chain().extendMarkRange('link').unsetLink().run()
                close()
              }}
            >
              Ta bort länk
            </button>
          )}
          <button type="button" className="button button--quiet" onClick={close}>
            Avbryt
          </button>
        </div>
      </form>
    </div>
  )
}
