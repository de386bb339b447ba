// The validator must fail PDFs that break the checkpoints, or a passing export test means nothing.
import PDFDocument from 'pdfkit'
import { describe, expect, it } from 'vitest'
import { validatePdf } from './pdfValidate.js'
import { pdfFonts } from '../fonts.js'

function render(draw: (doc: PDFKit.PDFDocument) => void, options: PDFKit.PDFDocumentOptions = {}): Promise<Uint8Array> {
  const doc = new PDFDocument({ size: 'A4', ...options })
  const chunks: Buffer[] = []
  doc.on('data', (c: Buffer) => chunks.push(c))
  const done = new Promise<Uint8Array>((resolve) => doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks)))))
  draw(doc)
  doc.end()
  return done
}

const checkpoints = async (bytes: Uint8Array) => new Set((await validatePdf(bytes)).map((f) => f.checkpoint))

describe('validatePdf (X-PDF-5)', () => {
  it('fails an untagged PDF with a standard font: no structure, no language, font not embedded, no identifiers', async () => {
    const found = await checkpoints(await render((doc) => doc.font('Helvetica').text('Hej')))
    for (const c of ['01-001', '01-002', '01-005', '11-006', '06-002', '07-001', '31-009', 'PDF/A 6.6.4']) expect(found).toContain(c)
  })

  it('fails skipped heading levels, a TH without scope, and a .notdef glyph', async () => {
    const bytes = await render(
      (doc) => {
        doc.registerFont('F', pdfFonts().regular)
        doc.font('F')
        const root = doc.struct('Document')
        doc.addStructure(root)
        for (const [tag, text] of [
          ['H1', 'Rubrik'],
          ['H3', 'Hoppar över H2'],
          ['P', '\u0915'],
        ] as const) {
          const el = doc.struct(tag)
          root.add(el)
          el.add(() => doc.text(text))
          el.end()
        }
        const table = doc.struct('Table')
        root.add(table)
        const tr = doc.struct('TR')
        table.add(tr)
        const th = doc.struct('TH')
        tr.add(th)
        th.add(() => doc.text('Namn'))
        th.end()
        tr.end()
        table.end()
        root.end()
      },
      { tagged: true, lang: 'sv-SE', displayTitle: true, info: { Title: 'T' } } as PDFKit.PDFDocumentOptions,
    )
    const found = await checkpoints(bytes)
    expect(found).toContain('14-003')
    expect(found).toContain('15-003')
    expect(found).toContain('PDF/A 6.2.11.8')
    expect(found).not.toContain('01-005')
    expect(found).not.toContain('31-009')
  })
})
