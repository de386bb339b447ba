import {
  AlignmentType,
  Document,
  ExternalHyperlink,
  Header,
  HeadingLevel,
  LevelFormat,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ILevelsOptions,
  type ParagraphChild,
} from 'docx'
import type { ExportInput } from './input.js'
import { layoutDocument, type Layout, type LayoutSection } from './layout.js'
import { isLineBreak, type Block, type Inline } from './blocks.js'

const FONT = 'Arial'
const LANG = 'sv-SE'
const DRAFT_COLOR = 'B00020'
const BULLETS = 'tu-bullets'
const NUMBERS = 'tu-numbers'
const INDENT = 567 // 1 cm in twips

function levels(format: 'bullet' | 'decimal'): ILevelsOptions[] {
  return Array.from({ length: 6 }, (_, level) => ({
    level,
    format: format === 'bullet' ? LevelFormat.BULLET : LevelFormat.DECIMAL,
    text: format === 'bullet' ? (level % 2 === 0 ? '•' : '–') : `%${level + 1}.`,
    alignment: AlignmentType.LEFT,
    style: { paragraph: { indent: { left: INDENT * (level + 1), hanging: 397 } } },
  }))
}

/** Builds paragraphs; one instance per list keeps every Word list numbered from its own start. */
class DocxBody {
  private listInstance = 0
  readonly children: Array<Paragraph | Table> = []

  runs(inlines: Inline[], base: { size?: number; bold?: boolean; italics?: boolean } = {}): ParagraphChild[] {
    const out: ParagraphChild[] = []
    for (const inline of inlines) {
      if (isLineBreak(inline)) {
        out.push(new TextRun({ break: 1 }))
        continue
      }
      const run = new TextRun({
        text: inline.text,
        bold: inline.bold || base.bold,
        italics: inline.italic || base.italics,
        underline: inline.underline ? {} : undefined,
        strike: inline.strike,
        size: base.size,
        style: inline.href ? 'Hyperlink' : undefined,
      })
      out.push(inline.href ? new ExternalHyperlink({ link: inline.href, children: [run] }) : run)
    }
    return out
  }

  blocks(blocks: Block[], depth = 0, quote = false): void {
    for (const block of blocks) this.block(block, depth, quote)
  }

  private block(block: Block, depth: number, quote: boolean): void {
    const indent = depth > 0 || quote ? { left: INDENT * (depth + (quote ? 1 : 0)) } : undefined
    switch (block.type) {
      case 'paragraph':
        this.children.push(new Paragraph({ children: this.runs(block.runs, { italics: quote }), indent }))
        return
      case 'heading':
        this.children.push(
          new Paragraph({
            heading: block.level === 3 ? HeadingLevel.HEADING_3 : HeadingLevel.HEADING_4,
            children: this.runs(block.runs),
            indent,
          }),
        )
        return
      case 'blockquote':
        this.blocks(block.blocks, depth, true)
        return
      case 'list':
        this.list(block, depth)
    }
  }

  private list(block: Extract<Block, { type: 'list' }>, depth: number): void {
    const instance = ++this.listInstance
    const reference = block.ordered ? (block.start === 1 ? NUMBERS : `${NUMBERS}-${block.start}`) : BULLETS
    for (const item of block.items) {
      const [first, ...rest] = item.blocks
      if (first?.type === 'paragraph' || first?.type === 'heading') {
        this.children.push(
          new Paragraph({ children: this.runs(first.runs), numbering: { reference, level: Math.min(depth, 5), instance } }),
        )
        this.blocks(rest, depth + 1)
      } else {
        // An item that starts with a nested list still needs its own number.
        this.children.push(new Paragraph({ children: [], numbering: { reference, level: Math.min(depth, 5), instance } }))
        this.blocks(item.blocks, depth + 1)
      }
    }
  }

  heading(text: string, level: 1 | 2): void {
    this.children.push(
      new Paragraph({ heading: level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2, children: [new TextRun(text)] }),
    )
  }

  section(section: LayoutSection): void {
    this.heading(section.heading, 2)
    this.blocks(section.blocks)
  }
}

function startsOf(layout: Layout): number[] {
  const starts = new Set<number>()
  const visit = (blocks: Block[]) => {
    for (const b of blocks) {
      if (b.type === 'list') {
        if (b.ordered && b.start !== 1) starts.add(b.start)
        b.items.forEach((i) => visit(i.blocks))
      } else if (b.type === 'blockquote') visit(b.blocks)
    }
  }
  ;[...layout.sections, ...layout.attachments].forEach((s) => visit(s.blocks))
  return [...starts]
}

function runningHeader(layout: Layout): Header {
  const children: Paragraph[] = []
  if (layout.draftLabel) {
    children.push(
      new Paragraph({
        alignment: AlignmentType.RIGHT,
        children: [new TextRun({ text: layout.draftLabel, bold: true, color: DRAFT_COLOR, size: 28 })],
      }),
    )
  }
  children.push(
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      children: [
        new TextRun({
          size: 18,
          children: [`${layout.runningHeader} · Sida `, PageNumber.CURRENT, ' (', PageNumber.TOTAL_PAGES, ')'],
        }),
      ],
    }),
  )
  return new Header({ children })
}

function buildDocument(layout: Layout): Document {
  const body = new DocxBody()
  // Page-1 header block: small, label in bold, one paragraph per group.
  for (const item of layout.headerBlock) {
    const runs: TextRun[] = []
    if (item.label) runs.push(new TextRun({ text: item.label, bold: true, size: 19 }))
    item.lines.forEach((line, i) => runs.push(new TextRun({ text: line, size: 19, break: i > 0 || item.label ? 1 : 0 })))
    body.children.push(new Paragraph({ children: runs, spacing: { after: 120 } }))
  }
  body.children.push(new Paragraph({ children: [], spacing: { after: 240 } }))
  body.heading(layout.title, 1)
  if (layout.subtitle) body.children.push(new Paragraph({ children: [new TextRun({ text: layout.subtitle, size: 24 })], spacing: { after: 240 } }))
  layout.sections.forEach((s) => body.section(s))
  layout.signatures.forEach((s, i) => {
    const lines = [s.name, s.title, s.forvaltning].filter(Boolean)
    body.children.push(
      new Paragraph({
        keepLines: true,
        spacing: { before: i === 0 ? 720 : 360 },
        children: lines.map((line, j) => new TextRun({ text: line, break: j > 0 ? 1 : 0 })),
      }),
    )
  })
  layout.attachments.forEach((s) => body.section(s))
  if (layout.approvals) {
    const a = layout.approvals
    body.children.push(new Paragraph({ keepNext: true, spacing: { before: 480 }, children: [new TextRun(a.intro)] }))
    const cell = (text: string, header: boolean, width: number) =>
      new TableCell({
        width: { size: width, type: WidthType.PERCENTAGE },
        children: [new Paragraph({ children: [new TextRun({ text, bold: header })] })],
      })
    body.children.push(
      new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        rows: [
          new TableRow({ tableHeader: true, cantSplit: true, children: [cell(a.columns[0], true, 70), cell(a.columns[1], true, 30)] }),
          ...a.rows.map((r) => new TableRow({ cantSplit: true, children: [cell(r[0], false, 70), cell(r[1], false, 30)] })),
        ],
      }),
    )
  }

  const numberingConfig = [
    { reference: BULLETS, levels: levels('bullet') },
    { reference: NUMBERS, levels: levels('decimal') },
    ...startsOf(layout).map((start) => ({
      reference: `${NUMBERS}-${start}`,
      levels: levels('decimal').map((l) => (l.level === 0 ? { ...l, start } : l)),
    })),
  ]

  return new Document({
    title: layout.title,
    subject: layout.subject,
    creator: layout.author || 'Perspektiv',
    lastModifiedBy: 'Perspektiv',
    description: [layout.runningHeader, layout.draftLabel].filter(Boolean).join(' – '),
    keywords: layout.dnr ? `Dnr ${layout.dnr}` : undefined,
    numbering: { config: numberingConfig },
    styles: {
      default: {
        // w:lang in the document defaults: Word spell-checks and screen readers speak Swedish.
        document: { run: { font: FONT, size: 22, language: { value: LANG } }, paragraph: { spacing: { after: 160, line: 276, lineRule: LineRuleType.AUTO } } },
        heading1: { run: { font: FONT, size: 36, bold: true, color: '000000' }, paragraph: { spacing: { before: 240, after: 120, line: 252, lineRule: LineRuleType.AUTO }, keepNext: true } },
        heading2: { run: { font: FONT, size: 26, bold: true, color: '000000' }, paragraph: { spacing: { before: 360, after: 80, line: 252, lineRule: LineRuleType.AUTO }, keepNext: true } },
        heading3: { run: { font: FONT, size: 23, bold: true, color: '000000' }, paragraph: { spacing: { before: 240, after: 60, line: 252, lineRule: LineRuleType.AUTO }, keepNext: true } },
        heading4: { run: { font: FONT, size: 22, bold: true, italics: true, color: '000000' }, paragraph: { spacing: { before: 200, after: 60, line: 252, lineRule: LineRuleType.AUTO }, keepNext: true } },
      },
    },
    sections: [
      {
        properties: { page: { margin: { top: 1700, bottom: 1134, left: 1418, right: 1418, header: 567 } } },
        headers: { default: runningHeader(layout) },
        children: body.children,
      },
    ],
  })
}

/**
 * The document as Word (.docx): real Heading1–4 styles (Word's navigation pane), sv-SE as
 * the default language, title/subject/creator in the core properties, and on every page a
 * header "Tjänsteutlåtande · Dnr … · Sida N (M)" built from PAGE and NUMPAGES fields.
 */
export async function exportDocx(input: ExportInput): Promise<Uint8Array> {
  const layout = layoutDocument(input)
  const buffer = await Packer.toBuffer(buildDocument(layout))
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength)
}
