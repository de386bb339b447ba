/** ProseMirror JSON, as produced by `node.toJSON()` and y-tiptap. */
export interface PMNode {
  type: string
  attrs?: Record<string, unknown>
  content?: PMNode[]
  text?: string
  marks?: Array<{ type: string; attrs?: Record<string, unknown> }>
}

export interface SectionAttrs {
  key: string
  kind: string
  title: string
  notRelevant: boolean
}

export function sectionAttrs(node: PMNode): SectionAttrs {
  const a = node.attrs ?? {}
  return {
    key: typeof a.key === 'string' ? a.key : '',
    kind: typeof a.kind === 'string' ? a.kind : 'text',
    title: typeof a.title === 'string' ? a.title : '',
    notRelevant: a.notRelevant === true || a.notRelevant === 'true',
  }
}

const BLOCK_SEPARATOR = '\n\n'

/** Plain text of a node: blocks separated by a blank line, hard breaks as newlines. */
export function nodeText(node: PMNode): string {
  if (node.type === 'text') return node.text ?? ''
  if (node.type === 'hardBreak') return '\n'
  const children = node.content ?? []
  const inline = children.length > 0 && children.every((c) => c.type === 'text' || c.type === 'hardBreak')
  if (inline) return children.map(nodeText).join('')
  return children
    .map(nodeText)
    .filter((t) => t.length > 0)
    .join(BLOCK_SEPARATOR)
}

/** The top-level `section` nodes of a document, in order. */
export function sectionNodes(doc: PMNode): PMNode[] {
  return (doc.content ?? []).filter((n) => n.type === 'section')
}

/** A table cell's text: one string, or paragraphs (each becomes one paragraph in the cell). */
export type TableCellText = string | string[]

/**
 * ◆ ProseMirror JSON of a table with plain-text cells (importers, tests). With `headerRow`
 * the first row is made of `tableHeader` cells, the row that exports repeat on every page.
 */
export function tableNode(rows: TableCellText[][], options: { headerRow?: boolean } = {}): PMNode {
  const paragraphs = (cell: TableCellText): PMNode[] =>
    (typeof cell === 'string' ? [cell] : cell.length > 0 ? cell : ['']).map((text) =>
      text ? { type: 'paragraph', content: [{ type: 'text', text }] } : { type: 'paragraph' },
    )
  return {
    type: 'table',
    content: rows.map((row, r) => ({
      type: 'tableRow',
      content: row.map((cell) => ({
        type: r === 0 && options.headerRow ? 'tableHeader' : 'tableCell',
        attrs: { colspan: 1, rowspan: 1, colwidth: null },
        content: paragraphs(cell),
      })),
    })),
  }
}
