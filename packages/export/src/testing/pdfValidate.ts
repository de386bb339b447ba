// The machine-checkable PDF/UA-1 (Matterhorn protocol) and PDF/A-2a checkpoints, since veraPDF
// cannot be installed here. Each finding names its checkpoint, so a failing test says which
// rule was broken and where. Run on every PDF the tests produce (SPEC X-PDF-5).
import { PAINTING, TEXT_SHOWING, shownStrings, type Operand } from './contentStream.js'
import { readPdf, walk, type PdfFile, type StructElement } from './pdfRead.js'

export interface Finding {
  /** Matterhorn checkpoint ("06-001") or PDF/A clause ("PDF/A 6.6.2.1"). */
  checkpoint: string
  message: string
}

/** Standard structure types of ISO 32000-1 §14.8.4 (anything else needs a RoleMap entry). */
const STANDARD_TYPES = new Set(
  'Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private P H H1 H2 H3 H4 H5 H6 L LI Lbl LBody Table TR TH TD THead TBody TFoot Span Quote Note Reference BibEntry Code Link Annot Ruby RB RT RP Warichu WT WP Figure Formula Form'.split(
    ' ',
  ),
)

function dictName(operand: Operand | undefined, key: string): string | undefined {
  const v = operand?.kind === 'dict' ? operand.entries.get(key) : undefined
  return v?.kind === 'name' ? v.value : undefined
}

function dictNumber(operand: Operand | undefined, key: string): number | undefined {
  const v = operand?.kind === 'dict' ? operand.entries.get(key) : undefined
  return v?.kind === 'number' ? v.value : undefined
}

function checkCatalog(pdf: PdfFile, out: Finding[]): void {
  if (!pdf.catalog.marked) out.push({ checkpoint: '01-002', message: 'MarkInfo /Marked is not true' })
  if (!pdf.catalog.hasStructTree) out.push({ checkpoint: '01-001', message: 'no StructTreeRoot' })
  if (!pdf.catalog.lang?.trim()) out.push({ checkpoint: '11-006', message: 'the catalog has no /Lang' })
  if (!pdf.info.Title?.trim()) out.push({ checkpoint: '06-003', message: 'no document title in the Info dictionary' })
  if (!pdf.catalog.displayDocTitle) out.push({ checkpoint: '07-001', message: 'ViewerPreferences /DisplayDocTitle is not true' })
  const xmp = pdf.xmp
  if (!xmp) out.push({ checkpoint: '06-001', message: 'no XMP metadata stream' })
  if (!/<pdfuaid:part>1<\/pdfuaid:part>/.test(xmp)) out.push({ checkpoint: '06-002', message: 'XMP lacks the PDF/UA identifier pdfuaid:part = 1' })
  const title = /<dc:title>\s*<rdf:Alt>\s*<rdf:li[^>]*>([^<]*)<\/rdf:li>/.exec(xmp)?.[1]
  if (!title?.trim()) out.push({ checkpoint: '06-003', message: 'XMP has no dc:title' })
  const unescapeXml = (s: string) =>
    s
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&')
  if (title && pdf.info.Title && unescapeXml(title) !== pdf.info.Title) {
    out.push({ checkpoint: 'PDF/A 6.6.3', message: `XMP dc:title "${title}" differs from Info Title "${pdf.info.Title}"` })
  }
  const part = /<pdfaid:part>(\d)<\/pdfaid:part>/.exec(xmp)?.[1]
  const conformance = /<pdfaid:conformance>([ABU])<\/pdfaid:conformance>/.exec(xmp)?.[1]
  if (part !== '2' || conformance !== 'A')
    out.push({ checkpoint: 'PDF/A 6.6.4', message: `XMP declares pdfaid ${part ?? '–'}${conformance ?? ''}, expected 2A` })
  // pdfuaid is not a predefined PDF/A schema: PDF/A-2 requires an extension schema describing it.
  if (/pdfuaid:part/.test(xmp) && !/<pdfaSchema:namespaceURI>http:\/\/www\.aiim\.org\/pdfua\/ns\/id\/<\/pdfaSchema:namespaceURI>/.test(xmp)) {
    out.push({ checkpoint: 'PDF/A 6.6.2.3.1', message: 'pdfuaid is used without a PDF/A extension schema for it' })
  }
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(xmp) || /&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/i.test(xmp)) {
    out.push({ checkpoint: 'PDF/A 6.6.2.1', message: 'XMP is not well-formed XML (unescaped & or control character)' })
  }
  if (!pdf.catalog.hasOutputIntent) out.push({ checkpoint: 'PDF/A 6.2.3', message: 'no OutputIntent' })
  if (!pdf.trailerHasId) out.push({ checkpoint: 'PDF/A 6.1.3', message: 'the trailer has no /ID' })
  if (!['1.4', '1.5', '1.6', '1.7'].includes(pdf.version))
    out.push({ checkpoint: 'PDF/A 6.1.2', message: `PDF version ${pdf.version} is not allowed in PDF/A-2` })
}

function checkStructure(pdf: PdfFile, out: Finding[]): Set<string> {
  const all = walk(pdf.structure)
  for (const el of all) {
    const role = STANDARD_TYPES.has(el.role) ? el.role : pdf.catalog.roleMap[el.role]
    if (!role || !STANDARD_TYPES.has(role)) out.push({ checkpoint: '02-001', message: `structure type "${el.role}" is neither standard nor role-mapped` })
  }
  // Headings: the first is H1 and no level is skipped going down.
  const headings = all.filter((e) => /^H[1-6]$/.test(e.role)).map((e) => ({ level: Number(e.role[1]), text: e.text.trim() }))
  if (headings.length > 0 && headings[0]!.level !== 1) out.push({ checkpoint: '14-002', message: `the first heading is H${headings[0]!.level}, not H1` })
  headings.forEach((h, i) => {
    const previous = headings[i - 1]
    if (previous && h.level > previous.level + 1) {
      out.push({ checkpoint: '14-003', message: `H${previous.level} "${previous.text}" is followed by H${h.level} "${h.text}"` })
    }
    if (!h.text) out.push({ checkpoint: '14-001', message: `an H${h.level} has no text` })
  })
  for (const table of all.filter((e) => e.role === 'Table')) checkTable(table, pdf, out)
  const referenced = new Set<string>()
  for (const el of all) for (const c of el.content) referenced.add(`${c.page}:${c.mcid}`)
  return referenced
}

function checkTable(table: StructElement, pdf: PdfFile, out: Finding[]): void {
  const cells = walk(table.children).filter((e) => e.role === 'TH' || e.role === 'TD')
  const rows = walk(table.children).filter((e) => e.role === 'TR')
  if (rows.length === 0) out.push({ checkpoint: '15-001', message: 'a Table has no TR' })
  const th = cells.filter((c) => c.role === 'TH')
  // A table of TDs only is allowed (PDF/UA asks that header cells be marked, not that a grid
  // have one: a user's table without a header row has none); a table with no cells is not.
  if (cells.length === 0) out.push({ checkpoint: '15-001', message: `table "${table.text.slice(0, 40)}" has no TH or TD` })
  for (const cell of th) {
    const scope = cell.attributes.Scope
    if (cell.attributes.O !== 'Table' || !['Row', 'Column', 'Both'].includes(String(scope))) {
      if (!cells.some((c) => c.headers?.includes(cell.id ?? '\u0000'))) {
        out.push({ checkpoint: '15-003', message: `TH "${cell.text.trim()}" has no Scope and no cell refers to it by Headers` })
      }
    }
  }
  for (const cell of cells) {
    for (const id of cell.headers ?? []) {
      if (!pdf.catalog.idTree.has(id)) out.push({ checkpoint: '15-004', message: `"${cell.text.trim()}" refers to header ${id}, which is not in the IDTree` })
      if (id === cell.id) out.push({ checkpoint: '15-004', message: `"${cell.text.trim()}" lists itself in /Headers` })
    }
  }
}

/** Walks every page's content: every mark tagged or an artifact, fonts embedded and mapped, no .notdef. */
function checkContent(pdf: PdfFile, referenced: Set<string>, out: Finding[]): void {
  const reportedFonts = new Set<string>()
  for (const page of pdf.pages) {
    const stack: Array<{ tag: string; props?: Operand; mcid?: number }> = []
    let font: string | undefined
    const untagged = new Map<string, number>()
    for (const op of page.operations) {
      switch (op.operator) {
        case 'BDC': {
          const [tag, props] = op.operands
          stack.push({ tag: tag?.kind === 'name' ? tag.value : '', props, mcid: dictNumber(props, 'MCID') })
          continue
        }
        case 'BMC':
          stack.push({ tag: op.operands[0]?.kind === 'name' ? op.operands[0].value : '' })
          continue
        case 'EMC':
          if (!stack.pop()) out.push({ checkpoint: 'PDF 14.6', message: `page ${page.index + 1}: EMC without a matching BDC/BMC` })
          continue
        case 'Tf':
          font = op.operands[0]?.kind === 'name' ? op.operands[0].value : undefined
          continue
      }
      if (!PAINTING.has(op.operator)) continue
      const artifact = stack.some((m) => m.tag === 'Artifact')
      const tagged = stack.find((m) => m.mcid !== undefined)
      if (!artifact && !tagged) untagged.set(op.operator, (untagged.get(op.operator) ?? 0) + 1)
      if (tagged && !artifact && !referenced.has(`${page.index}:${tagged.mcid}`)) {
        out.push({ checkpoint: '01-004', message: `page ${page.index + 1}: MCID ${tagged.mcid} is not referenced from the structure tree` })
        referenced.add(`${page.index}:${tagged.mcid}`) // once per MCID
      }
      if (!TEXT_SHOWING.has(op.operator)) continue
      const f = font ? page.fonts.get(font) : undefined
      if (!f) {
        out.push({ checkpoint: '31-001', message: `page ${page.index + 1}: text shown with unknown font ${font ?? '(none)'}` })
        continue
      }
      const fontKey = `${f.baseFont}`
      if (!f.embedded && !reportedFonts.has(`e:${fontKey}`)) {
        reportedFonts.add(`e:${fontKey}`)
        out.push({ checkpoint: '31-009', message: `font ${f.baseFont} is not embedded` })
      }
      if (!f.hasToUnicode && !reportedFonts.has(`u:${fontKey}`)) {
        reportedFonts.add(`u:${fontKey}`)
        out.push({ checkpoint: '31-027', message: `font ${f.baseFont} has no ToUnicode CMap` })
      }
      for (const bytes of shownStrings(op)) {
        const codes = f.twoByte ? Array.from({ length: bytes.length >> 1 }, (_, i) => (bytes[2 * i]! << 8) | bytes[2 * i + 1]!) : Array.from(bytes)
        for (const code of codes) {
          if (f.twoByte && code === 0) out.push({ checkpoint: 'PDF/A 6.2.11.8', message: `page ${page.index + 1}: .notdef glyph drawn with ${f.baseFont}` })
          else if (f.hasToUnicode && !f.mapped.has(code)) {
            out.push({ checkpoint: '31-027', message: `page ${page.index + 1}: code ${code} of ${f.baseFont} has no Unicode mapping` })
          }
        }
      }
    }
    if (stack.length > 0) out.push({ checkpoint: 'PDF 14.6', message: `page ${page.index + 1}: marked content left open` })
    for (const [operator, count] of untagged) {
      out.push({ checkpoint: '01-005', message: `page ${page.index + 1}: ${count}× "${operator}" neither tagged nor an artifact` })
    }
  }
}

/** All findings for a PDF; empty when it passes every checkpoint this validator knows. */
export async function validatePdf(bytes: Uint8Array): Promise<Finding[]> {
  const pdf = await readPdf(bytes)
  const findings: Finding[] = []
  checkCatalog(pdf, findings)
  const referenced = checkStructure(pdf, findings)
  checkContent(pdf, referenced, findings)
  return findings
}

/** Throws with every finding listed (for `await expectValidPdf(bytes)` in tests). */
export async function assertValidPdf(bytes: Uint8Array, what = 'PDF'): Promise<void> {
  const findings = await validatePdf(bytes)
  if (findings.length > 0) {
    throw new Error(`${what} fails ${findings.length} PDF/UA / PDF/A checkpoint(s):\n${findings.map((f) => `  [${f.checkpoint}] ${f.message}`).join('\n')}`)
  }
}

/** Artifacts of one page by type/subtype, with what they contain (watermark checks). */
export function artifactsOf(pdf: PdfFile, pageIndex: number): Array<{ type?: string; subtype?: string; text: number; paths: number }> {
  const page = pdf.pages[pageIndex]!
  const out: Array<{ type?: string; subtype?: string; text: number; paths: number }> = []
  const stack: Array<{ entry?: (typeof out)[number] }> = []
  for (const op of page.operations) {
    if (op.operator === 'BDC' || op.operator === 'BMC') {
      const tag = op.operands[0]?.kind === 'name' ? op.operands[0].value : ''
      if (tag === 'Artifact') {
        const entry = { type: dictName(op.operands[1], 'Type'), subtype: dictName(op.operands[1], 'Subtype'), text: 0, paths: 0 }
        out.push(entry)
        stack.push({ entry })
      } else stack.push({})
    } else if (op.operator === 'EMC') stack.pop()
    else if (PAINTING.has(op.operator)) {
      const entry = [...stack].reverse().find((s) => s.entry)?.entry
      if (entry) {
        if (TEXT_SHOWING.has(op.operator)) entry.text++
        else entry.paths++
      }
    }
  }
  return out
}
