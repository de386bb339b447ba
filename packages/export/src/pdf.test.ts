import { beforeAll, describe, expect, it } from 'vitest'
import { exportPdf } from './pdf.js'
import { buildContent, CLOSING_SENTENCE, fixtureBodies, fixtureInput, META, para, remissvarTemplate } from './testFixture.js'
import { artifactsOf, readPdf, validatePdf, walk, type PdfFile } from './testing/index.js'

const TITLE = 'Remiss av motion om att göra Stockholm till en stark aktör för frihet, humanism och global solidaritet'

/** Exports, validates (X-PDF-5: every PDF a test makes passes the validator) and reads. */
async function exported(input = fixtureInput()): Promise<{ bytes: Uint8Array; pdf: PdfFile }> {
  const bytes = await exportPdf(input)
  expect(await validatePdf(bytes)).toEqual([])
  return { bytes, pdf: await readPdf(bytes) }
}

const roles = (pdf: PdfFile) => walk(pdf.structure).map((e) => e.role)

describe('exportPdf', () => {
  let approved: PdfFile
  let draft: PdfFile
  beforeAll(async () => {
    approved = (await exported(fixtureInput({ status: 'godkand' }))).pdf
    draft = (await exported(fixtureInput({ status: 'utkast' }))).pdf
  })

  it('X-PDF-1: declares PDF/UA-1 and PDF/A-2a, tagged PDF 1.7 with title, language and the title shown', () => {
    expect(approved.version).toBe('1.7')
    expect(approved.catalog.marked).toBe(true)
    expect(approved.catalog.lang).toBe('sv-SE')
    expect(approved.catalog.displayDocTitle).toBe(true)
    expect(approved.info.Title).toBe(TITLE)
    expect(approved.info.Subject).toBe('Tjänsteutlåtande – svar på remiss')
    expect(approved.xmp).toMatch(/<pdfuaid:part>1<\/pdfuaid:part>/)
    expect(approved.xmp).toMatch(/<pdfaid:part>2<\/pdfaid:part>\s*<pdfaid:conformance>A<\/pdfaid:conformance>/)
    expect(approved.catalog.hasOutputIntent).toBe(true)
  })

  it('X-PDF-2: embeds its fonts with a Unicode mapping, and Swedish characters survive text extraction', () => {
    const fonts = approved.pages.flatMap((p) => [...p.fonts.values()])
    expect(fonts.length).toBeGreaterThan(0)
    for (const f of fonts)
      expect({ font: f.baseFont, embedded: f.embedded, toUnicode: f.hasToUnicode }).toEqual({ font: f.baseFont, embedded: true, toUnicode: true })
    const text = approved.pages.map((p) => p.text).join('\n')
    for (const word of ['Enskede-Årsta-Vantörs', 'Äldreperspektiv', 'Östersjön', 'idé', 'Jämställdhetsanalys', 'Pilestål']) expect(text).toContain(word)
  })

  it('X-LAY-4: "Tjänsteutlåtande · Dnr … · Sida N (M)" on every page, and from page 2 the title under it', () => {
    const pages = approved.pageCount
    expect(pages).toBeGreaterThanOrEqual(2)
    approved.pages.forEach((page, i) => {
      expect(page.text).toContain(`Tjänsteutlåtande · Dnr EÅV 2025/936 · Sida ${i + 1} (${pages})`)
      const header = page.text.slice(page.text.indexOf('Tjänsteutlåtande · Dnr EÅV 2025/936 · Sida'))
      if (i === 0) expect(header).not.toContain(TITLE)
      else expect(header).toContain(TITLE)
    })
  })

  it("X-LAY-1: page 1 carries the header block with the förvaltning's address from the organisation profile", () => {
    const first = approved.pages[0]!.text
    for (const line of [
      'Handläggare',
      'Ewa Jungstedt Pilestål',
      'Telefon: 08-508 205 81',
      'Kungsklippan 6',
      '112 25 Stockholm',
      'enskede-arsta-vantor@stockholm.se',
      'start.stockholm',
    ]) {
      expect(first).toContain(line)
    }
    expect(
      approved.pages
        .slice(1)
        .map((p) => p.text)
        .join('\n'),
    ).not.toContain('Kungsklippan 6')
  })

  it('X-PDF-4: tags headings, lists and the approval table (Caption, TH with scope, no Headers to resolve)', () => {
    const tags = roles(approved)
    expect(tags.filter((t) => t === 'H1')).toHaveLength(1)
    expect(tags.filter((t) => t === 'H2')).toHaveLength(11) // ten sections before the closing sentence + Bilagor
    for (const tag of ['Document', 'Sect', 'P', 'L', 'LI', 'Lbl', 'LBody', 'Table', 'Caption', 'TR', 'TH', 'TD']) expect(tags).toContain(tag)
    const table = walk(approved.structure).find((e) => e.role === 'Table')!
    expect(table.children.map((c) => c.role)).toEqual(['Caption', 'TR', 'TR', 'TR'])
    expect(table.children[0]!.text.trim()).toBe('Detta dokument har godkänts digitalt av följande personer:')
    const th = walk([table]).filter((e) => e.role === 'TH')
    expect(th.map((c) => [c.text.trim(), c.attributes.Scope, c.headers])).toEqual([
      ['Namn', 'Column', undefined],
      ['Datum', 'Column', undefined],
    ])
    const all = walk(approved.structure)
    expect(all.some((e) => e.text.includes('Anna Larsson, Avdelningschef'))).toBe(true)
    // The running header is an artifact: on the page, not in the tagged content.
    expect(approved.pages[0]!.text).toContain('Sida 1 (')
    expect(all.some((e) => e.text.includes('Sida 1 ('))).toBe(false)
  })

  it('X-PDF-3: table borders and the running header are artifacts, not content of a cell', () => {
    const last = approved.pageCount - 1
    const artifacts = artifactsOf(approved, last)
    expect(artifacts).toContainEqual({ type: 'Layout', subtype: undefined, text: 0, paths: 1 })
    expect(artifacts).toContainEqual({ type: 'Pagination', subtype: 'Header', text: 2, paths: 0 })
  })

  it('X-DRAFT-1: marks every draft page UTKAST (header and a Watermark artifact drawn as outlines) and never an approved one', () => {
    expect(draft.pageCount).toBeGreaterThanOrEqual(2)
    draft.pages.forEach((page, i) => {
      // Once, in the header: the watermark is not text, so copying never picks up its letters.
      expect(page.text.match(/UTKAST/g), `page ${i + 1}`).toHaveLength(1)
      const watermark = artifactsOf(draft, i).filter((a) => a.subtype === 'Watermark')
      expect(watermark, `page ${i + 1}`).toEqual([{ type: 'Pagination', subtype: 'Watermark', text: 0, paths: 1 }])
    })
    for (const i of approved.pages.keys()) expect(artifactsOf(approved, i).filter((a) => a.subtype === 'Watermark')).toEqual([])
    expect(walk(draft.structure).some((e) => e.text.includes('UTKAST'))).toBe(false)
    expect(approved.pages.map((p) => p.text).join('\n')).not.toMatch(/utkast/i)
  })

  it('X-LAY-5: the closing sentence, untitled, directly before the signatures and on their page', () => {
    const page = approved.pages.find((p) => p.text.includes('Anders Carstorp\nStadsdelsdirektör'))!
    expect(page.text).toContain(CLOSING_SENTENCE.slice(0, 50))
    expect(page.text).toContain('Anna Larsson')
    const elements = walk(approved.structure)
    const closing = elements.findIndex((e) => e.role === 'P' && e.text.includes(CLOSING_SENTENCE.slice(0, 40)))
    expect(elements[closing + 1]?.text).toContain('Anders Carstorp')
    expect(elements.filter((e) => /^H\d$/.test(e.role)).map((e) => e.text)).not.toContain('Avslutande mening')
  })

  it('counts pages correctly for a long document, and never leaves the signatures alone at the top of a page', async () => {
    const template = remissvarTemplate()
    const sentence = 'Förvaltningen bedömer att förslaget behöver utredas vidare innan ett beslut kan fattas. '
    // Lengths around a page break: somewhere the signatures would open a page by themselves.
    for (const paragraphs of [60, 61, 62, 63, 64]) {
      const bodies = fixtureBodies(template)
      bodies.arendet = Array.from({ length: paragraphs }, (_, i) => para(`${i + 1}. ${sentence.repeat(4)}`))
      const { pdf } = await exported({ ...fixtureInput(), content: buildContent(template, bodies, ['aldre']) })
      const pages = pdf.pageCount
      expect(pages).toBeGreaterThan(5)
      const text = pdf.pages.map((p) => p.text).join('\n')
      expect(text).toContain(`Sida ${pages} (${pages})`)
      expect(text).not.toContain(`Sida ${pages + 1} (`)
      const signaturePage = pdf.pages.find((p) => p.text.includes(META.signatories[0]!.name))!
      expect(signaturePage.text, `${paragraphs} paragraphs`).toContain(CLOSING_SENTENCE.slice(0, 50))
    }
  }, 180_000) // many full PDF layouts and validations: a budget for a loaded 2-core machine, not a speed check

  it('X-LAY-7: an empty sub-heading is never left alone at the bottom of a page', async () => {
    const template = remissvarTemplate()
    for (let filler = 30; filler < 44; filler++) {
      const bodies = fixtureBodies(template)
      bodies.arendet = [
        ...Array.from({ length: filler }, (_, i) => para(`Stycke ${i + 1} med några ord som fyller sidan.`)),
        { type: 'heading', attrs: { level: 3 }, content: [{ type: 'text', text: 'Tom delrubrik' }] },
        { type: 'heading', attrs: { level: 3 }, content: [{ type: 'text', text: 'Nästa delrubrik' }] },
        para('Text under nästa delrubrik.'),
      ]
      const { pdf } = await exported({ ...fixtureInput(), content: buildContent(template, bodies, ['aldre']) })
      const page = pdf.pages.find((p) => p.text.includes('Tom delrubrik'))!
      expect(page.text, `${filler} paragraphs`).toContain('Nästa delrubrik')
      expect(page.text, `${filler} paragraphs`).toContain('Text under nästa delrubrik.')
    }
  }, 180_000) // many full PDF layouts and validations: a budget for a loaded 2-core machine, not a speed check

  it('X-TXT-1, X-TXT-2: Word\'s private-use bullets print as "•", and a character no font has is never .notdef', async () => {
    const template = remissvarTemplate()
    const bodies = fixtureBodies(template)
    bodies.arendet = [para('\uf0b7 Första punkten från Word'), para('Tecken utan glyf: 漢字 och क.')]
    const { pdf } = await exported({ ...fixtureInput(), content: buildContent(template, bodies, ['aldre']) })
    const text = pdf.pages.map((p) => p.text).join('\n')
    expect(text).toContain('• Första punkten från Word')
    expect(text).not.toContain('\uf0b7')
    expect(text).toContain('Tecken utan glyf: \uFFFD\uFFFD och \uFFFD.')
  })

  it('keeps the XMP well-formed when the title holds XML specials (pdfkit patch)', async () => {
    const title = 'Avtal <Bolag & Partner> "2026"'
    const { pdf } = await exported(fixtureInput({ meta: { title } }))
    expect(pdf.info.Title).toBe(title)
    expect(pdf.xmp).toContain('Avtal &lt;Bolag &amp; Partner&gt; "2026"')
  })
})
