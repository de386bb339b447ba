import { describe, expect, it } from 'vitest'
import { exportDocx } from './docx.js'
import { CLOSING_SENTENCE, docxParts, fixtureInput, NOT_RELEVANT_MOTIVATION, wordText } from './testFixture.js'
import { renderPdf } from './pdf.js'

/** Paragraph texts of one Word style (e.g. Heading2), in document order. */
function styled(documentXml: string, style: string): string[] {
  return documentXml
    .split(/<\/w:p>/)
    .filter((p) => p.includes(`<w:pStyle w:val="${style}"/>`))
    .map((p) => wordText(p).trim())
}

describe('exportDocx', () => {
  it('X-LAY-3: writes the sections as real Heading1/Heading2 paragraphs with outline levels, perspectives included', async () => {
    const parts = await docxParts(await exportDocx(fixtureInput()))
    const doc = parts['word/document.xml']!
    expect(styled(doc, 'Heading1')).toEqual(['Remiss av motion om att göra Stockholm till en stark aktör för frihet, humanism och global solidaritet'])
    expect(styled(doc, 'Heading2')).toEqual([
      'Förvaltningens förslag till beslut',
      'Sammanfattning',
      'Ärendet',
      'Ärendets beredning',
      'Förvaltningens synpunkter och förslag',
      'Jämställdhetsanalys',
      'Barnrättsperspektiv',
      'Tillgänglighet',
      'Äldreperspektiv',
      'Klimat och miljö',
      'Bilagor',
    ])
    const styles = parts['word/styles.xml']!
    // LibreOffice (and PDFs made from the DOCX) see a heading only through its outline level.
    for (const [level, style] of ['Heading1', 'Heading2', 'Heading3', 'Heading4'].entries()) {
      const definition = new RegExp(`<w:style w:type="paragraph" w:styleId="${style}">.*?</w:style>`, 's').exec(styles)?.[0] ?? ''
      expect(definition, style).toContain(`<w:outlineLvl w:val="${level}"/>`)
      expect(definition, style).toContain('<w:keepNext/>')
    }
    expect(styled(doc, 'Subtitle')).toEqual(['Svar på remiss från kommunstyrelsen, dnr KS 2025/1306'])
  })

  it('declares sv-SE as the document language and the title in the core properties', async () => {
    const parts = await docxParts(await exportDocx(fixtureInput()))
    expect(parts['word/styles.xml']).toMatch(/<w:docDefaults>.*<w:lang w:val="sv-SE"\/>.*<\/w:docDefaults>/s)
    const core = parts['docProps/core.xml']!
    expect(core).toContain('<dc:title>Remiss av motion om att göra Stockholm till en stark aktör för frihet, humanism och global solidaritet</dc:title>')
    expect(core).toContain('<dc:subject>Tjänsteutlåtande – svar på remiss</dc:subject>')
    expect(core).toContain('<dc:creator>Ewa Jungstedt Pilestål</dc:creator>')
  })

  it('X-LAY-4, X-DOCX-4: page 1 has the page line, later pages the title under it; fields carry stored results', async () => {
    const input = fixtureInput()
    const parts = await docxParts(await exportDocx(input))
    const { pages } = await renderPdf(input)
    const body = parts['word/document.xml']!
    expect(body).toContain('<w:titlePg/>')
    const ref = (type: string) => parts[`word/${headerFile(parts, new RegExp(`<w:headerReference w:type="${type}" r:id="([^"]+)"/>`).exec(body)![1]!)}`]!
    const first = ref('first')
    const later = ref('default')
    expect(wordText(first).trim()).toBe(`Tjänsteutlåtande · Dnr EÅV 2025/936 · Sida 1 (${pages})`)
    expect(wordText(later).trim()).toBe(
      `Tjänsteutlåtande · Dnr EÅV 2025/936 · Sida 2 (${pages})\nRemiss av motion om att göra Stockholm till en stark aktör för frihet, humanism och global solidaritet`,
    )
    expect([...later.matchAll(/<w:fldSimple w:instr="([^"]+)"/g)].map((m) => m[1]!.trim())).toEqual(['PAGE', 'NUMPAGES'])
  })

  it('X-DOCX-5: fills docProps/app.xml', async () => {
    const input = fixtureInput()
    const app = (await docxParts(await exportDocx(input)))['docProps/app.xml']!
    expect(app).toContain('<Application>Perspektiv</Application>')
    expect(app).toContain(`<Pages>${(await renderPdf(input)).pages}</Pages>`)
    expect(app).toContain('<Company>Stockholms stad</Company>')
    expect(Number(/<Words>(\d+)<\/Words>/.exec(app)?.[1])).toBeGreaterThan(300)
  })

  it("X-LAY-1, X-DOCX-1: the header block is a borderless two-column table with the förvaltning's address", async () => {
    const doc = (await docxParts(await exportDocx(fixtureInput())))['word/document.xml']!
    const table = /<w:body>\s*<w:tbl>(.*?)<\/w:tbl>/s.exec(doc)?.[1] ?? ''
    expect(table).toMatch(/<w:tblBorders>(.(?!w:val="single"))*<\/w:tblBorders>/s)
    const rows = table
      .split('</w:tr>')
      .slice(0, -1)
      .map((r) =>
        r
          .split('</w:tc>')
          .slice(0, -1)
          .map((c) => wordText(c).replace(/\n/g, '')),
      )
    expect(rows).toEqual([
      ['HandläggareEwa Jungstedt PilestålTelefon: 08-508 205 81', 'TillEnskede-Årsta-Vantörs stadsdelsnämnd 2026-01-22'],
      ['Enskede-Årsta-Vantörs stadsdelsförvaltningAvdelning ekonomi och lokaler', 'TjänsteutlåtandeDnr EÅV 2025/9362025-11-27'],
      ['Kungsklippan 6112 25 Stockholmenskede-arsta-vantor@stockholm.sestart.stockholm', ''],
    ])
  })

  it('X-LAY-5, X-DOCX-3: signatures side by side in a borderless table, kept with the closing sentence', async () => {
    const doc = (await docxParts(await exportDocx(fixtureInput())))['word/document.xml']!
    const paragraphs = doc.split('</w:p>')
    const closing = paragraphs.find((p) => wordText(p).includes(CLOSING_SENTENCE))!
    expect(closing).toContain('<w:keepNext/>')
    const afterClosing = doc.slice(doc.indexOf(CLOSING_SENTENCE))
    const table = /<w:tbl>(.*?)<\/w:tbl>/s.exec(afterClosing)?.[1] ?? ''
    const rows = table.split('</w:tr>').slice(0, -1)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toContain('<w:cantSplit/>')
    expect(
      rows[0]!
        .split('</w:tc>')
        .slice(0, -1)
        .map((c) => wordText(c).replace(/\n/g, '')),
    ).toEqual([
      'Anders CarstorpStadsdelsdirektörEnskede-Årsta-Vantörs stadsdelsförvaltning',
      'Anna LarssonAvdelningschefEnskede-Årsta-Vantörs stadsdelsförvaltning',
    ])
  })

  it('writes the header block, decisions, signatures, Bilagor and the approval table', async () => {
    const parts = await docxParts(await exportDocx(fixtureInput()))
    const doc = parts['word/document.xml']!
    const text = wordText(doc)
    expect(text.indexOf('Anna Larsson')).toBeLessThan(text.indexOf('Bilagor'))
    expect(text).toContain(`Bedöms ej relevant. ${NOT_RELEVANT_MOTIVATION}`)
    // Decision points are numbered list paragraphs.
    const decisions = doc.split('</w:p>').filter((p) => p.includes('<w:numPr>') && p.includes('stadsdelsnämnd godkänner'))
    expect(decisions).toHaveLength(1)

    const table = /<w:tbl>(?:(?!<w:tbl>).)*<w:tblHeader\/>.*?<\/w:tbl>/s.exec(doc)?.[0] ?? ''
    expect(table).toContain('<w:tblHeader/>')
    const rows = table
      .split('</w:tr>')
      .slice(0, -1)
      .map((r) => [...r.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]))
    expect(rows).toEqual([
      ['Namn', 'Datum'],
      ['Anna Larsson, Avdelningschef', '2025-11-26'],
      ['Anders Carstorp, Stadsdelsdirektör', '2025-11-27'],
    ])
    expect(text.indexOf('Detta dokument har godkänts digitalt av följande personer:')).toBeGreaterThan(text.indexOf('Bilagor'))
  })

  it('marks drafts UTKAST in the header of every page, and approved documents nowhere', async () => {
    const draft = await docxParts(await exportDocx(fixtureInput({ status: 'granskning' })))
    const draftHeaders = Object.entries(draft).filter(([p]) => /^word\/header\d+\.xml$/.test(p))
    expect(draftHeaders.length).toBeGreaterThanOrEqual(2)
    for (const [, xml] of draftHeaders) expect(wordText(xml)).toContain('UTKAST – under granskning')
    expect(draft['word/document.xml']).not.toContain('Detta dokument har godkänts digitalt')

    const approved = await docxParts(await exportDocx(fixtureInput({ status: 'godkand' })))
    for (const [path, xml] of Object.entries(approved)) expect(xml, path).not.toContain('UTKAST')
  })
})

/** The header part a relationship id points at. */
function headerFile(parts: Record<string, string>, id: string): string {
  const rels = parts['word/_rels/document.xml.rels']!
  return new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? new RegExp(`Target="([^"]+)"[^>]*Id="${id}"`).exec(rels)![1]!
}
