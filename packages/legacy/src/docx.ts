import mammoth from 'mammoth'
import { LegacyImportError } from './errors.js'
import type { SourceLine } from './lines.js'
import { normalizeSymbols } from './symbols.js'

/** The parts of mammoth's document tree we read (its typings leave the tree as `any`). */
interface DocxElement {
  type: string
  children?: DocxElement[]
  value?: string
  styleId?: string | null
  styleName?: string | null
  numbering?: { isOrdered?: boolean } | null
  isHeader?: boolean
}

const HEADING_STYLE = /^(?:heading|rubrik)\s*([1-9])$/i
const LIST_STYLE = /list|liststycke|punktlista|numrerad/i
const ORDERED_STYLE = /number|numrerad/i

function headingLevel(p: DocxElement): number | undefined {
  for (const name of [p.styleName, p.styleId]) {
    const m = name ? HEADING_STYLE.exec(name.trim()) : null
    if (m) return Number(m[1])
  }
  return undefined
}

function inlineText(el: DocxElement): string {
  switch (el.type) {
    case 'text':
      return el.value ?? ''
    case 'tab':
      return '\t'
    case 'break':
      return '\n'
    default:
      return (el.children ?? []).map(inlineText).join('')
  }
}

const paragraphText = (p: DocxElement): string => normalizeSymbols((p.children ?? []).map(inlineText).join(''))

/** Every paragraph inside an element (a table cell), in order. */
function paragraphsIn(el: DocxElement): DocxElement[] {
  if (el.type === 'paragraph') return [el]
  return (el.children ?? []).flatMap(paragraphsIn)
}

const rowsOf = (table: DocxElement) => (table.children ?? []).filter((c) => c.type === 'tableRow')
const cellsOf = (row: DocxElement) => (row.children ?? []).filter((c) => c.type === 'tableCell')

/**
 * A table of data (rows × columns, a paragraph per cell) stays a table; a layout table —
 * the header block beside the logo, signatures side by side — has several paragraphs in a
 * cell or only one row, and is read cell by cell like the text it lays out (SPEC L9).
 */
function isDataTable(table: DocxElement): boolean {
  const rows = rowsOf(table)
  if (rows.length < 2 || rows.some((r) => cellsOf(r).length < 2)) return false
  return rows.every((r) => cellsOf(r).every((c) => paragraphsIn(c).filter((p) => paragraphText(p).trim() !== '').length <= 1))
}

/**
 * Word paragraphs in document order, one line each followed by a blank line; heading styles
 * ("Heading 2", Swedish "Rubrik 2") give levels, numbering marks lists (numbered or not),
 * data tables become rows of cells.
 */
export async function docxLines(fileName: string, bytes: Uint8Array): Promise<SourceLine[]> {
  const lines: SourceLine[] = []
  let layouts = 0
  let layout: number | undefined
  const paragraph = (el: DocxElement): void => {
    const start = lines.length
    const level = headingLevel(el)
    const style = el.styleName ?? ''
    const list = !level && (el.numbering != null || LIST_STYLE.test(style))
    const ordered = list && (el.numbering ? el.numbering.isOrdered === true : ORDERED_STYLE.test(style))
    paragraphText(el)
      .split('\n')
      .forEach((text, i) => {
        if (level && i === 0) lines.push({ text, level, paragraph: true })
        else if (list && i === 0) lines.push({ text, list: true, ordered, paragraph: true })
        else lines.push({ text, paragraph: true })
      })
    lines.push({ text: '' })
    if (layout !== undefined) for (let i = start; i < lines.length; i++) lines[i]!.layout = layout
  }
  const walk = (el: DocxElement): void => {
    if (el.type === 'paragraph') {
      paragraph(el)
      return
    }
    if (el.type === 'table' && isDataTable(el)) {
      for (const row of rowsOf(el)) {
        const cells = cellsOf(row).map((c) => paragraphsIn(c).map(paragraphText).join(' ').replace(/\s+/g, ' ').trim())
        lines.push({ text: cells.join('\t'), cells, header: row.isHeader === true, paragraph: true })
      }
      lines.push({ text: '' })
      return
    }
    const outer = layout
    if (el.type === 'table' && outer === undefined) layout = ++layouts
    for (const child of el.children ?? []) walk(child)
    layout = outer
  }
  try {
    await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      {
        transformDocument: (doc: DocxElement) => {
          walk(doc)
          return doc
        },
      },
    )
  } catch (err) {
    throw new LegacyImportError(
      fileName,
      `${fileName}: filen kunde inte läsas som Word-dokument (.docx): ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`,
    )
  }
  return lines
}
