import { isSafeHref, mapPrivateUse, trackedChangeOf, type PMNode, type TrackedChangeAttrs } from '@perspektiv/document'

/** A run of text with the emphasis our editor allows. `href` only when the link is safe. */
export interface TextRun {
  text: string
  bold?: boolean
  italic?: boolean
  underline?: boolean
  strike?: boolean
  href?: string
  /** A suggestion shown as a tracked change (DOCX only, drafts only: X-DOCX-TC1). */
  change?: TrackedChangeAttrs
}
export type Inline = TextRun | { lineBreak: true }

export interface ListItem {
  blocks: Block[]
}

/** One table cell: its paragraphs (as inline runs) and how many columns/rows it spans. */
export interface TableCellBlock {
  paragraphs: Inline[][]
  colspan: number
  rowspan: number
}

export interface TableRowBlock {
  /** A header row (every cell a `tableHeader`): repeated on every page, `<th scope="col">`. */
  header: boolean
  cells: TableCellBlock[]
}

export type Block =
  | { type: 'paragraph'; runs: Inline[] }
  /** Sub-headings inside a section (the editor allows levels 3 and 4). */
  | { type: 'heading'; level: 3 | 4; runs: Inline[] }
  | { type: 'list'; ordered: boolean; start: number; items: ListItem[] }
  | { type: 'blockquote'; blocks: Block[] }
  /** `columns` is the width of the grid (the widest row, spans counted). */
  | { type: 'table'; columns: number; rows: TableRowBlock[] }

export function isLineBreak(inline: Inline): inline is { lineBreak: true } {
  return 'lineBreak' in inline
}

export function runsText(runs: Inline[]): string {
  return runs.map((r) => (isLineBreak(r) ? '\n' : r.text)).join('')
}

/** Plain text of a block (lists and quotes: their items joined by newlines). */
export function blockText(block: Block): string {
  switch (block.type) {
    case 'paragraph':
    case 'heading':
      return runsText(block.runs)
    case 'list':
      return block.items.map((i) => i.blocks.map(blockText).join('\n')).join('\n')
    case 'blockquote':
      return block.blocks.map(blockText).join('\n')
    case 'table':
      return block.rows.map((r) => r.cells.map(cellText).join('\t')).join('\n')
  }
}

/** Plain text of a table cell: its paragraphs joined by newlines. */
export function cellText(cell: TableCellBlock): string {
  return cell.paragraphs.map(runsText).join('\n')
}

function inlineOf(nodes: PMNode[]): Inline[] {
  const runs: Inline[] = []
  for (const node of nodes) {
    if (node.type === 'hardBreak') {
      runs.push({ lineBreak: true })
      continue
    }
    if (node.type !== 'text' || !node.text) continue
    const run: TextRun = { text: mapPrivateUse(node.text) }
    const change = trackedChangeOf(node)
    if (change) run.change = change
    for (const mark of node.marks ?? []) {
      if (mark.type === 'bold') run.bold = true
      else if (mark.type === 'italic') run.italic = true
      else if (mark.type === 'underline') run.underline = true
      else if (mark.type === 'strike') run.strike = true
      else if (mark.type === 'link') {
        const href = typeof mark.attrs?.href === 'string' ? mark.attrs.href : ''
        if (isSafeHref(href)) run.href = href.trim()
      }
    }
    runs.push(run)
  }
  // Line breaks at the edges are invisible noise and would leave empty lines in exports.
  while (runs.length > 0 && isLineBreak(runs[0]!)) runs.shift()
  while (runs.length > 0 && isLineBreak(runs[runs.length - 1]!)) runs.pop()
  return runs
}

function hasText(runs: Inline[]): boolean {
  return runs.some((r) => !isLineBreak(r) && r.text.trim().length > 0)
}

/** The collected plain text of any node: the fallback for node types we do not know. */
function plainText(node: PMNode): string {
  if (node.type === 'text') return mapPrivateUse(node.text ?? '')
  return (node.content ?? []).map(plainText).join(' ')
}

/** Converts section content (ProseMirror JSON) to layout blocks, skipping everything empty. */
export function blocksOf(nodes: PMNode[]): Block[] {
  const blocks: Block[] = []
  for (const node of nodes) {
    switch (node.type) {
      case 'paragraph': {
        const runs = inlineOf(node.content ?? [])
        if (hasText(runs)) blocks.push({ type: 'paragraph', runs })
        break
      }
      case 'heading': {
        const runs = inlineOf(node.content ?? [])
        const level = node.attrs?.level === 4 ? 4 : 3
        if (hasText(runs)) blocks.push({ type: 'heading', level, runs })
        break
      }
      case 'bulletList':
      case 'orderedList': {
        const items = (node.content ?? []).map((item) => ({ blocks: blocksOf(item.content ?? []) })).filter((item) => item.blocks.length > 0)
        const start = typeof node.attrs?.start === 'number' && node.attrs.start > 0 ? node.attrs.start : 1
        if (items.length > 0) blocks.push({ type: 'list', ordered: node.type === 'orderedList', start, items })
        break
      }
      case 'blockquote': {
        const inner = blocksOf(node.content ?? [])
        if (inner.length > 0) blocks.push({ type: 'blockquote', blocks: inner })
        break
      }
      case 'table': {
        const table = tableOf(node)
        if (table) blocks.push(table)
        break
      }
      default: {
        // Unknown block types (a newer editor, a legacy import) keep their text rather than vanish.
        const text = plainText(node).replace(/\s+/g, ' ').trim()
        if (text) blocks.push({ type: 'paragraph', runs: [{ text }] })
      }
    }
  }
  return blocks
}

const span = (value: unknown): number => (typeof value === 'number' && Number.isInteger(value) && value > 1 ? Math.min(value, 63) : 1)

/**
 * A table with at least one non-empty cell, or null. Rows keep their empty cells (a blank
 * cell is meaningful in a grid); a header row is one whose cells are all `tableHeader`.
 */
function tableOf(node: PMNode): Extract<Block, { type: 'table' }> | null {
  const rows: TableRowBlock[] = (node.content ?? [])
    .filter((row) => row.type === 'tableRow' && (row.content ?? []).length > 0)
    .map((row) => {
      const cells = row.content ?? []
      return {
        header: cells.every((c) => c.type === 'tableHeader'),
        cells: cells.map((cell) => ({
          paragraphs: (cell.content ?? []).map((p) => inlineOf(p.type === 'paragraph' ? (p.content ?? []) : [{ type: 'text', text: plainText(p) }])),
          colspan: span(cell.attrs?.colspan),
          rowspan: span(cell.attrs?.rowspan),
        })),
      }
    })
  if (!rows.some((r) => r.cells.some((c) => c.paragraphs.some(hasText)))) return null
  const columns = Math.max(...rows.map((r) => r.cells.reduce((n, c) => n + c.colspan, 0)))
  return { type: 'table', columns, rows }
}

/** A cell with its place in the table's grid (0-based row and column of its top-left slot). */
export interface PlacedCell {
  cell: TableCellBlock
  row: number
  col: number
  header: boolean
}

/**
 * Every row's cells with their grid column, skipping slots that a cell above covers with its
 * rowspan (HTML's table model). Spans are clipped to the grid.
 */
export function placeCells(table: Extract<Block, { type: 'table' }>): PlacedCell[][] {
  const covered = table.rows.map(() => new Array<boolean>(table.columns).fill(false))
  return table.rows.map((row, r) => {
    const placed: PlacedCell[] = []
    let col = 0
    for (const source of row.cells) {
      while (col < table.columns && covered[r]![col]) col++
      if (col >= table.columns) break
      const colspan = Math.min(source.colspan, table.columns - col)
      const rowspan = Math.min(source.rowspan, table.rows.length - r)
      for (let dr = 0; dr < rowspan; dr++) for (let dc = 0; dc < colspan; dc++) covered[r + dr]![col + dc] = true
      placed.push({ cell: { ...source, colspan, rowspan }, row: r, col, header: row.header })
      col += colspan
    }
    return placed
  })
}
