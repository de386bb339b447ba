import PDFDocument from 'pdfkit'
import type { ExportInput } from './input.js'
import { layoutDocument } from './layout.js'
import { pdfFonts, type FontFace } from './fonts.js'
import { decoratePages, PDFUA_XMP } from './pdfPage.js'
import { FACE_NAMES, MARGIN, type Doc } from './pdfStyle.js'
import { PdfWriter, SUBTITLE_SIZE } from './pdfWriter.js'

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
 * The document as a PDF 1.7 declaring and meeting PDF/UA-1 and PDF/A-2a (X-PDF-1): structure
 * tree (H1/H2, P, L/LI, Table/Caption/TR/TH/TD), sv-SE, the title shown by viewers, embedded
 * DejaVu Sans with a Unicode mapping for every glyph, and every mark on a page either tagged
 * or an artifact (running header, draft label, watermark, table borders).
 */
export async function exportPdf(input: ExportInput): Promise<Uint8Array> {
  return (await renderPdf(input)).bytes
}

/** The PDF and its page count. */
export async function renderPdf(input: ExportInput): Promise<{ bytes: Uint8Array; pages: number }> {
  const { doc, pages } = laidOut(input)
  const done = collect(doc)
  doc.end()
  return { bytes: await done, pages }
}

/**
 * The page count of the PDF of this layout, without writing the file (no font subsetting or
 * compression): the DOCX stores it as its NUMPAGES result (X-DOCX-4).
 */
export function pdfPageCount(input: ExportInput): number {
  return laidOut(input).pages
}

/** Lays the document out on pdfkit pages (buffered); the caller ends the document or drops it. */
function laidOut(input: ExportInput): { doc: Doc; pages: number } {
  const layout = layoutDocument(input)
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    tagged: true,
    pdfVersion: '1.7',
    subset: 'PDF/A-2a',
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
  } as PDFKit.PDFDocumentOptions)
  const fonts = pdfFonts()
  for (const face of Object.keys(FACE_NAMES) as FontFace[]) doc.registerFont(FACE_NAMES[face], fonts[face])
  doc.font(FACE_NAMES.regular)
  ;(doc as unknown as { appendXML(xml: string): void }).appendXML(PDFUA_XMP)

  const writer = new PdfWriter(doc, layout)
  const root = doc.struct('Document')
  doc.addStructure(root)
  writer.headerBlock(root)
  writer.heading(root, 1, [{ text: layout.title }], writer.full)
  doc.outline.addItem(layout.title)
  if (layout.subtitle) writer.paragraph(root, [{ text: layout.subtitle }], writer.full, {}, SUBTITLE_SIZE)
  for (const [i, section] of layout.sections.entries()) writer.section(root, section, i < layout.sections.length - 1)
  writer.closingAndSignatures(root)
  for (const section of layout.attachments) writer.section(root, section, false)
  writer.approvals(root)
  root.end()
  decoratePages(doc, layout, writer.contentWidth)
  return { doc, pages: doc.bufferedPageRange().count }
}
