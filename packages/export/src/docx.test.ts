import { describe, expect, it } from 'vitest'
import { exportDocx } from './docx.js'
import { docxParts, fixtureInput, NOT_RELEVANT_MOTIVATION, wordText } from './testFixture.js'

/** Paragraph texts of one Word style (e.g. Heading2), in document order. */
function styled(documentXml: string, style: string): string[] {
  return documentXml
    .split(/<\/w:p>/)
    .filter((p) => p.includes(`<w:pStyle w:val="${style}"/>`))
    .map((p) => wordText(p).trim())
}

describe('exportDocx', () => {
  it('writes the sections as real Heading1/Heading2 paragraphs, perspectives included', async () => {
    const parts = await docxParts(await exportDocx(fixtureInput()))
    const doc = parts['word/document.xml']!
    expect(styled(doc, 'Heading1')).toEqual([
      'Remiss av motion om att göra Stockholm till en stark aktör för frihet, humanism och global solidaritet',
    ])
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
    expect(styles).toMatch(/<w:style w:type="paragraph" w:styleId="Heading1">/)
    expect(styles).toMatch(/<w:style w:type="paragraph" w:styleId="Heading2">/)
  })

  it('declares sv-SE as the document language and the title in the core properties', async () => {
    const parts = await docxParts(await exportDocx(fixtureInput()))
    expect(parts['word/styles.xml']).toMatch(/<w:docDefaults>.*<w:lang w:val="sv-SE"\/>.*<\/w:docDefaults>/s)
    const core = parts['docProps/core.xml']!
    expect(core).toContain('<dc:title>Remiss av motion om att göra Stockholm till en stark aktör för frihet, humanism och global solidaritet</dc:title>')
    expect(core).toContain('<dc:subject>Tjänsteutlåtande – svar på remiss</dc:subject>')
    expect(core).toContain('<dc:creator>Ewa Jungstedt Pilestål</dc:creator>')
  })

  it('puts "Tjänsteutlåtande · Dnr … · Sida PAGE (NUMPAGES)" in a header shown on every page', async () => {
    const parts = await docxParts(await exportDocx(fixtureInput()))
    const headers = Object.keys(parts).filter((p) => /^word\/header\d+\.xml$/.test(p))
    expect(headers).toHaveLength(1)
    const header = parts[headers[0]!]!
    expect(wordText(header)).toContain('Tjänsteutlåtande · Dnr EÅV 2025/936 · Sida  ()')
    const fields = [...header.matchAll(/<w:instrText[^>]*>([^<]*)<\/w:instrText>/g)].map((m) => m[1]!.trim())
    expect(fields).toEqual(['PAGE', 'NUMPAGES'])
    // One default header and no distinct first page: page 1 carries it too.
    const body = parts['word/document.xml']!
    expect(body).toMatch(/<w:headerReference w:type="default" r:id="[^"]+"\/>/)
    expect(body).not.toContain('<w:titlePg')
  })

  it('writes the header block, decisions, signatures, Bilagor and the approval table', async () => {
    const parts = await docxParts(await exportDocx(fixtureInput()))
    const doc = parts['word/document.xml']!
    const text = wordText(doc)
    expect(text).toContain('HandläggareEwa Jungstedt PilestålTelefon: 08-508 205 81')
    expect(text).toContain('TillEnskede-Årsta-Vantörs stadsdelsnämnd 2026-01-22')
    expect(text).toContain('TjänsteutlåtandeDnr EÅV 2025/9362025-11-27')
    expect(text).toContain('Anders CarstorpStadsdelsdirektörEnskede-Årsta-Vantörs stadsdelsförvaltning')
    expect(text.indexOf('Anna LarssonAvdelningschef')).toBeLessThan(text.indexOf('Bilagor'))
    expect(text).toContain(`Bedöms ej relevant. ${NOT_RELEVANT_MOTIVATION}`)
    // Decision points are numbered list paragraphs.
    const decisions = doc.split('</w:p>').filter((p) => p.includes('<w:numPr>') && p.includes('stadsdelsnämnd godkänner'))
    expect(decisions).toHaveLength(1)

    const table = /<w:tbl>.*<\/w:tbl>/s.exec(doc)?.[0] ?? ''
    expect(table).toContain('<w:tblHeader/>')
    const rows = table.split('</w:tr>').slice(0, -1).map((r) => [...r.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]))
    expect(rows).toEqual([
      ['Namn', 'Datum'],
      ['Anna Larsson, Avdelningschef', '2025-11-26'],
      ['Anders Carstorp, Stadsdelsdirektör', '2025-11-27'],
    ])
    expect(text.indexOf('Detta dokument har godkänts digitalt av följande personer:')).toBeGreaterThan(text.indexOf('Bilagor'))
  })

  it('marks drafts UTKAST in the header of every page, and approved documents nowhere', async () => {
    const draft = await docxParts(await exportDocx(fixtureInput({ status: 'granskning' })))
    const draftHeader = Object.entries(draft).find(([p]) => /^word\/header\d+\.xml$/.test(p))![1]
    expect(wordText(draftHeader)).toContain('UTKAST – under granskning')
    expect(draft['word/document.xml']).not.toContain('Detta dokument har godkänts digitalt')

    const approved = await docxParts(await exportDocx(fixtureInput({ status: 'godkand' })))
    for (const [path, xml] of Object.entries(approved)) expect(xml, path).not.toContain('UTKAST')
  })
})
