// The approval record as a tagged table (X-PDF-4): Table › Caption (the approval sentence),
// TR › TH (Scope Column) / TD. Header cells carry Scope and no /Headers or /ID, so no IDTree
// is needed; the cell borders are a Layout artifact, not part of any cell's content.
import type { ApprovalRecord } from './layout.js'
import { beginArtifact } from './pdfPage.js'
import { BODY_SIZE, FACE_NAMES, LINE_GAP, plainSegment, setAttributes, type Column, type Doc, type Segment, type Struct } from './pdfStyle.js'

const PADDING = { x: 6, y: 4 }

export interface TableDraw {
  /** Draws tagged text (the writer's `draw`). */
  draw(segments: Segment[], column: Column, size: number): void
  ensureSpace(height: number): void
}

export function approvalTable(doc: Doc, parent: Struct, record: ApprovalRecord, column: Column, writer: TableDraw): void {
  const widths = [column.width * 0.7, column.width * 0.3]
  const rows: Array<{ cells: [string, string]; header: boolean }> = [
    { cells: record.columns, header: true },
    ...record.rows.map((cells) => ({ cells, header: false })),
  ]
  const heights = rows.map((row) =>
    Math.max(
      ...row.cells.map((text, i) => {
        doc.font(FACE_NAMES[row.header ? 'bold' : 'regular']).fontSize(BODY_SIZE)
        return doc.heightOfString(text, { width: widths[i]! - 2 * PADDING.x, lineGap: LINE_GAP }) + 2 * PADDING.y
      }),
    ),
  )
  doc.font(FACE_NAMES.regular).fontSize(BODY_SIZE)
  const captionHeight = doc.heightOfString(record.intro, { width: column.width, lineGap: LINE_GAP }) + 6
  // A short record is never split: caption, header row and rows on one page.
  writer.ensureSpace(captionHeight + heights.reduce((a, b) => a + b, 0))

  const table = doc.struct('Table')
  parent.add(table)
  const caption = doc.struct('Caption')
  table.add(caption)
  caption.add(() => writer.draw([plainSegment(record.intro)], column, BODY_SIZE))
  caption.end()
  doc.y += 6

  const top = doc.y
  let y = top
  rows.forEach((row, r) => {
    const tr = doc.struct('TR')
    table.add(tr)
    let x = column.x
    row.cells.forEach((text, i) => {
      const cell = doc.struct(row.header ? 'TH' : 'TD')
      if (row.header) setAttributes(cell, { O: 'Table', Scope: 'Column' })
      tr.add(cell)
      const cellX = x
      cell.add(() => {
        doc.y = y + PADDING.y
        writer.draw([plainSegment(text, row.header ? 'bold' : 'regular')], { x: cellX + PADDING.x, width: widths[i]! - 2 * PADDING.x }, BODY_SIZE)
      })
      cell.end()
      x += widths[i]!
    })
    tr.end()
    y += heights[r]!
  })
  table.end()

  beginArtifact(doc, 'Layout')
  doc.save().lineWidth(0.6).strokeColor('#888888')
  let lineY = top
  for (const h of [0, ...heights]) {
    lineY += h
    doc.moveTo(column.x, lineY).lineTo(column.x + column.width, lineY)
  }
  let lineX = column.x
  for (const w of [0, ...widths]) {
    lineX += w
    doc.moveTo(lineX, top).lineTo(lineX, y)
  }
  doc.stroke().restore()
  doc.endMarkedContent()
  doc.x = column.x
  doc.y = y + 6
}
