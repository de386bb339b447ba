import PDFDocument from 'pdfkit'
import type { ExportInput } from './input.js'
import { layoutDocument, pageLabel, type Layout, type LayoutSection } from './layout.js'
import { isLineBreak, type Block, type Inline } from './blocks.js'
import { pdfFonts, type FontFace } from './fonts.js'

type Doc = PDFKit.PDFDocument
type Struct = PDFKit.PDFStructureElement

const FACE_NAMES: Record<FontFace, string> = {
  regular: 'TU-Regular',
  bold: 'TU-Bold',
  italic: 'TU-Italic',
  boldItalic: 'TU-BoldItalic',
}

const MARGIN = { top: 82, bottom: 62, left: 70, right: 70 }
const BODY_SIZE = 10.5
const LINE_GAP = 2.5
const PARAGRAPH_GAP = 7
const LIST_LABEL_WIDTH = 20
const HEADING: Record<1 | 2 | 3 | 4, { size: number; before: number; after: number; face: FontFace }> = {
  1: { size: 18, before: 0, after: 6, face: 'bold' },
  2: { size: 13, before: 14, after: 4, face: 'bold' },
  3: { size: 11.5, before: 10, after: 3, face: 'bold' },
  4: { size: BODY_SIZE, before: 8, after: 3, face: 'boldItalic' },
}
const DRAFT_COLOR = '#b00020'

/** Where the next block goes: its left edge and width (lists and quotes indent). */
interface Column {
  x: number
  width: number
}

interface Segment {
  text: string
  face: FontFace
  underline: boolean
  strike: boolean
}

function faceOf(bold: boolean, italic: boolean): FontFace {
  if (bold && italic) return 'boldItalic'
  if (bold) return 'bold'
  if (italic) return 'italic'
  return 'regular'
}

/** Runs → drawable segments; line breaks become newlines, links show their address. */
function segmentsOf(runs: Inline[], base: { bold?: boolean; italic?: boolean } = {}): Segment[] {
  const segments: Segment[] = []
  for (const run of runs) {
    if (isLineBreak(run)) {
      const last = segments[segments.length - 1]
      if (last) last.text += '\n'
      else segments.push({ text: '\n', face: faceOf(!!base.bold, !!base.italic), underline: false, strike: false })
      continue
    }
    // Printed output cannot be clicked: the address is written out, as in a printed letter.
    const text = run.href && run.href !== run.text.trim() ? `${run.text} (${run.href.replace(/^mailto:/, '')})` : run.text
    segments.push({
      text,
      face: faceOf(!!(run.bold || base.bold), !!(run.italic || base.italic)),
      underline: !!run.underline,
      strike: !!run.strike,
    })
  }
  return segments
}

class PdfWriter {
  readonly contentWidth: number

  constructor(
    readonly doc: Doc,
    readonly layout: Layout,
  ) {
    this.contentWidth = doc.page.width - MARGIN.left - MARGIN.right
  }

  private get bottom(): number {
    return this.doc.page.height - MARGIN.bottom
  }

  /** Starts a new page when less than `height` is left, so headings never end a page alone. */
  private ensureSpace(height: number): void {
    if (this.doc.y + height > this.bottom) this.doc.addPage()
  }

  private lineHeight(size: number): number {
    this.doc.font(FACE_NAMES.regular).fontSize(size)
    return this.doc.currentLineHeight(true) + LINE_GAP
  }

  /** Draws segments as one flowing text starting at the current y (inside a marked-content closure). */
  private draw(segments: Segment[], column: Column, size: number, options: { align?: 'left' | 'right' } = {}): void {
    const doc = this.doc
    // pdfkit drops a newline at the end of a `continued` piece, so hard line breaks are
    // drawn as separate lines, each a chain of continued pieces.
    const lines: Segment[][] = [[]]
    for (const s of segments) {
      s.text.split('\n').forEach((piece, i) => {
        if (i > 0) lines.push([])
        if (piece) lines[lines.length - 1]!.push({ ...s, text: piece })
      })
    }
    for (const line of lines) {
      if (line.length === 0) line.push({ text: ' ', face: 'regular', underline: false, strike: false })
      const y = doc.y
      line.forEach((s, i) => {
        doc.font(FACE_NAMES[s.face]).fontSize(size)
        const opts: PDFKit.Mixins.TextOptions = {
          width: column.width,
          lineGap: LINE_GAP,
          continued: i < line.length - 1,
          underline: s.underline,
          strike: s.strike,
          align: options.align ?? 'left',
        }
        if (i === 0) doc.text(s.text, column.x, y, opts)
        else doc.text(s.text, opts)
      })
    }
  }

  /** One tagged text element (P, H1, Lbl…): a structure element holding its marked content. */
  private textElement(parent: Struct, tag: string, segments: Segment[], column: Column, size: number, align?: 'left' | 'right'): void {
    if (segments.length === 0) return
    const element = this.doc.struct(tag)
    parent.add(element)
    element.add(() => this.draw(segments, column, size, { align }))
    element.end()
  }

  heading(parent: Struct, level: 1 | 2 | 3 | 4, runs: Inline[], column: Column): void {
    const style = HEADING[level]
    if (this.doc.y > MARGIN.top) this.doc.y += style.before
    // Keep the heading with at least three lines of what follows.
    this.ensureSpace(this.lineHeight(style.size) * 1.5 + this.lineHeight(BODY_SIZE) * 3)
    const segments = segmentsOf(runs, { bold: true, italic: style.face === 'boldItalic' })
    this.textElement(parent, `H${level}`, segments, column, style.size)
    this.doc.y += style.after
  }

  paragraph(parent: Struct, runs: Inline[], column: Column, base: { bold?: boolean; italic?: boolean } = {}, size = BODY_SIZE): void {
    this.ensureSpace(this.lineHeight(size) * 2)
    this.textElement(parent, 'P', segmentsOf(runs, base), column, size)
    this.doc.y += PARAGRAPH_GAP
  }

  blocks(parent: Struct, blocks: Block[], column: Column, quote = false): void {
    for (const block of blocks) {
      switch (block.type) {
        case 'paragraph':
          this.paragraph(parent, block.runs, column, { italic: quote })
          break
        case 'heading':
          this.heading(parent, block.level, block.runs, column)
          break
        case 'blockquote': {
          const element = this.doc.struct('BlockQuote')
          parent.add(element)
          this.blocks(element, block.blocks, { x: column.x + 18, width: column.width - 18 }, true)
          element.end()
          break
        }
        case 'list':
          this.list(parent, block, column)
      }
    }
  }

  private list(parent: Struct, block: Extract<Block, { type: 'list' }>, column: Column): void {
    const doc = this.doc
    const list = doc.struct('L')
    parent.add(list)
    const body: Column = { x: column.x + LIST_LABEL_WIDTH, width: column.width - LIST_LABEL_WIDTH }
    block.items.forEach((item, i) => {
      this.ensureSpace(this.lineHeight(BODY_SIZE) * 2)
      const item_ = doc.struct('LI')
      list.add(item_)
      const y = doc.y
      const label = block.ordered ? `${block.start + i}.` : '•'
      this.textElement(item_, 'Lbl', [{ text: label, face: 'regular', underline: false, strike: false }], { x: column.x, width: LIST_LABEL_WIDTH - 4 }, BODY_SIZE)
      doc.y = y
      const itemBody = doc.struct('LBody')
      item_.add(itemBody)
      this.blocks(itemBody, item.blocks, body)
      itemBody.end()
      item_.end()
    })
    list.end()
  }

  section(parent: Struct, section: LayoutSection): void {
    const element = this.doc.struct('Sect')
    parent.add(element)
    this.heading(element, 2, [{ text: section.heading }], this.full)
    this.doc.outline.addItem(section.heading)
    this.blocks(element, section.blocks, this.full)
    element.end()
  }

  get full(): Column {
    return { x: MARGIN.left, width: this.contentWidth }
  }

  /** Page 1: the header block in two columns, as on the city's letterhead. */
  headerBlock(parent: Struct): void {
    const doc = this.doc
    const half = (this.contentWidth - 24) / 2
    const top = doc.y
    let rowTop = top
    let rowBottom = top
    this.layout.headerBlock.forEach((item, i) => {
      const column: Column = { x: MARGIN.left + (i % 2) * (half + 24), width: half }
      if (i % 2 === 0) rowTop = rowBottom
      doc.y = rowTop
      const segments: Segment[] = []
      if (item.label) segments.push({ text: `${item.label}\n`, face: 'bold', underline: false, strike: false })
      segments.push({ text: item.lines.join('\n'), face: 'regular', underline: false, strike: false })
      this.textElement(parent, 'P', segments, column, 9)
      rowBottom = Math.max(rowBottom, doc.y + 8)
    })
    doc.y = rowBottom + 16
  }

  signatures(parent: Struct): void {
    const signatures = this.layout.signatures
    if (signatures.length === 0) return
    const doc = this.doc
    const half = (this.contentWidth - 24) / 2
    doc.y += 28
    this.ensureSpace(this.lineHeight(BODY_SIZE) * 4)
    let rowTop = doc.y
    let rowBottom = doc.y
    signatures.forEach((s, i) => {
      if (i % 2 === 0) {
        rowTop = rowBottom
        if (i > 0) rowTop += 16
        if (rowTop + this.lineHeight(BODY_SIZE) * 3 > this.bottom) {
          doc.addPage()
          rowTop = doc.y
        }
      }
      doc.y = rowTop
      const text = [s.name, s.title, s.forvaltning].filter(Boolean).join('\n')
      this.textElement(parent, 'P', [{ text, face: 'regular', underline: false, strike: false }], { x: MARGIN.left + (i % 2) * (half + 24), width: half }, BODY_SIZE)
      rowBottom = Math.max(rowBottom, doc.y)
    })
    doc.y = rowBottom + PARAGRAPH_GAP
  }

  approvals(parent: Struct): void {
    const record = this.layout.approvals
    if (!record) return
    const doc = this.doc
    doc.y += 18
    this.ensureSpace(this.lineHeight(BODY_SIZE) * (3 + Math.min(record.rows.length, 4)) + 12)
    this.paragraph(parent, [{ text: record.intro }], this.full)
    doc.font(FACE_NAMES.regular).fontSize(BODY_SIZE)
    const header = record.columns.map((text) => ({ text, type: 'TH', scope: 'column', font: { src: FACE_NAMES.bold } }))
    const options = {
      structParent: parent,
      position: { x: MARGIN.left, y: doc.y },
      columnStyles: [this.contentWidth * 0.7, this.contentWidth * 0.3],
      defaultStyle: { padding: [4, 6], border: 0.6, borderColor: '#888888' },
      data: [header, ...record.rows.map((row) => [...row])],
    }
    doc.table(options as unknown as PDFKit.Mixins.TableOptionsWithData)
  }

  /** After layout, when the page count is known: running headers and the draft mark, as artifacts. */
  decoratePages(): void {
    const doc = this.doc
    const range = doc.bufferedPageRange()
    const label = this.layout.draftLabel
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i)
      doc.markContent('Artifact', { type: 'Pagination' })
      doc.font(FACE_NAMES.regular).fontSize(8.5).fillColor('#333333')
      doc.text(`${this.layout.runningHeader} · ${pageLabel(i + 1, range.count)}`, MARGIN.left, 36, {
        width: this.contentWidth,
        align: 'right',
        lineBreak: false,
      })
      if (label) {
        doc.font(FACE_NAMES.bold).fontSize(11).fillColor(DRAFT_COLOR)
        doc.text(label, MARGIN.left, 34, { width: this.contentWidth, align: 'left', lineBreak: false })
        this.watermark('UTKAST')
      }
      doc.fillColor('black')
      doc.endMarkedContent()
    }
  }

  private watermark(text: string): void {
    const doc = this.doc
    const cx = doc.page.width / 2
    const cy = doc.page.height / 2
    doc.save()
    doc.rotate(-45, { origin: [cx, cy] })
    doc.fillOpacity(0.1)
    doc.font(FACE_NAMES.bold).fontSize(110).fillColor(DRAFT_COLOR)
    const width = doc.widthOfString(text)
    doc.text(text, cx - width / 2, cy - 60, { lineBreak: false })
    doc.restore()
  }
}

function collect(doc: Doc): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    doc.on('data', (chunk: Buffer) => chunks.push(chunk))
    doc.on('end', () => {
      const buffer = Buffer.concat(chunks)
      resolve(new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength))
    })
    doc.on('error', reject)
  })
}

/**
 * The document as a tagged PDF 1.7: structure tree (H1/H2, P, L/LI, Table/TR/TH/TD), sv-SE,
 * title shown by viewers, embedded DejaVu Sans, and a running header "… · Sida N (M)" on
 * every page written as a pagination artifact once the real page count is known.
 */
export async function exportPdf(input: ExportInput): Promise<Uint8Array> {
  const layout = layoutDocument(input)
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    tagged: true,
    pdfVersion: '1.7',
    lang: layout.lang,
    displayTitle: true,
    info: {
      Title: layout.title,
      Subject: layout.subject,
      Author: layout.author || 'Perspektiv',
      Creator: 'Perspektiv',
      Producer: 'Perspektiv',
      Keywords: [layout.dnr ? `Dnr ${layout.dnr}` : '', layout.draftLabel ?? ''].filter(Boolean).join(', '),
      CreationDate: layout.generatedAt,
    },
  })
  const done = collect(doc)
  const fonts = pdfFonts()
  for (const face of Object.keys(FACE_NAMES) as FontFace[]) doc.registerFont(FACE_NAMES[face], fonts[face])
  doc.font(FACE_NAMES.regular)

  const writer = new PdfWriter(doc, layout)
  const root = doc.struct('Document')
  doc.addStructure(root)
  writer.headerBlock(root)
  writer.heading(root, 1, [{ text: layout.title }], writer.full)
  doc.outline.addItem(layout.title)
  if (layout.subtitle) writer.paragraph(root, [{ text: layout.subtitle }], writer.full, {}, 12)
  for (const section of layout.sections) writer.section(root, section)
  writer.signatures(root)
  for (const section of layout.attachments) writer.section(root, section)
  writer.approvals(root)
  root.end()
  writer.decoratePages()
  doc.end()
  return done
}
