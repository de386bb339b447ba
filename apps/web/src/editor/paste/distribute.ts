// Puts the segments of a paste into the sections their headings name, in one transaction
// (one undo step; the structure guard sees the skeleton unchanged). A section whose body is
// empty is replaced, any other gets the text appended.
import type { Editor } from '@tiptap/core'
import { DOMParser as PMDOMParser, Fragment, Slice } from '@tiptap/pm/model'
import type { PasteSegment } from './sections.js'

function fragmentOf(editor: Editor, html: string): Fragment | null {
  const section = editor.schema.nodes.section
  if (!section || !html.trim()) return null
  const dom = new DOMParser().parseFromString(html, 'text/html').body
  // Parsed as the body of a section, so loose text is wrapped as a section body would be.
  const node = PMDOMParser.fromSchema(editor.schema).parse(dom, { topNode: section.create() })
  return node.content.size > 0 ? node.content : null
}

/** Returns the titles of the sections that received text. */
export function distributeToSections(editor: Editor, segments: PasteSegment[]): string[] {
  const tr = editor.state.tr
  const filled: string[] = []
  const lead = segments.find((s) => s.sectionKey === null)
  const leadContent = lead ? fragmentOf(editor, lead.html) : null
  if (leadContent) tr.replaceSelection(new Slice(leadContent, 0, 0))
  for (const segment of segments) {
    if (!segment.sectionKey) continue
    const content = fragmentOf(editor, segment.html)
    if (!content) continue
    let target: { pos: number; size: number; empty: boolean; title: string } | null = null
    tr.doc.forEach((node, offset) => {
      if (node.type.name === 'section' && node.attrs.key === segment.sectionKey) {
        target = { pos: offset, size: node.nodeSize, empty: node.textContent.trim() === '', title: String(node.attrs.title) }
      }
    })
    if (!target) continue
    const { pos, size, empty, title } = target as { pos: number; size: number; empty: boolean; title: string }
    if (empty) tr.replaceWith(pos + 1, pos + size - 1, content)
    else tr.insert(pos + size - 1, content)
    filled.push(title)
  }
  if (!tr.docChanged) return []
  tr.setMeta('uiEvent', 'paste').scrollIntoView()
  editor.view.dispatch(tr)
  return filled
}
