import { AlignmentType, Header, Paragraph, SimpleField, Table, TableBorders, TableCell, TableLayoutType, TableRow, TextRun, WidthType } from 'docx'
import { type Layout } from './layout.js'

const DRAFT_COLOR = 'B00020'
const NO_BORDERS = TableBorders.NONE
const CELL_NO_BORDERS = { top: NO_BORDERS.top!, bottom: NO_BORDERS.bottom!, left: NO_BORDERS.left!, right: NO_BORDERS.right! }

/** A borderless two-column table: the header block and the signatures (X-DOCX-1). */
function twoColumns(cells: Paragraph[][]): Table {
  const rows: TableRow[] = []
  for (let i = 0; i < cells.length; i += 2) {
    const pair = [cells[i]!, cells[i + 1] ?? [new Paragraph({ children: [] })]]
    rows.push(
      new TableRow({
        cantSplit: true,
        children: pair.map((children) => new TableCell({ width: { size: 50, type: WidthType.PERCENTAGE }, borders: CELL_NO_BORDERS, children })),
      }),
    )
  }
  return new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, borders: NO_BORDERS, layout: TableLayoutType.FIXED, rows })
}

export function headerBlock(layout: Layout): Table {
  return twoColumns(
    layout.headerBlock.map((item) => {
      const runs: TextRun[] = []
      if (item.label) runs.push(new TextRun({ text: item.label, bold: true }))
      for (const [i, line] of item.lines.entries()) runs.push(new TextRun({ text: line, break: i > 0 || item.label ? 1 : 0 }))
      return [new Paragraph({ style: HEADER_BLOCK_STYLE, children: runs })]
    }),
  )
}

/** Signatures side by side; every paragraph but the last row's keeps with the next (X-LAY-5). */
export function signatureTable(layout: Layout): Table {
  const lastRowStart = Math.floor((layout.signatures.length - 1) / 2) * 2
  return twoColumns(
    layout.signatures.map((s, i) => {
      const lines = [s.name, s.title, s.forvaltning].filter(Boolean)
      return [
        new Paragraph({
          keepLines: true,
          keepNext: i < lastRowStart,
          // The PDF's 28 pt gap above the signatures; 16 pt between rows.
          spacing: { before: i < 2 ? 560 : 320 },
          children: lines.map((line, j) => new TextRun({ text: line, break: j > 0 ? 1 : 0 })),
        }),
      ]
    }),
  )
}

/** "Tjänsteutlåtande · Dnr … · Sida N (M)" with PAGE/NUMPAGES fields that carry stored results. */
function pageLine(layout: Layout, page: string, pages: number): Paragraph {
  return new Paragraph({
    style: RUNNING_HEADER_STYLE,
    alignment: AlignmentType.RIGHT,
    children: [
      new TextRun(`${layout.runningHeader} · Sida `),
      new SimpleField('PAGE', page),
      new TextRun(' ('),
      new SimpleField('NUMPAGES', String(pages)),
      new TextRun(')'),
    ],
  })
}

function draftLine(layout: Layout): Paragraph[] {
  if (!layout.draftLabel) return []
  return [new Paragraph({ children: [new TextRun({ text: layout.draftLabel, bold: true, color: DRAFT_COLOR, size: 22 })] })]
}

/** Page 1: the page line (the header block follows in the body); page 2 on: the title under it (X-LAY-4). */
export function headers(layout: Layout, pages: number): { first: Header; default: Header } {
  return {
    first: new Header({ children: [...draftLine(layout), pageLine(layout, '1', pages)] }),
    default: new Header({
      children: [
        ...draftLine(layout),
        pageLine(layout, '2', pages),
        new Paragraph({ style: RUNNING_HEADER_STYLE, alignment: AlignmentType.RIGHT, children: [new TextRun(layout.title)] }),
      ],
    }),
  }
}

export const HEADER_BLOCK_STYLE = 'TUHeaderBlock'
export const RUNNING_HEADER_STYLE = 'TURunningHeader'
export const SUBTITLE_STYLE = 'Subtitle'
