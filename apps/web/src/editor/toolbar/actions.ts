// What each toolbar button does: Swedish label, shortcut, state and command. The editor's
// own keymaps (StarterKit, Collaboration, Table) already bind these shortcuts; the toolbar
// only shows them. Ctrl+K (link) and Ctrl+\ (clear formatting) are bound by the toolbar.
import type { Editor } from '@tiptap/core'
import type { Shortcut } from './shortcuts.js'

export interface ToolbarAction {
  id: string
  label: string
  /** A short visible face (the accessible name is `label`). */
  face: string
  shortcut?: Shortcut
  /** Toggles report their state as aria-pressed. */
  pressed?: (editor: Editor) => boolean
  enabled: (editor: Editor) => boolean
  run: (editor: Editor) => void
}

/** True when the selection is inside a table. */
export function inTable(editor: Editor): boolean {
  const { $from } = editor.state.selection
  for (let d = $from.depth; d > 0; d--) if ($from.node(d).type.name === 'table') return true
  return false
}

/** True when the table around the selection starts with a row of header cells. */
function hasHeaderRow(editor: Editor): boolean {
  const { $from } = editor.state.selection
  for (let d = $from.depth; d > 0; d--) {
    const node = $from.node(d)
    if (node.type.name !== 'table') continue
    const first = node.firstChild
    if (!first || first.childCount === 0) return false
    let all = true
    first.forEach((cell) => {
      if (cell.type.name !== 'tableHeader') all = false
    })
    return all
  }
  return false
}

/**
 * Deletes the table around the caret. A section body is never left empty (the schema needs a
 * block there, and deleting the section's only child would delete the section): a table that
 * is the whole body becomes an empty paragraph.
 */
function deleteTable(editor: Editor): void {
  const { $from } = editor.state.selection
  for (let d = $from.depth; d > 1; d--) {
    if ($from.node(d).type.name !== 'table') continue
    if ($from.node(d - 1).childCount > 1) {
      editor.chain().focus().deleteTable().run()
      return
    }
    const paragraph = editor.schema.nodes.paragraph
    if (!paragraph) return
    editor
      .chain()
      .focus()
      .command(({ tr }) => {
        tr.replaceWith($from.before(d), $from.after(d), paragraph.create())
        return true
      })
      .setTextSelection($from.before(d) + 1)
      .run()
    return
  }
}

/** Removes marks, and turns sub-headings back into paragraphs (lists and tables stay). */
export function clearFormatting(editor: Editor): boolean {
  return editor.chain().focus().unsetAllMarks().setParagraph().run()
}

export const HISTORY_ACTIONS: ToolbarAction[] = [
  { id: 'undo', label: 'Ångra', face: '↶', shortcut: 'Mod-z', enabled: (e) => e.can().undo(), run: (e) => e.chain().focus().undo().run() },
  { id: 'redo', label: 'Gör om', face: '↷', shortcut: 'Mod-y', enabled: (e) => e.can().redo(), run: (e) => e.chain().focus().redo().run() },
]

export const TEXT_ACTIONS: ToolbarAction[] = [
  {
    id: 'bold',
    label: 'Fetstil',
    face: 'F',
    shortcut: 'Mod-b',
    pressed: (e) => e.isActive('bold'),
    enabled: (e) => e.can().toggleBold(),
    run: (e) => e.chain().focus().toggleBold().run(),
  },
  {
    id: 'italic',
    label: 'Kursiv',
    face: 'K',
    shortcut: 'Mod-i',
    pressed: (e) => e.isActive('italic'),
    enabled: (e) => e.can().toggleItalic(),
    run: (e) => e.chain().focus().toggleItalic().run(),
  },
  {
    id: 'heading3',
    label: 'Mellanrubrik 1',
    face: 'M1',
    shortcut: 'Mod-Alt-3',
    pressed: (e) => e.isActive('heading', { level: 3 }),
    enabled: (e) => !inTable(e) && e.can().toggleHeading({ level: 3 }),
    run: (e) => e.chain().focus().toggleHeading({ level: 3 }).run(),
  },
  {
    id: 'heading4',
    label: 'Mellanrubrik 2',
    face: 'M2',
    shortcut: 'Mod-Alt-4',
    pressed: (e) => e.isActive('heading', { level: 4 }),
    enabled: (e) => !inTable(e) && e.can().toggleHeading({ level: 4 }),
    run: (e) => e.chain().focus().toggleHeading({ level: 4 }).run(),
  },
]

export const LIST_ACTIONS: ToolbarAction[] = [
  {
    id: 'bulletList',
    label: 'Punktlista',
    face: '•≡',
    shortcut: 'Mod-Shift-8',
    pressed: (e) => e.isActive('bulletList'),
    enabled: (e) => !inTable(e) && e.can().toggleBulletList(),
    run: (e) => e.chain().focus().toggleBulletList().run(),
  },
  {
    id: 'orderedList',
    label: 'Numrerad lista',
    face: '1≡',
    shortcut: 'Mod-Shift-7',
    pressed: (e) => e.isActive('orderedList'),
    enabled: (e) => !inTable(e) && e.can().toggleOrderedList(),
    run: (e) => e.chain().focus().toggleOrderedList().run(),
  },
  {
    id: 'indent',
    label: 'Öka indrag',
    face: '→',
    shortcut: 'Tab',
    enabled: (e) => !inTable(e) && e.can().sinkListItem('listItem'),
    run: (e) => e.chain().focus().sinkListItem('listItem').run(),
  },
  {
    id: 'outdent',
    label: 'Minska indrag',
    face: '←',
    shortcut: 'Shift-Tab',
    enabled: (e) => !inTable(e) && e.can().liftListItem('listItem'),
    run: (e) => e.chain().focus().liftListItem('listItem').run(),
  },
]

const NEW_TABLE = { rows: 3, cols: 3, withHeaderRow: true }

export const INSERT_TABLE: ToolbarAction = {
  id: 'table',
  label: 'Infoga tabell',
  face: '⊞',
  enabled: (e) => !inTable(e) && e.can().insertTable(NEW_TABLE),
  run: (e) => e.chain().focus().insertTable(NEW_TABLE).run(),
}

export const CLEAR_FORMATTING: ToolbarAction = {
  id: 'clear',
  label: 'Rensa formatering',
  face: 'T̸',
  shortcut: 'Mod-Backslash',
  enabled: (e) => e.can().unsetAllMarks(),
  run: (e) => void clearFormatting(e),
}

/** Shown while the caret is in a table. */
export const TABLE_ACTIONS: ToolbarAction[] = [
  { id: 'rowBefore', label: 'Infoga rad ovanför', face: '↥ rad', enabled: (e) => e.can().addRowBefore(), run: (e) => e.chain().focus().addRowBefore().run() },
  { id: 'rowAfter', label: 'Infoga rad nedanför', face: '↧ rad', enabled: (e) => e.can().addRowAfter(), run: (e) => e.chain().focus().addRowAfter().run() },
  { id: 'rowDelete', label: 'Ta bort rad', face: '✕ rad', enabled: (e) => e.can().deleteRow(), run: (e) => e.chain().focus().deleteRow().run() },
  {
    id: 'colBefore',
    label: 'Infoga kolumn till vänster',
    face: '↤ kolumn',
    enabled: (e) => e.can().addColumnBefore(),
    run: (e) => e.chain().focus().addColumnBefore().run(),
  },
  {
    id: 'colAfter',
    label: 'Infoga kolumn till höger',
    face: '↦ kolumn',
    enabled: (e) => e.can().addColumnAfter(),
    run: (e) => e.chain().focus().addColumnAfter().run(),
  },
  { id: 'colDelete', label: 'Ta bort kolumn', face: '✕ kolumn', enabled: (e) => e.can().deleteColumn(), run: (e) => e.chain().focus().deleteColumn().run() },
  {
    id: 'headerRow',
    label: 'Rubrikrad',
    face: 'Rubrikrad',
    pressed: hasHeaderRow,
    enabled: (e) => e.can().toggleHeaderRow(),
    run: (e) => e.chain().focus().toggleHeaderRow().run(),
  },
  { id: 'tableDelete', label: 'Ta bort tabell', face: '✕ tabell', enabled: (e) => e.can().deleteTable(), run: deleteTable },
]
