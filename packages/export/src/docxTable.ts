// Content tables in the DOCX export (X-DOCX-7): a real w:tbl over the full text width with
// equal columns, header rows marked w:tblHeader so Word repeats them on every page, and
// gridSpan / vMerge for spanned cells.
import { Paragraph, Table, TableCell, TableLayoutType, TableRow, WidthType, type ParagraphChild } from 'docx'
import { placeCells, type Block, type Inline } from './blocks.js'

type TableBlock = Extract<Block, { type: 'table' }>

/** Text width of the page in twips (A4 minus the section's 1400 + 1400 margins). */
const TEXT_WIDTH = 11906 - 2 * 1400

export function docxTable(table: TableBlock, runs: (inlines: Inline[], base?: { bold?: boolean }) => ParagraphChild[]): Table {
  const column = Math.floor(TEXT_WIDTH / table.columns)
  // Only the leading header rows repeat: Word ignores w:tblHeader on a row after a body row.
  const leading = table.rows.findIndex((r) => !r.header)
  const headerRows = leading < 0 ? table.rows.length : leading
  const rows = placeCells(table).map(
    (placed, r) =>
      new TableRow({
        tableHeader: r < headerRows,
        cantSplit: true,
        children: placed.map(
          ({ cell, header }) =>
            new TableCell({
              columnSpan: cell.colspan > 1 ? cell.colspan : undefined,
              rowSpan: cell.rowspan > 1 ? cell.rowspan : undefined,
              width: { size: column * cell.colspan, type: WidthType.DXA },
              children: (cell.paragraphs.length > 0 ? cell.paragraphs : [[]]).map(
                (p) => new Paragraph({ spacing: { after: 0 }, children: runs(p, { bold: header }) }),
              ),
            }),
        ),
      }),
  )
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: new Array<number>(table.columns).fill(column),
    layout: TableLayoutType.FIXED,
    rows,
  })
}
