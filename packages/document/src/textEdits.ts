import type { PMNode } from './json.js'

/**
 * [DOC-T1–DOC-T3] Text edits on ProseMirror JSON, addressed by ProseMirror positions (what a
 * suggestion resolves to in the editor or on the server). Pure: the coverage "if every open
 * suggestion were accepted" and the DOCX with tracked changes are both made from the same
 * JSON and the same edits.
 */
export interface TextEdit {
  /** Start and end of the replaced range (equal for an insertion). */
  from: number
  to: number
  /** The replacement ('' for a deletion). */
  text: string
  /** Who proposed it and when (ISO 8601): carried into the tracked-change marks. */
  author: string
  date: string
}

/** [DOC-T2] The mark on text a suggestion would insert or delete (what the DOCX writer draws as `w:ins`/`w:del`). */
export const TRACKED_MARK = 'trackedChange'
export interface TrackedChangeAttrs {
  kind: 'insertion' | 'deletion'
  author: string
  date: string
}

// Inline nodes without content, one position each (our schema: hard breaks).
const INLINE_LEAVES = new Set(['hardBreak', 'image'])
const TEXTBLOCKS = new Set(['paragraph', 'heading'])

function nodeSize(node: PMNode): number {
  if (node.type === 'text') return node.text?.length ?? 0
  if (INLINE_LEAVES.has(node.type)) return 1
  return 2 + (node.content ?? []).reduce((sum, child) => sum + nodeSize(child), 0)
}

/** Splits inline content so that `offset` (within the block) falls between two nodes; returns that index. */
function boundary(inlines: PMNode[], offset: number): number {
  let pos = 0
  for (let i = 0; i < inlines.length; i++) {
    const node = inlines[i]!
    const size = nodeSize(node)
    if (offset === pos) return i
    if (offset < pos + size) {
      // Only text nodes span several positions.
      const text = node.text ?? ''
      const cut = offset - pos
      inlines.splice(i, 1, { ...node, text: text.slice(0, cut) }, { ...node, text: text.slice(cut) })
      return i + 1
    }
    pos += size
  }
  return inlines.length
}

const withMark = (node: PMNode, attrs: TrackedChangeAttrs): PMNode => ({ ...node, marks: [...(node.marks ?? []), { type: TRACKED_MARK, attrs: { ...attrs } }] })
const withoutTracked = (marks: PMNode['marks']) => (marks ?? []).filter((m) => m.type !== TRACKED_MARK)

type Mode = 'accept' | 'track'

/** Applies the edits that fall inside one textblock's content (offsets relative to it), last first. */
function editBlock(content: PMNode[], edits: TextEdit[], mode: Mode): PMNode[] {
  const inlines = [...content]
  for (const edit of edits) {
    const start = boundary(inlines, edit.from)
    const end = boundary(inlines, edit.to)
    const removed = inlines.slice(start, end)
    // Inserted text looks like the text it replaces, or the text just before it.
    const model =
      removed.find((n) => n.type === 'text') ??
      inlines
        .slice(0, start)
        .reverse()
        .find((n) => n.type === 'text')
    const marks = withoutTracked(model?.marks)
    const inserted: PMNode[] = edit.text ? [{ type: 'text', text: edit.text, ...(marks.length > 0 ? { marks } : {}) }] : []
    if (mode === 'accept') {
      inlines.splice(start, end - start, ...inserted)
    } else {
      const by = { author: edit.author, date: edit.date }
      // Word's order: the deleted text, then what replaces it.
      inlines.splice(
        start,
        end - start,
        ...removed.map((n) => withMark(n, { kind: 'deletion', ...by })),
        ...inserted.map((n) => withMark(n, { kind: 'insertion', ...by })),
      )
    }
  }
  return inlines.filter((n) => n.type !== 'text' || (n.text ?? '') !== '')
}

function isTextblock(node: PMNode): boolean {
  if (TEXTBLOCKS.has(node.type)) return true
  const content = node.content ?? []
  return content.length > 0 && content.every((c) => c.type === 'text' || INLINE_LEAVES.has(c.type))
}

function walk(node: PMNode, contentStart: number, edits: TextEdit[], mode: Mode): PMNode {
  const content = node.content ?? []
  const contentEnd = contentStart + nodeSize(node) - 2
  const mine = edits.filter((e) => e.from >= contentStart && e.to <= contentEnd)
  if (mine.length === 0) return node
  if (isTextblock(node)) {
    const local = mine.map((e) => ({ ...e, from: e.from - contentStart, to: e.to - contentStart }))
    return { ...node, content: editBlock(content, local, mode) }
  }
  let pos = contentStart
  const next = content.map((child) => {
    const size = nodeSize(child)
    const out = child.type === 'text' || INLINE_LEAVES.has(child.type) ? child : walk(child, pos + 1, mine, mode)
    pos += size
    return out
  })
  return { ...node, content: next }
}

/** The content ranges of every textblock, in document order. */
function textblockRanges(node: PMNode, contentStart: number, out: Array<[number, number]>): Array<[number, number]> {
  if (isTextblock(node)) {
    out.push([contentStart, contentStart + nodeSize(node) - 2])
    return out
  }
  let pos = contentStart
  for (const child of node.content ?? []) {
    if (child.type !== 'text' && !INLINE_LEAVES.has(child.type)) textblockRanges(child, pos + 1, out)
    pos += nodeSize(child)
  }
  return out
}

/**
 * [DOC-T1] Keeps the edits that can be applied together: each within one textblock (a suggestion
 * stays in its paragraph), none overlapping an earlier one; sorted last first so that an edit
 * never moves the positions of the ones still to apply.
 */
function applicable(doc: PMNode, edits: TextEdit[]): TextEdit[] {
  const blocks = textblockRanges(doc, 0, [])
  const inOneBlock = (e: TextEdit) => e.to >= e.from && blocks.some(([start, end]) => e.from >= start && e.to <= end)
  const sorted = edits.filter(inOneBlock).sort((a, b) => a.from - b.from || a.to - b.to)
  const kept: TextEdit[] = []
  let end = -1
  for (const e of sorted) {
    // Edits that only touch (two insertions at one point, an insertion after a deletion) all
    // apply, in their order; one reaching into an earlier one is left out.
    if (e.from < end) continue
    kept.push(e)
    end = Math.max(end, e.to)
  }
  return kept.reverse()
}

/** [DOC-T1] The document as it would read with every edit accepted (the top node's content starts at 0). */
export function applyTextEdits(doc: PMNode, edits: TextEdit[]): PMNode {
  return walk(doc, 0, applicable(doc, edits), 'accept')
}

/**
 * [DOC-T2] The document with every edit shown as a tracked change: the replaced text keeps its
 * place with a `trackedChange` deletion mark, the new text follows it with an insertion mark.
 */
export function trackTextEdits(doc: PMNode, edits: TextEdit[]): PMNode {
  return walk(doc, 0, applicable(doc, edits), 'track')
}

/** [DOC-T3] The tracked change a text node carries, if any (the exporters' one reader of the mark). */
export function trackedChangeOf(node: PMNode): TrackedChangeAttrs | undefined {
  const mark = node.marks?.find((m) => m.type === TRACKED_MARK)
  const a = mark?.attrs
  if (!a || (a.kind !== 'insertion' && a.kind !== 'deletion')) return undefined
  return { kind: a.kind, author: typeof a.author === 'string' ? a.author : '', date: typeof a.date === 'string' ? a.date : '' }
}

/** [DOC-T3] Does the document carry any tracked change (an approved export never may)? */
export function hasTrackedChanges(node: PMNode): boolean {
  return trackedChangeOf(node) !== undefined || (node.content ?? []).some(hasTrackedChanges)
}
