import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react'
import { useEditorState } from '@tiptap/react'
import type { Editor } from '@tiptap/core'
import { CLEAR_FORMATTING, HISTORY_ACTIONS, INSERT_TABLE, inTable, LIST_ACTIONS, TABLE_ACTIONS, TEXT_ACTIONS, type ToolbarAction } from './actions.js'
import { ariaShortcut, isMac, nextFocus, shortcutLabel } from './shortcuts.js'
import { LinkDialog } from './LinkDialog.js'
import { PasteNotices } from '../paste/PasteNotices.js'
import type { Template } from '@perspektiv/model'
import './toolbar.css'

const LINK: ToolbarAction = {
  id: 'link',
  label: 'Länk',
  face: '🔗',
  shortcut: 'Mod-k',
  pressed: (e) => e.isActive('link'),
  enabled: (e) => e.can().setLink({ href: 'https://example.org' }) || e.isActive('link'),
  run: () => undefined,
}

/** The groups of the toolbar, in order; the table group only while the caret is in a table. */
function groups(editor: Editor): Array<{ label: string; actions: ToolbarAction[] }> {
  const out = [
    { label: 'Historik', actions: HISTORY_ACTIONS },
    { label: 'Text', actions: TEXT_ACTIONS },
    { label: 'Listor', actions: LIST_ACTIONS },
    { label: 'Infoga', actions: [INSERT_TABLE, LINK, CLEAR_FORMATTING] },
  ]
  if (inTable(editor)) out.push({ label: 'Tabell', actions: TABLE_ACTIONS })
  return out
}

interface ButtonState {
  id: string
  enabled: boolean
  pressed: boolean | undefined
}

/**
 * ◆ The writing toolbar above the document (WAI-ARIA toolbar: one tab stop, arrow keys move
 * between buttons, Alt+F10 from the text jumps here, Escape goes back to the text). It also
 * carries the paste filter and its notices: both exist only for those who may edit.
 */
export function Toolbar({ editor, template }: { editor: Editor; template: Template }) {
  const mac = isMac()
  const state = useEditorState({
    editor,
    selector: ({ editor: e }): { groups: ReturnType<typeof groups>; buttons: ButtonState[] } => {
      const g = groups(e)
      return {
        groups: g,
        buttons: g.flatMap((grp) => grp.actions).map((a) => ({ id: a.id, enabled: a.enabled(e), pressed: a.pressed?.(e) })),
      }
    },
    equalityFn: (a, b) => JSON.stringify(a.buttons) === JSON.stringify(b?.buttons),
  })
  const [focusId, setFocusId] = useState('undo')
  const [linkOpen, setLinkOpen] = useState(false)
  const refs = useRef(new Map<string, HTMLButtonElement>())
  const buttons = state.buttons
  // The one tab stop: the button last focused (the first when that one is gone).
  const current = buttons.find((b) => b.id === focusId) ?? buttons[0]

  const runAction = useCallback(
    (action: ToolbarAction) => {
      if (action.id === 'link') setLinkOpen(true)
      else {
        // Focus the text at once, and only then run the command (WEB-E6). Run while a button
        // has focus, the command's `focus()` defers `view.focus()` to the next animation frame:
        // a key typed before that frame would land on the button, and a dialog opened in
        // between (Ctrl+K) would lose its focus to the text when the frame comes. With the text
        // focused, `focus()` finds the focus there and defers nothing.
        editor.view.focus()
        action.run(editor)
      }
    },
    [editor],
  )

  // Shortcuts the editor has no keymap for: Ctrl+K (link), Ctrl+\ (clear), Alt+F10 (toolbar).
  useEffect(() => {
    const dom = editor.view.dom
    const onKey = (e: globalThis.KeyboardEvent) => {
      const mod = mac ? e.metaKey : e.ctrlKey
      if (mod && !e.altKey && e.key.toLowerCase() === 'k') {
        e.preventDefault()
        setLinkOpen(true)
      } else if (mod && e.key === '\\') {
        e.preventDefault()
        CLEAR_FORMATTING.run(editor)
      } else if (e.altKey && e.key === 'F10') {
        e.preventDefault()
        const target = current ? refs.current.get(current.id) : undefined
        target?.focus()
      }
    }
    dom.addEventListener('keydown', onKey)
    return () => dom.removeEventListener('keydown', onKey)
  }, [editor, mac, current])

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault()
      // At once, not in a frame (`commands.focus()`): the next key belongs to the text.
      editor.view.focus()
      return
    }
    const index = buttons.findIndex((b) => b.id === current?.id)
    const next = nextFocus(index, e.key, buttons.length)
    if (next === null) return
    e.preventDefault()
    const id = buttons[next]!.id
    setFocusId(id)
    refs.current.get(id)?.focus()
  }

  return (
    <div className="editor-toolbar-wrap">
      <div role="toolbar" aria-label="Formatering" className="editor-toolbar" onKeyDown={onKeyDown}>
        {state.groups.map((group) => (
          <div role="group" aria-label={group.label} className="editor-toolbar__group" key={group.label}>
            {group.actions.map((action) => {
              const b = buttons.find((x) => x.id === action.id)
              const tip = action.shortcut ? `${action.label} (${shortcutLabel(action.shortcut, mac)})` : action.label
              return (
                <button
                  key={action.id}
                  ref={(el) => {
                    if (el) refs.current.set(action.id, el)
                    else refs.current.delete(action.id)
                  }}
                  type="button"
                  className={`editor-toolbar__button editor-toolbar__button--${action.id}`}
                  tabIndex={current?.id === action.id ? 0 : -1}
                  aria-label={action.label}
                  aria-pressed={b?.pressed === undefined ? undefined : b.pressed}
                  aria-keyshortcuts={action.shortcut ? ariaShortcut(action.shortcut, mac) : undefined}
                  aria-disabled={b?.enabled ? undefined : true}
                  data-tooltip={tip}
                  // The face is drawn by CSS: a symbol, not text, so the name stays the label (WCAG 2.5.3).
                  data-face={action.face}
                  // Keep the text selection: the button must not take it on mousedown.
                  onMouseDown={(e) => e.preventDefault()}
                  onFocus={() => setFocusId(action.id)}
                  onClick={() => {
                    if (b?.enabled) runAction(action)
                  }}
                ></button>
              )
            })}
          </div>
        ))}
      </div>
      {linkOpen && <LinkDialog editor={editor} onClose={() => setLinkOpen(false)} />}
      <PasteNotices editor={editor} template={template} />
    </div>
  )
}
