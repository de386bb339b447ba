// Content tables in the PDF (X-PDF-6): Table › TR › TH (/Scope /Column) / TD with /ColSpan and
// /RowSpan, rich text in every cell, borders as a Layout artifact. Rows joined by a rowspan
// stay on one page; when a table breaks, its header rows are drawn again at the top of the
// next page as a Pagination artifact (a repeat, not content, so it is read only once).
import { placeCells, type Block, type PlacedCell } from './blocks.js'
import { segmentsOf } from './pdfText.js'
import { beginArtifact } from './pdfPage.js'
import { BODY_SIZE, FACE_NAMES, LINE_GAP, PARAGRAPH_GAP, setAttributes, type Column, type Doc, type Segment, type Struct } from './pdfStyle.js'
import type { TableDraw } from './pdfTable.js'

type TableBlock = Extract<Block, { type: 'table' }>

const PADDING = { x: 5, y: 3 }
const PARAGRAPH_SPACE = 3

interface Geometry {
  placed: PlacedCell[][]
  /** Height of each grid row. */
  heights: number[]
  /** Left edge of each grid column, plus the right edge of the last. */
  edges: number[]
}

function cellSegments(p: PlacedCell, paragraph: number): Segment[] {
  return segmentsOf(p.cell.paragraphs[paragraph] ?? [], { bold: p.header })
}

function cellWidth(g: Pick<Geometry, 'edges'>, p: PlacedCell): number {
  return g.edges[p.col + p.cell.colspan]! - g.edges[p.col]! - 2 * PADDING.x
}

function contentHeight(doc: Doc, g: Pick<Geometry, 'edges'>, p: PlacedCell): number {
  const width = cellWidth(g, p)
  const paragraphs = p.cell.paragraphs.length > 0 ? p.cell.paragraphs : [[]]
  let height = 0
  paragraphs.forEach((_, i) => {
    const text = cellSegments(p, i)
      .map((s) => s.text)
      .join('')
    doc.font(FACE_NAMES[p.header ? 'bold' : 'regular']).fontSize(BODY_SIZE)
    height += doc.heightOfString(text || ' ', { width, lineGap: LINE_GAP }) + (i > 0 ? PARAGRAPH_SPACE : 0)
  })
  return height + 2 * PADDING.y
}

/** Row heights: single-row cells first, then rowspans grow their last row if they need more. */
function geometry(doc: Doc, table: TableBlock, column: Column): Geometry {
  const edges = Array.from({ length: table.columns + 1 }, (_, i) => column.x + (column.width * i) / table.columns)
  const placed = placeCells(table)
  const heights = placed.map((row) =>
    Math.max(BODY_SIZE + 2 * PADDING.y, ...row.filter((p) => p.cell.rowspan === 1).map((p) => contentHeight(doc, { edges }, p))),
  )
  for (const row of placed) {
    for (const p of row.filter((c) => c.cell.rowspan > 1)) {
      const last = p.row + p.cell.rowspan - 1
      const spanned = heights.slice(p.row, last + 1).reduce((a, b) => a + b, 0)
      const need = contentHeight(doc, { edges }, p)
      if (need > spanned) heights[last]! += need - spanned
    }
  }
  return { placed, heights, edges }
}

/** Groups of rows that must stay on one page (rows joined by a rowspan). */
function rowGroups(g: Geometry): number[][] {
  const groups: number[][] = []
  let end = -1
  g.placed.forEach((row, r) => {
    if (r > end) groups.push([])
    groups[groups.length - 1]!.push(r)
    for (const p of row) end = Math.max(end, r + p.cell.rowspan - 1)
  })
  return groups
}

export class ContentTable {
  private readonly g: Geometry
  private readonly headerRows: number

  constructor(
    private readonly doc: Doc,
    private readonly table: TableBlock,
    private readonly column: Column,
    private readonly writer: TableDraw,
  ) {
    this.g = geometry(doc, table, column)
    const leading = table.rows.findIndex((r) => !r.header)
    this.headerRows = leading < 0 ? table.rows.length : leading
  }

  private height(rows: number[]): number {
    return rows.reduce((h, r) => h + this.g.heights[r]!, 0)
  }

  private get pageBottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom
  }

  /** Draws one cell's paragraphs at the cell's top-left corner. */
  private cellText(p: PlacedCell, top: number): void {
    const x = this.g.edges[p.col]! + PADDING.x
    this.doc.y = top + PADDING.y
    const paragraphs = p.cell.paragraphs.length > 0 ? p.cell.paragraphs : [[]]
    paragraphs.forEach((_, i) => {
      if (i > 0) this.doc.y += PARAGRAPH_SPACE
      const segments = cellSegments(p, i)
      if (segments.length > 0) this.writer.draw(segments, { x, width: cellWidth(this.g, p) }, BODY_SIZE)
    })
  }

  private borders(rows: number[], top: number): void {
    const doc = this.doc
    beginArtifact(doc, 'Layout')
    doc.save().lineWidth(0.6).strokeColor('#888888')
    let y = top
    for (const r of rows) {
      for (const p of this.g.placed[r]!) {
        const h = this.height(Array.from({ length: p.cell.rowspan }, (_, i) => r + i))
        doc.rect(this.g.edges[p.col]!, y, this.g.edges[p.col + p.cell.colspan]! - this.g.edges[p.col]!, h)
      }
      y += this.g.heights[r]!
    }
    doc.stroke().restore()
    doc.endMarkedContent()
  }

  /** The header rows again at the top of a continuation page, as an artifact. */
  private repeatHeader(): number {
    const rows = Array.from({ length: this.headerRows }, (_, i) => i)
    const top = this.doc.y
    beginArtifact(this.doc, 'Pagination')
    let y = top
    for (const r of rows) {
      for (const p of this.g.placed[r]!) this.cellText(p, y)
      y += this.g.heights[r]!
    }
    this.doc.endMarkedContent()
    this.borders(rows, top)
    return y
  }

  render(parent: Struct): void {
    const doc = this.doc
    const groups = rowGroups(this.g)
    const headerHeight = this.height(Array.from({ length: this.headerRows }, (_, i) => i))
    const first = groups.find((grp) => grp.some((r) => r >= this.headerRows)) ?? groups[0] ?? []
    // The header rows never stand alone at the bottom of a page.
    this.writer.ensureSpace(headerHeight + this.height(first.filter((r) => r >= this.headerRows)))
    const table = doc.struct('Table')
    parent.add(table)
    let y = doc.y
    for (const group of groups) {
      const h = this.height(group)
      const isHeader = group.every((r) => r < this.headerRows)
      if (!isHeader && y + h > this.pageBottom && y > doc.page.margins.top + headerHeight + 1) {
        doc.addPage()
        y = this.headerRows > 0 && this.headerRows < this.table.rows.length ? this.repeatHeader() : doc.y
      }
      this.drawRows(table, group, y)
      y += h
    }
    table.end()
    doc.x = this.column.x
    doc.y = y + PARAGRAPH_GAP
  }

  private drawRows(table: Struct, rows: number[], top: number): void {
    const doc = this.doc
    let y = top
    for (const r of rows) {
      const tr = doc.struct('TR')
      table.add(tr)
      for (const p of this.g.placed[r]!) {
        const cell = doc.struct(p.header ? 'TH' : 'TD')
        const attributes: Record<string, string | number> = { O: 'Table' }
        if (p.header) attributes.Scope = 'Column'
        if (p.cell.colspan > 1) attributes.ColSpan = p.cell.colspan
        if (p.cell.rowspan > 1) attributes.RowSpan = p.cell.rowspan
        if (Object.keys(attributes).length > 1) setAttributes(cell, attributes)
        tr.add(cell)
        const cellTop = y
        cell.add(() => this.cellText(p, cellTop))
        cell.end()
      }
      tr.end()
      y += this.g.heights[r]!
    }
    this.borders(rows, top)
  }
}
