import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { Editor } from '@tiptap/react'
import { TextSelection } from '@tiptap/pm/state'
import { nodeText, sectionAttrs, sectionNodes, type PMNode } from '@perspektiv/document'

/** A guard's message (a refused edit), shown for six seconds; a new one replaces it. */
export function useGuardMessage(): [string | null, (message: string) => void] {
  const [guardMessage, setGuardMessage] = useState<string | null>(null)
  const guardTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  const showGuardMessage = useCallback((message: string) => {
    setGuardMessage(message)
    clearTimeout(guardTimer.current)
    guardTimer.current = setTimeout(() => setGuardMessage(null), 6000)
  }, [])
  useEffect(() => () => clearTimeout(guardTimer.current), [])
  return [guardMessage, showGuardMessage]
}

/** Section texts by key for "outdated" verdicts: recomputed with the (debounced) coverage report. */
export function useSectionTexts(editor: Editor | null, report: unknown): Map<string, string> {
  // biome-ignore lint/correctness/useExhaustiveDependencies: the report is the trigger: the editor object stays the same while its text changes, and the report follows the text (debounced).
  return useMemo(() => {
    const texts = new Map<string, string>()
    if (editor && !editor.isDestroyed) for (const n of sectionNodes(editor.getJSON() as PMNode)) texts.set(sectionAttrs(n).key, nodeText(n))
    return texts
  }, [editor, report])
}

/** Scrolls to a section and puts the caret in it (or focuses its heading when read-only). */
export function useGoToSection(editor: Editor | null, readOnly: boolean): (key: string) => void {
  return useCallback(
    (key: string) => {
      if (!editor) return
      let target = -1
      editor.state.doc.forEach((node, offset) => {
        if (node.attrs.key === key) target = offset
      })
      if (target < 0) return
      const dom = editor.view.nodeDOM(target)
      if (dom instanceof HTMLElement) dom.scrollIntoView({ block: 'start', behavior: 'smooth' })
      if (readOnly) {
        document.getElementById(`section-${key}-heading`)?.focus({ preventScroll: true })
        return
      }
      const inside = TextSelection.near(editor.state.doc.resolve(target + 1))
      editor.commands.setTextSelection(inside.from)
      // Focus now, not on the next frame as TipTap's focus command does: keys typed right
      // after the click must land in the section, not on the button.
      editor.view.focus()
    },
    [editor, readOnly],
  )
}
