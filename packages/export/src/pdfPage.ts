// What the PDF draws on every page after layout, when the page count is known, and the
// conformance metadata (X-PDF-1, X-PDF-3, X-LAY-6, X-DRAFT-1).
import { pageLabel, type Layout } from './layout.js'
import { FACE_NAMES, MARGIN, type Doc } from './pdfStyle.js'

const DRAFT_COLOR = '#b00020'

/** pdfkit's `markContent` cannot write `/Subtype`: open the artifact by hand, close with endMarkedContent. */
export function beginArtifact(doc: Doc, type: 'Pagination' | 'Layout', subtype?: 'Header' | 'Watermark'): void {
  const internal = doc as unknown as { page: { markings: Array<{ tag: string; options?: object }> }; addContent(s: string): void }
  internal.page.markings.push({ tag: 'Artifact', options: {} })
  internal.addContent(`/Artifact <</Type /${type}${subtype ? ` /Subtype /${subtype}` : ''}>> BDC`)
}

interface GlyphPath {
  commands: Array<{ command: string; args: number[] }>
}
interface FontkitFont {
  unitsPerEm: number
  layout(text: string): { glyphs: Array<{ path: GlyphPath }>; positions: Array<{ xAdvance: number; xOffset: number; yOffset: number }> }
}

/** The fontkit font behind a registered pdfkit font (pdfkit keeps it as `_font.font`). */
function fontkitOf(doc: Doc, name: string): FontkitFont {
  doc.font(name)
  return (doc as unknown as { _font: { font: FontkitFont } })._font.font
}

/**
 * The diagonal draft watermark as filled glyph outlines, not text: it cannot be selected,
 * copied or read aloud, and a text extractor never mixes its letters into the body (X-DRAFT-1).
 */
function watermark(doc: Doc, text: string): void {
  const font = fontkitOf(doc, FACE_NAMES.bold)
  const run = font.layout(text)
  const size = 110
  const scale = size / font.unitsPerEm
  const width = run.positions.reduce((w, p) => w + p.xAdvance, 0) * scale
  const cx = doc.page.width / 2
  const cy = doc.page.height / 2
  doc.save()
  doc.rotate(-45, { origin: [cx, cy] })
  doc.translate(cx - width / 2, cy + size * 0.35)
  doc.scale(scale, -scale)
  let x = 0
  run.glyphs.forEach((glyph, i) => {
    const pos = run.positions[i]!
    const ox = x + pos.xOffset
    const oy = pos.yOffset
    for (const { command, args } of glyph.path.commands) {
      const a = args.map((v, k) => v + (k % 2 === 0 ? ox : oy))
      if (command === 'moveTo') doc.moveTo(a[0]!, a[1]!)
      else if (command === 'lineTo') doc.lineTo(a[0]!, a[1]!)
      else if (command === 'quadraticCurveTo') doc.quadraticCurveTo(a[0]!, a[1]!, a[2]!, a[3]!)
      else if (command === 'bezierCurveTo') doc.bezierCurveTo(a[0]!, a[1]!, a[2]!, a[3]!, a[4]!, a[5]!)
      else if (command === 'closePath') doc.closePath()
    }
    x += pos.xAdvance
  })
  doc.fillOpacity(0.1).fill(DRAFT_COLOR)
  doc.restore()
}

/**
 * Every page: "Tjänsteutlåtande · Dnr … · Sida N (M)" at the top; from page 2 the title under
 * it, as in the city's layout (page 1 has the full header block instead). Drafts: the UTKAST
 * label and the watermark. All artifacts, so screen readers and the structure skip them.
 */
export function decoratePages(doc: Doc, layout: Layout, contentWidth: number): void {
  const range = doc.bufferedPageRange()
  const label = layout.draftLabel
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i)
    beginArtifact(doc, 'Pagination', 'Header')
    doc.font(FACE_NAMES.regular).fontSize(8.5).fillColor('#333333')
    doc.text(`${layout.runningHeader} · ${pageLabel(i + 1, range.count)}`, MARGIN.left, 36, { width: contentWidth, align: 'right', lineBreak: false })
    if (i > range.start) {
      doc.text(layout.title, MARGIN.left, 48, { width: contentWidth, align: 'right', height: 10, ellipsis: true })
    }
    if (label) {
      doc.font(FACE_NAMES.bold).fontSize(11).fillColor(DRAFT_COLOR)
      doc.text(label, MARGIN.left, 34, { width: contentWidth / 2, align: 'left', lineBreak: false })
    }
    doc.fillColor('black')
    doc.endMarkedContent()
    if (label) {
      beginArtifact(doc, 'Pagination', 'Watermark')
      watermark(doc, 'UTKAST')
      doc.endMarkedContent()
    }
  }
}

/**
 * PDF/UA-1 next to pdfkit's PDF/A-2a identification. pdfuaid is not one of PDF/A's predefined
 * schemas, so PDF/A-2 (6.6.2.3.1) requires an extension schema that describes it.
 */
export const PDFUA_XMP = `
        <rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
            <pdfaExtension:schemas>
                <rdf:Bag>
                    <rdf:li rdf:parseType="Resource">
                        <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
                        <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
                        <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
                        <pdfaSchema:property>
                            <rdf:Seq>
                                <rdf:li rdf:parseType="Resource">
                                    <pdfaProperty:name>part</pdfaProperty:name>
                                    <pdfaProperty:valueType>Integer</pdfaProperty:valueType>
                                    <pdfaProperty:category>internal</pdfaProperty:category>
                                    <pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>
                                </rdf:li>
                            </rdf:Seq>
                        </pdfaSchema:property>
                    </rdf:li>
                </rdf:Bag>
            </pdfaExtension:schemas>
        </rdf:Description>
        <rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
            <pdfuaid:part>1</pdfuaid:part>
        </rdf:Description>
        `
