import { type Layout, type LayoutSection } from './layout.js'
import type { Block, Inline } from './blocks.js'
import { segmentsOf } from './pdfText.js'
import { type FontFace } from './fonts.js'
import { approvalTable } from './pdfTable.js'
import { ContentTable } from './pdfContentTable.js'
import { BODY_SIZE, FACE_NAMES, LINE_GAP, MARGIN, PARAGRAPH_GAP, plainSegment, type Column, type Doc, type Segment, type Struct } from './pdfStyle.js'

const HEADING: Record<1 | 2 | 3 | 4, { size: number; before: number; after: number; face: FontFace }> = {
  1: { size: 18, before: 0, after: 6, face: 'bold' },
  2: { size: 13, before: 14, after: 4, face: 'bold' },
  3: { size: 11.5, before: 10, after: 3, face: 'bold' },
  4: { size: BODY_SIZE, before: 8, after: 3, face: 'boldItalic' },
}
export const SUBTITLE_SIZE = 12
const LIST_LABEL_WIDTH = 20
const GUTTER = 24

interface Coverage {
  hasGlyphForCodePoint(codePoint: number): boolean
}

/** A character none of our faces can draw would be a .notdef box: it becomes U+FFFD (X-TXT-2). */
const REPLACEMENT = '\uFFFD'

/** Writes the laid-out document onto pdfkit pages as tagged structure (X-PDF-1). */
export class PdfWriter {
  readonly contentWidth: number
  private readonly coverage = new Map<string, Coverage>()

  constructor(
    readonly doc: Doc,
    readonly layout: Layout,
  ) {
    this.contentWidth = doc.page.width - MARGIN.left - MARGIN.right
  }

  get full(): Column {
    return { x: MARGIN.left, width: this.contentWidth }
  }

  private get bottom(): number {
    return this.doc.page.height - MARGIN.bottom
  }

  private get pageBody(): number {
    return this.doc.page.height - MARGIN.top - MARGIN.bottom
  }

  /** Starts a new page when less than `height` is left, so headings never end a page alone. */
  ensureSpace(height: number): void {
    if (this.doc.y + height > this.bottom && this.doc.y > MARGIN.top) this.doc.addPage()
  }

  private lineHeight(size: number): number {
    this.doc.font(FACE_NAMES.regular).fontSize(size)
    return this.doc.currentLineHeight(true) + LINE_GAP
  }

  /** Text the current face can draw: every other character replaced, never a .notdef glyph. */
  private printable(text: string, face: string): string {
    let font = this.coverage.get(face)
    if (!font) {
      this.doc.font(face)
      font = (this.doc as unknown as { _font: { font: Coverage } })._font.font
      this.coverage.set(face, font)
    }
    let out = ''
    for (const ch of text) {
      const cp = ch.codePointAt(0)!
      out += cp < 0x20 || font.hasGlyphForCodePoint(cp) ? ch : font.hasGlyphForCodePoint(0xfffd) ? REPLACEMENT : '?'
    }
    return out
  }

  /** Height of segments drawn in `column` (for keep-together decisions). */
  private heightOf(segments: Segment[], column: Column, size: number): number {
    this.doc.font(FACE_NAMES.regular).fontSize(size)
    const text = segments.map((s) => s.text).join('')
    return this.doc.heightOfString(text || ' ', { width: column.width, lineGap: LINE_GAP })
  }

  /** Draws segments as one flowing text starting at the current y (inside a marked-content closure). */
  draw(segments: Segment[], column: Column, size: number, options: { align?: 'left' | 'right' } = {}): void {
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
      if (line.length === 0) line.push(plainSegment(' '))
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
        const text = this.printable(s.text, FACE_NAMES[s.face])
        doc.font(FACE_NAMES[s.face]).fontSize(size)
        if (i === 0) doc.text(text, column.x, y, opts)
        else doc.text(text, opts)
      })
    }
  }

  /** One tagged text element (P, H1, Lbl…): a structure element holding its marked content. */
  private textElement(parent: Struct, tag: string, segments: Segment[], column: Column, size: number): void {
    if (segments.length === 0) return
    const element = this.doc.struct(tag)
    parent.add(element)
    element.add(() => this.draw(segments, column, size))
    element.end()
  }

  /**
   * A heading, kept with at least three lines of what follows; `followedByHeading` keeps an
   * empty heading together with the next heading and its first lines (X-LAY-7).
   */
  heading(parent: Struct, level: 1 | 2 | 3 | 4, runs: Inline[], column: Column, followedByHeading = false): void {
    const style = HEADING[level]
    if (this.doc.y > MARGIN.top) this.doc.y += style.before
    const segments = segmentsOf(runs, { bold: true, italic: style.face === 'boldItalic' })
    const own = this.heightOf(segments, column, style.size) + style.after
    const next = this.lineHeight(BODY_SIZE) * 3 + (followedByHeading ? this.lineHeight(HEADING[2].size) * 1.5 + HEADING[2].before : 0)
    this.ensureSpace(own + next)
    this.textElement(parent, `H${level}`, segments, column, style.size)
    this.doc.y += style.after
  }

  paragraph(parent: Struct, runs: Inline[], column: Column, base: { bold?: boolean; italic?: boolean } = {}, size = BODY_SIZE): void {
    this.ensureSpace(this.lineHeight(size) * 2)
    this.textElement(parent, 'P', segmentsOf(runs, base), column, size)
    this.doc.y += PARAGRAPH_GAP
  }

  blocks(parent: Struct, blocks: Block[], column: Column, quote = false): void {
    blocks.forEach((block, i) => {
      switch (block.type) {
        case 'paragraph':
          this.paragraph(parent, block.runs, column, { italic: quote })
          break
        case 'heading': {
          const next = blocks[i + 1]
          this.heading(parent, block.level, block.runs, column, !next || next.type === 'heading')
          break
        }
        case 'blockquote': {
          const element = this.doc.struct('BlockQuote')
          parent.add(element)
          this.blocks(element, block.blocks, { x: column.x + 18, width: column.width - 18 }, true)
          element.end()
          break
        }
        case 'list':
          this.list(parent, block, column)
          break
        case 'table':
          new ContentTable(this.doc, block, column, this).render(parent)
      }
    })
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
      this.textElement(item_, 'Lbl', [plainSegment(label)], { x: column.x, width: LIST_LABEL_WIDTH - 4 }, BODY_SIZE)
      doc.y = y
      const itemBody = doc.struct('LBody')
      item_.add(itemBody)
      this.blocks(itemBody, item.blocks, body)
      itemBody.end()
      item_.end()
    })
    list.end()
  }

  section(parent: Struct, section: LayoutSection, nextIsSection: boolean): void {
    const element = this.doc.struct('Sect')
    parent.add(element)
    this.heading(element, 2, [{ text: section.heading }], this.full, section.blocks.length === 0 && nextIsSection)
    this.doc.outline.addItem(section.heading)
    this.blocks(element, section.blocks, this.full)
    element.end()
  }

  /** Page 1: the header block in two columns, as on the city's letterhead (X-LAY-1). */
  headerBlock(parent: Struct): void {
    const doc = this.doc
    const half = (this.contentWidth - GUTTER) / 2
    let rowTop = doc.y
    let rowBottom = doc.y
    this.layout.headerBlock.forEach((item, i) => {
      const column: Column = { x: MARGIN.left + (i % 2) * (half + GUTTER), width: half }
      if (i % 2 === 0) rowTop = rowBottom
      doc.y = rowTop
      const segments: Segment[] = []
      if (item.label) segments.push(plainSegment(`${item.label}\n`, 'bold'))
      segments.push(plainSegment(item.lines.join('\n')))
      this.textElement(parent, 'P', segments, column, 9)
      rowBottom = Math.max(rowBottom, doc.y + 8)
    })
    doc.y = rowBottom + 16
  }

  /** Height of the signature rows: two signatures side by side per row. */
  private signaturesHeight(): number {
    const rows = Math.ceil(this.layout.signatures.length / 2)
    return rows > 0 ? 28 + rows * this.lineHeight(BODY_SIZE) * 3 + (rows - 1) * 16 : 0
  }

  /**
   * The closing sentence and the signatures, kept on one page (X-LAY-5): a page never starts
   * with signatures cut off from the sentence they sign.
   */
  closingAndSignatures(parent: Struct): void {
    const closing = this.layout.closing
    const together =
      closing.reduce(
        (h, b) =>
          h + this.heightOf(segmentsOf(b.type === 'paragraph' || b.type === 'heading' ? b.runs : [{ text: 'x' }]), this.full, BODY_SIZE) + PARAGRAPH_GAP,
        0,
      ) + this.signaturesHeight()
    if (together <= this.pageBody) this.ensureSpace(together)
    if (closing.length > 0) {
      const element = this.doc.struct('Sect')
      parent.add(element)
      this.blocks(element, closing, this.full)
      element.end()
    }
    this.signatures(parent)
  }

  private signatures(parent: Struct): void {
    const signatures = this.layout.signatures
    if (signatures.length === 0) return
    const doc = this.doc
    const half = (this.contentWidth - GUTTER) / 2
    doc.y += 28
    let rowTop = doc.y
    let rowBottom = doc.y
    signatures.forEach((s, i) => {
      if (i % 2 === 0) {
        rowTop = rowBottom + (i > 0 ? 16 : 0)
        if (rowTop + this.lineHeight(BODY_SIZE) * 3 > this.bottom) {
          doc.addPage()
          rowTop = doc.y
        }
      }
      doc.y = rowTop
      const text = [s.name, s.title, s.forvaltning].filter(Boolean).join('\n')
      this.textElement(parent, 'P', [plainSegment(text)], { x: MARGIN.left + (i % 2) * (half + GUTTER), width: half }, BODY_SIZE)
      rowBottom = Math.max(rowBottom, doc.y)
    })
    doc.y = rowBottom + PARAGRAPH_GAP
  }

  approvals(parent: Struct): void {
    const record = this.layout.approvals
    if (!record) return
    this.doc.y += 18
    approvalTable(this.doc, parent, record, this.full, this)
  }
}
