import {
  AlignmentType,
  DeletedTextRun,
  Document,
  ExternalHyperlink,
  HeadingLevel,
  InsertedTextRun,
  type IParagraphOptions,
  LevelFormat,
  LineRuleType,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ILevelsOptions,
  type IRunOptions,
  type ParagraphChild,
} from 'docx'
import JSZip from 'jszip'
import type { ExportInput } from './input.js'
import { pdfPageCount } from './pdf.js'
import { layoutDocument, type Layout, type LayoutSection } from './layout.js'
import type { TrackedChangeAttrs } from '@perspektiv/document'
import { isLineBreak, type Block, type Inline } from './blocks.js'
import { docxTable } from './docxTable.js'
import { headerBlock, headers, signatureTable, HEADER_BLOCK_STYLE, RUNNING_HEADER_STYLE, SUBTITLE_STYLE } from './docxPage.js'

/** The PDF's font too, so both files break lines and pages alike (X-DOCX-2). */
const FONT = 'DejaVu Sans'
const LANG = 'sv-SE'
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
  private changeId = 0
  readonly children: Array<Paragraph | Table> = []

  runs(inlines: Inline[], base: { size?: number; bold?: boolean; italics?: boolean } = {}): ParagraphChild[] {
    const out: ParagraphChild[] = []
    for (const inline of inlines) {
      if (isLineBreak(inline)) {
        out.push(new TextRun({ break: 1 }))
        continue
      }
      const options = {
        text: inline.text,
        bold: inline.bold || base.bold,
        italics: inline.italic || base.italics,
        underline: inline.underline ? {} : undefined,
        strike: inline.strike,
        size: base.size,
        style: inline.href ? 'Hyperlink' : undefined,
      }
      const run = inline.change ? this.trackedRun(options, inline.change) : new TextRun(options)
      out.push(inline.href ? new ExternalHyperlink({ link: inline.href, children: [run] }) : run)
    }
    return out
  }

  /** [X-DOCX-TC1] A suggestion as Word's tracked change: `w:ins`/`w:del` with author, date and a unique id. */
  private trackedRun(options: IRunOptions & { text: string }, change: TrackedChangeAttrs): InsertedTextRun | DeletedTextRun {
    // Word reads w:date as xsd:dateTime without fractions of a second.
    const by = { id: ++this.changeId, author: change.author || 'Okänd', date: change.date.replace(/\.\d+Z$/, 'Z') }
    return change.kind === 'insertion' ? new InsertedTextRun({ ...options, ...by }) : new DeletedTextRun({ ...options, ...by })
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
        return
      case 'table':
        this.children.push(docxTable(block, (inlines, base) => this.runs(inlines, base)))
    }
  }

  private list(block: Extract<Block, { type: 'list' }>, depth: number): void {
    const instance = ++this.listInstance
    const reference = block.ordered ? (block.start === 1 ? NUMBERS : `${NUMBERS}-${block.start}`) : BULLETS
    for (const item of block.items) {
      const [first, ...rest] = item.blocks
      if (first?.type === 'paragraph' || first?.type === 'heading') {
        this.children.push(new Paragraph({ children: this.runs(first.runs), numbering: { reference, level: Math.min(depth, 5), instance } }))
        this.blocks(rest, depth + 1)
      } else {
        // An item that starts with a nested list still needs its own number.
        this.children.push(new Paragraph({ children: [], numbering: { reference, level: Math.min(depth, 5), instance } }))
        this.blocks(item.blocks, depth + 1)
      }
    }
  }

  heading(text: string, level: 1 | 2): void {
    this.children.push(new Paragraph({ heading: level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2, children: [new TextRun(text)] }))
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
        for (const i of b.items) visit(i.blocks)
      } else if (b.type === 'blockquote') visit(b.blocks)
    }
  }
  for (const s of [...layout.sections, ...layout.attachments]) visit(s.blocks)
  return [...starts]
}

function buildDocument(layout: Layout, pages: number): Document {
  const body = new DocxBody()
  body.children.push(headerBlock(layout))
  body.heading(layout.title, 1)
  if (layout.subtitle) body.children.push(new Paragraph({ style: SUBTITLE_STYLE, children: [new TextRun(layout.subtitle)] }))
  for (const s of layout.sections) body.section(s)
  // The closing sentence keeps with the signatures that follow it.
  const closingStart = body.children.length
  body.blocks(layout.closing)
  if (layout.signatures.length > 0) {
    for (let i = closingStart; i < body.children.length; i++) {
      const p = body.children[i]
      if (p instanceof Paragraph) body.children[i] = withKeepNext(p)
    }
    if (body.children.length === closingStart) body.children.push(new Paragraph({ keepNext: true, children: [] }))
    body.children.push(signatureTable(layout))
  }
  for (const s of layout.attachments) body.section(s)
  if (layout.approvals) {
    const a = layout.approvals
    body.children.push(new Paragraph({ keepNext: true, spacing: { before: 360 }, children: [new TextRun(a.intro)] }))
    const cell = (text: string, header: boolean, width: number) =>
      new TableCell({
        width: { size: width, type: WidthType.PERCENTAGE },
        children: [new Paragraph({ keepNext: true, spacing: { after: 0 }, children: [new TextRun({ text, bold: header })] })],
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
  const heading = (size: number, outlineLevel: number, before: number, after: number, italics = false) => ({
    run: { font: FONT, size, bold: true, italics, color: '000000' },
    paragraph: { spacing: { before, after, line: 252, lineRule: LineRuleType.AUTO }, keepNext: true, keepLines: true, outlineLevel },
  })

  const header = headers(layout, pages)
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
        document: { run: { font: FONT, size: 21, language: { value: LANG } }, paragraph: { spacing: { after: 140, line: 264, lineRule: LineRuleType.AUTO } } },
        // Outline levels make them headings for LibreOffice and in tagged PDFs made from the DOCX.
        heading1: heading(36, 0, 0, 120),
        heading2: heading(26, 1, 280, 80),
        heading3: heading(23, 2, 200, 60),
        heading4: heading(21, 3, 160, 60, true),
      },
      paragraphStyles: [
        {
          id: SUBTITLE_STYLE,
          name: 'Subtitle',
          basedOn: 'Normal',
          next: 'Normal',
          quickFormat: true,
          run: { size: 24 },
          paragraph: { spacing: { after: 200 } },
        },
        { id: HEADER_BLOCK_STYLE, name: 'TU Header Block', basedOn: 'Normal', run: { size: 18 }, paragraph: { spacing: { after: 160 } } },
        { id: RUNNING_HEADER_STYLE, name: 'TU Running Header', basedOn: 'Normal', run: { size: 17, color: '333333' }, paragraph: { spacing: { after: 0 } } },
      ],
    },
    sections: [
      {
        properties: { titlePage: true, page: { margin: { top: 1640, bottom: 1240, left: 1400, right: 1400, header: 680 } } },
        headers: header,
        children: body.children,
      },
    ],
  })
}

/** A copy of a paragraph that keeps with the next one (docx paragraphs are immutable). */
function withKeepNext(paragraph: Paragraph): Paragraph {
  const options = (paragraph as unknown as { options?: IParagraphOptions }).options
  return options ? new Paragraph({ ...options, keepNext: true }) : paragraph
}

/** docProps/app.xml as Word fills it: application, pages, words, characters, paragraphs (X-DOCX-5). */
function appXml(documentXml: string, pages: number, company: string): string {
  const paragraphs = documentXml.split('</w:p>').map((p) => [...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))
  const text = paragraphs.join(' ')
  const words = text.split(/\s+/).filter(Boolean).length
  const xmlEscape = (v: string) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
  return [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">',
    '<Template>Normal.dotm</Template>',
    company ? `<Company>${xmlEscape(company)}</Company>` : '',
    `<Pages>${pages}</Pages>`,
    `<Words>${words}</Words>`,
    `<Characters>${text.replace(/\s/g, '').length}</Characters>`,
    `<Paragraphs>${paragraphs.filter((p) => p.trim()).length}</Paragraphs>`,
    `<CharactersWithSpaces>${text.length}</CharactersWithSpaces>`,
    '<Application>Perspektiv</Application>',
    '<DocSecurity>0</DocSecurity>',
    '</Properties>',
  ].join('')
}

/**
 * The document as Word (.docx), laid out like the PDF (X-DOCX-1…5): the header block and the
 * signatures as borderless two-column tables, Heading1–4 with outline levels, a Subtitle
 * style, sv-SE as the default language, title/subject/creator in the core properties, a
 * filled app.xml, and a running header whose PAGE/NUMPAGES fields carry stored results (the
 * page count of the PDF of the same layout), so viewers that never update fields still
 * print "Sida 1 (3)".
 */
export async function exportDocx(input: ExportInput): Promise<Uint8Array> {
  const layout = layoutDocument(input)
  const pages = pdfPageCount(input)
  const zip = await JSZip.loadAsync(await Packer.toBuffer(buildDocument(layout, pages)))
  const documentXml = (await zip.file('word/document.xml')?.async('string')) ?? ''
  zip.file('docProps/app.xml', appXml(documentXml, pages, input.organisation?.name ?? ''))
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' })
}
