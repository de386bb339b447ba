import { useId, useLayoutEffect, useRef, useState, type KeyboardEvent, type RefObject, type TextareaHTMLAttributes } from 'react'
import { insertMention, mentionAt, suggestions, type Mentionable } from './mentions.js'

type Props = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'value' | 'onChange'> & {
  value: string
  onChange: (text: string) => void
  /** The document's members (who can be mentioned). */
  members: readonly Mentionable[]
  /** The signed-in user's username (not suggested). */
  me: string
  textareaRef?: RefObject<HTMLTextAreaElement | null>
}

/**
 * A comment box that suggests the document's members after "@" (the combobox pattern on a
 * textarea: `aria-autocomplete="list"`, a listbox, `aria-activedescendant`). Arrow keys
 * move in the list, Enter or Tab inserts "@username", Escape closes it; a live region says
 * how many suggestions there are.
 */
export function MentionTextarea({ value, onChange, members, me, textareaRef, onKeyDown, ...rest }: Props) {
  const id = useId()
  const ownRef = useRef<HTMLTextAreaElement>(null)
  const ref = textareaRef ?? ownRef
  const [caret, setCaret] = useState(0)
  const [active, setActive] = useState(0)
  const [dismissed, setDismissed] = useState<number | null>(null)
  const pendingCaret = useRef<number | null>(null)
  const mention = mentionAt(value, caret)
  const options = mention && dismissed !== mention.start ? suggestions(members, mention.query, me) : []
  const open = options.length > 0
  const current = Math.min(active, options.length - 1)

  useLayoutEffect(() => {
    if (pendingCaret.current === null || !ref.current) return
    ref.current.setSelectionRange(pendingCaret.current, pendingCaret.current)
    pendingCaret.current = null
  })

  const choose = (m: Mentionable) => {
    if (!mention) return
    const next = insertMention(value, mention.start, caret, m.username)
    pendingCaret.current = next.caret
    setCaret(next.caret)
    setActive(0)
    onChange(next.text)
    ref.current?.focus()
  }

  const keyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (open) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault()
        setActive((current + (e.key === 'ArrowDown' ? 1 : options.length - 1)) % options.length)
        return
      }
      if (e.key === 'Enter' || e.key === 'Tab') {
        e.preventDefault()
        choose(options[current]!)
        return
      }
      if (e.key === 'Escape') {
        // Closes the list only, not the form around it.
        e.preventDefault()
        e.stopPropagation()
        setDismissed(mention!.start)
        return
      }
    }
    onKeyDown?.(e)
  }

  const optionId = (i: number) => `${id}-option-${i}`
  return (
    <div className="mention-box">
      <textarea
        {...rest}
        ref={ref}
        value={value}
        aria-autocomplete="list"
        aria-controls={open ? `${id}-list` : undefined}
        aria-activedescendant={open ? optionId(current) : undefined}
        onChange={(e) => {
          setCaret(e.target.selectionStart)
          setActive(0)
          setDismissed(null)
          onChange(e.target.value)
        }}
        onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
        onKeyDown={keyDown}
        onBlur={() => setDismissed(mention?.start ?? null)}
      />
      {open && (
        <div className="mention-box__list" id={`${id}-list`} role="listbox" aria-label="Nämn en medlem">
          {options.map((m, i) => (
            // biome-ignore lint/a11y/useKeyWithClickEvents: the keys are handled on the textarea, which keeps focus (aria-activedescendant)
            <div
              key={m.username}
              id={optionId(i)}
              role="option"
              tabIndex={-1}
              aria-selected={i === current}
              className={i === current ? 'mention-box__option mention-box__option--active' : 'mention-box__option'}
              // Keep focus (and the caret) in the textarea.
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => choose(m)}
            >
              <span className="mention-box__name">{m.name}</span> <span className="muted">@{m.username}</span>
              {m.title && <span className="muted"> – {m.title}</span>}
            </div>
          ))}
        </div>
      )}
      <span className="visually-hidden" role="status">
        {open ? `${options.length} förslag. Välj med pil upp och ned och Enter.` : ''}
      </span>
    </div>
  )
}
