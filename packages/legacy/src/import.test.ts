import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx'
import type { Template } from '@perspektiv/model'
import { loadTemplates } from '@perspektiv/model/load'
import { checkCoverage } from '@perspektiv/coverage'
import { importLegacy, LegacyImportError } from './index.js'

const FIXTURES = resolve(dirname(fileURLToPath(import.meta.url)), '../../../tests/fixtures/legacy')
const remissvar = loadTemplates().get('remissvar') as Template

async function check(file: string, bytes?: Uint8Array) {
  const doc = await importLegacy(file, bytes ?? readFileSync(resolve(FIXTURES, file)), remissvar)
  const report = checkCoverage(remissvar, doc.sections)
  const status = Object.fromEntries(report.perspectives.map((p) => [p.key, p.status]))
  const heading = Object.fromEntries(report.perspectives.map((p) => [p.key, p.heading]))
  const problems = Object.fromEntries(report.perspectives.map((p) => [p.key, p.problems]))
  return { doc, report, status, heading, problems }
}

/** A not-relevant judgement without a motivation (coverage C4): the flag alone, or a bare verdict sentence. */
const BARE = [
  expect.stringMatching(
    /^(Perspektivet anges som ej relevant utan motivering\.|”.+” är bara ett konstaterande; skriv varför perspektivet inte berör ärendet\.)$/,
  ),
]

describe('importLegacy: PDF-extracted text', () => {
  it('[L1][L2] reads heading variants in any case, with spaces and trailing punctuation', async () => {
    const { heading, doc } = await check('noisy-synonyms.txt')
    expect(heading).toEqual({
      jamstalldhet: 'JÄMSTÄLLDHETSPERSPEKTIV',
      barnratt: 'Barnkonsekvensanalys',
      tillganglighet: 'Funktionshinderperspektiv',
      aldre: 'Konsekvenser för äldre',
      'klimat-miljo': 'Miljö- och klimatkonsekvenser',
    })
    // "Stadsdelsförvaltningens …": the owner of a known heading varies.
    expect(doc.headings.map((h) => h.keys[0] ?? null)).toEqual([
      'forslag-till-beslut',
      'sammanfattning',
      'arendet',
      'beredning',
      'synpunkter',
      'jamstalldhet',
      'barnratt',
      'tillganglighet',
      'aldre',
      'klimat-miljo',
      'bilagor',
    ])
  })

  it('[L4] drops page headers, running titles and the page-1 header block wherever they land', async () => {
    const { status, problems, doc } = await check('noisy-synonyms.txt')
    // The header block right after "Ej relevant." and the page break after "Förslaget berör
    // inte äldre." would otherwise read as motivations.
    expect(status.tillganglighet).toBe('incomplete')
    expect(problems.tillganglighet).toEqual(BARE)
    expect(status.aldre).toBe('incomplete')
    expect(problems.aldre).toEqual(BARE)
    const arendet = doc.sections.sections.find((s) => s.key === 'arendet')!.text
    expect(arendet).toContain('Förslaget ska träda i kraft den 1 januari 2027.')
    expect(arendet).not.toMatch(/Handläggare|Telefon|stockholm\.se|Dnr|2025-10-30|Värmdövägen/)
    const klimat = doc.sections.sections.find((s) => s.key === 'klimat-miljo')!.text
    expect(klimat).not.toMatch(/Sida|Tjänsteutlåtande|Remiss av förslag|föreslår att Hägersten|Anna Berg|Avdelningschef/)
  })

  it('[L6] ends the last perspective at the closing sentence and the signatures', async () => {
    const { status, report } = await check('noisy-synonyms.txt')
    expect(status.jamstalldhet).toBe('covered')
    expect(status.barnratt).toBe('not-relevant')
    expect(status['klimat-miljo']).toBe('covered')
    expect(report.perspectives.find((p) => p.key === 'klimat-miljo')!.words).toBe(35)
    expect(report.complete).toBe(false)
    expect(report.placeholders).toEqual([])
  })

  it('[L5] reads perspectives written as labelled paragraphs under "Konsekvensanalys"', async () => {
    const { status, heading, problems, doc } = await check('labelled.txt')
    expect(status).toEqual({
      jamstalldhet: 'covered',
      barnratt: 'incomplete',
      tillganglighet: 'covered',
      aldre: 'not-relevant',
      'klimat-miljo': 'incomplete',
    })
    expect(heading).toMatchObject({ jamstalldhet: 'Jämställdhet', barnratt: 'Barnrätt', 'klimat-miljo': 'Klimat och miljö' })
    expect(problems.barnratt).toEqual(BARE)
    expect(problems['klimat-miljo']).toEqual(BARE)
    expect(doc.headings.filter((h) => h.form === 'label').map((h) => h.text)).toEqual([
      'Jämställdhet',
      'Barnrätt',
      'Tillgänglighet',
      'Äldre',
      'Klimat och miljö',
    ])
  })

  it('[L3] a perspective named in running text, a wrapped line or a list is not a section', async () => {
    const { status, doc } = await check('keywords-in-text.txt')
    expect(Object.values(status)).toEqual(Array(5).fill('missing'))
    expect(doc.headings.every((h) => h.keys.every((k) => !remissvar.sections.find((s) => s.key === k && s.kind === 'perspective')))).toBe(true)
  })

  it('[L7] a bundle of several documents: all five missing, placeholders reported, a warning', async () => {
    const { status, report, doc } = await check('bundle.txt')
    expect(Object.values(status)).toEqual(Array(5).fill('missing'))
    expect(report.placeholders).toEqual(['Klicka här för att ange text', 'Klicka och skriv namn', 'Klicka och skriv titel', 'Klicka och skriv förvaltning'])
    expect(doc.warnings[0]).toMatch(/flera dokument/)
  })
})

describe('importLegacy: Markdown', () => {
  it('[L8] uses # headings, keeps deeper sub-headings inside, ends a section at an unknown heading of its level', async () => {
    const { status, problems, report, doc } = await check('sections.md')
    expect(status).toEqual({
      jamstalldhet: 'covered',
      barnratt: 'covered',
      tillganglighet: 'covered',
      aldre: 'incomplete',
      'klimat-miljo': 'incomplete',
    })
    expect(doc.sections.sections.find((s) => s.key === 'jamstalldhet')!.text).toContain('Resurser')
    // "## Ekonomiska konsekvenser" ends "Klimat och miljö", which says only "Ej relevant."
    expect(problems['klimat-miljo']).toEqual(BARE)
    expect(problems.aldre?.[0]).toBe('Avsnittet innehåller bara mallens platshållartext.')
    expect(report.placeholders).toEqual(['Ange hur ärendet har beretts', 'Klicka här för att ange text'])
    // List items are never headings.
    expect(doc.headings.some((h) => h.text === 'Äldre' || h.text === 'Barn och unga')).toBe(false)
  })
})

describe('importLegacy: Word', () => {
  const para = (text: string) => new Paragraph({ children: [new TextRun(text)] })
  const heading = (text: string) => new Paragraph({ text, heading: HeadingLevel.HEADING_2 })
  const assessment =
    'Förslaget påverkar kvinnor och män olika eftersom kvinnor oftare arbetar deltid inom omsorgen och därför ' +
    'berörs mer av de nya schemaläggningsreglerna som förvaltningen föreslår.'

  async function docxBytes(children: Paragraph[]): Promise<Uint8Array> {
    return new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children }] })))
  }

  it('[L9] uses Word heading styles, and the text heuristics for headings written as plain paragraphs', async () => {
    const bytes = await docxBytes([
      new Paragraph({ text: 'Remiss om nya scheman i omsorgen', heading: HeadingLevel.TITLE }),
      heading('Förvaltningens förslag till beslut'),
      para('Äldrenämnden godkänner förvaltningens tjänsteutlåtande som svar på remissen.'),
      heading('Sammanfattning'),
      para('Förvaltningen tillstyrker förslaget med vissa ändringar.'),
      heading('Jämställdhetsanalys'),
      para(assessment),
      heading('Barnperspektiv'),
      para('Ej relevant.'),
      // A heading typed as a normal paragraph, as many real documents do.
      para('Äldreperspektiv'),
      para(
        'Äldre personer med hemtjänst får fler besök av samma personal, eftersom de nya schemana minskar antalet vikarier, vilket pensionärsrådet har efterfrågat.',
      ),
      heading('Ekonomiska konsekvenser'),
      para('Kostnaden ryms i budgeten för 2026 och kräver inga nya medel, enligt förvaltningens beräkning av personalkostnaderna.'),
    ])
    const { status, heading: found, problems } = await check('scheman.docx', bytes)
    expect(status).toEqual({
      jamstalldhet: 'covered',
      barnratt: 'incomplete',
      tillganglighet: 'missing',
      aldre: 'covered',
      'klimat-miljo': 'missing',
    })
    expect(found.aldre).toBe('Äldreperspektiv')
    // The unknown heading "Ekonomiska konsekvenser" is not swallowed by "Barnperspektiv".
    expect(problems.barnratt).toEqual(BARE)
  })

  it('[L9] numbered list paragraphs in Word are not headings', async () => {
    const bytes = await docxBytes([
      heading('Sammanfattning'),
      para('Handlingsplanerna gäller följande områden.'),
      new Paragraph({ text: 'Tillgänglighet', numbering: undefined, bullet: { level: 0 } }),
      new Paragraph({ text: 'Äldre', bullet: { level: 0 } }),
    ])
    const { status } = await check('lista.docx', bytes)
    expect(status.tillganglighet).toBe('missing')
    expect(status.aldre).toBe('missing')
  })
})

describe('importLegacy: errors', () => {
  it('[L10] refuses unsupported types with a Swedish reason', async () => {
    const err = await importLegacy('utlatande.pdf', new Uint8Array([0x25, 0x50, 0x44, 0x46]), remissvar).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(LegacyImportError)
    expect((err as Error).message).toBe('utlatande.pdf: filtypen ".pdf" stöds inte. Använd .txt, .md eller .docx.')
  })

  it('[L10] refuses a .docx that is not a Word file, and a corrupt one', async () => {
    const text = importLegacy('fel.docx', new TextEncoder().encode('Sammanfattning\nText'), remissvar)
    await expect(text).rejects.toThrow('fel.docx: filen är inte ett Word-dokument (.docx).')
    const corrupt = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8])
    await expect(importLegacy('trasig.docx', corrupt, remissvar)).rejects.toThrow(/trasig\.docx: filen kunde inte läsas som Word-dokument/)
  })

  it('[L10] refuses binary data in a .txt', async () => {
    await expect(importLegacy('bild.txt', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13]), remissvar)).rejects.toThrow(
      'bild.txt: filen är inte en textfil (den innehåller binära data).',
    )
  })

  it('[L11] reads Windows-1252 text (older "Save as text")', async () => {
    const latin1 = Uint8Array.from(
      'Äldreperspektiv\nFörslaget påverkar äldre personer som bor ensamma i större utsträckning än andra, och förvaltningen föreslår därför fler öppna mötesplatser för dem.\n',
      (ch) => ch.charCodeAt(0),
    )
    const { status, heading } = await check('gammal.txt', latin1)
    expect(status.aldre).toBe('covered')
    expect(heading.aldre).toBe('Äldreperspektiv')
  })
})

describe('importLegacy: more layouts', () => {
  const text = (s: string) => new TextEncoder().encode(s)
  const MOTIVATION =
    'Ärendet är ett remissvar om en stadsövergripande riktlinje och fattar inget beslut om verksamheten; analysen görs när förvaltningen genomför riktlinjen.'

  it('[L1][L2] a heading naming all five perspectives opens all five with the same text', async () => {
    const { status } = await check(
      'samlad.txt',
      text(
        `Sammanfattning\nFörvaltningen tillstyrker.\n\nKonsekvenser för jämställdhet, barn, tillgänglighet, äldre och miljö\nFörslaget bedöms inte påverka någon av grupperna. ${MOTIVATION}\n`,
      ),
    )
    expect(Object.values(status)).toEqual(Array(5).fill('not-relevant'))
  })

  it('[L5] a verdict written in the heading line ("Jämställdhetsanalys – ej relevant") is a bare verdict', async () => {
    const { status, problems } = await check(
      'rubrik.txt',
      text('Sammanfattning\nText.\n\nJämställdhetsanalys – ej relevant\n\nBarnrättsperspektiv\nEj relevant.\n'),
    )
    expect(status.jamstalldhet).toBe('incomplete')
    expect(problems.jamstalldhet).toEqual(BARE)
    expect(status.barnratt).toBe('incomplete')
  })

  it('[L5] a table row extracted as "Label<TAB>text" under a container', async () => {
    const { status } = await check(
      'tabell.txt',
      text(`Konsekvensanalys\nÄldre\t${MOTIVATION.replace('Ärendet är', 'Äldre berörs inte; ärendet är')}\nBarn\tEj relevant.\n`),
    )
    expect(status.aldre).toBe('not-relevant')
    expect(status.barnratt).toBe('incomplete')
  })
})

describe('importLegacy: heading context', () => {
  const text = (s: string) => new TextEncoder().encode(s)
  const BODY =
    'Förslaget påverkar barn i förskolan genom kortare öppettider, vilket särskilt drabbar barn till ensamstående föräldrar som arbetar kvällstid eller helger.'

  it('[L2] an exact heading right after an unpunctuated list item is still a heading', async () => {
    const { status } = await check(
      'lista.txt',
      text(`Förvaltningens synpunkter och förslag\nFörvaltningen föreslår:\n- mer resurser till förskolan\nBarnrättsperspektiv\n${BODY}\n`),
    )
    expect(status.barnratt).toBe('covered')
  })

  it('[L3] table-of-contents lines are not headings', async () => {
    const { status } = await check(
      'innehall.txt',
      text('Innehåll\nSammanfattning\t2\nJämställdhetsanalys\t5\nBarnperspektiv ........ 6\n\nSammanfattning\nText.\n'),
    )
    expect(status.jamstalldhet).toBe('missing')
    expect(status.barnratt).toBe('missing')
  })

  it('[L12] a heading right after a placeholder line starts its own section, with or without a blank line', async () => {
    const older =
      'Pensionärsrådet har pekat på att hållplatsen ligger långt från entrén.\nBänkar ställs därför ut längs gångvägen, och belysningen förbättras på hela sträckan.'
    for (const gap of ['\n\n', '\n']) {
      const { status, heading, problems, report } = await check(
        'platshallare.txt',
        text(`Sammanfattning\nText.\n\nTillgänglighet\nKlicka och skriv text${gap}Äldreperspektiv\n${older}\n`),
      )
      expect(status.tillganglighet, JSON.stringify(gap)).toBe('incomplete')
      expect(problems.tillganglighet?.[0]).toBe('Avsnittet innehåller bara mallens platshållartext.')
      expect(heading.aldre).toBe('Äldreperspektiv')
      expect(status.aldre).toBe('covered')
      expect(report.placeholders).toEqual(['Klicka och skriv text'])
    }
  })

  it('[L12] a placeholder line does not join a heading to short lines around it', async () => {
    // Short unpunctuated lines on both sides would read as a list (L2) if the prompt counted.
    const { status, heading } = await check(
      'platshallare-lista.txt',
      text('Sammanfattning\nText.\n\nKlimat och miljö\nKlicka här för att ange text\nKonsekvenser för äldre\nFärre resor för äldre\ntill vårdcentralen\n'),
    )
    expect(status['klimat-miljo']).toBe('incomplete')
    expect(heading.aldre).toBe('Konsekvenser för äldre')
  })

  it("[L12] the template's own instruction on a line of its own, without its full stop, is a placeholder line too", async () => {
    const instruction = remissvar.sections.find((s) => s.key === 'tillganglighet')!.placeholder.replace(/\.$/, '')
    const { status, heading } = await check(
      'instruktion.txt',
      text(`Sammanfattning\nText.\n\nTillgänglighet\n${instruction}\nÄldreperspektiv\nFärre resor för äldre\ntill vårdcentralen\n`),
    )
    expect(status.tillganglighet).toBe('incomplete')
    expect(heading.aldre).toBe('Äldreperspektiv')
  })

  it('[L12] a perspective heading matched by its stem right below a placeholder starts a section even before short lines', async () => {
    const { status, heading } = await check(
      'platshallare-stam.txt',
      text('Sammanfattning\nText.\n\nTillgänglighet\nKlicka här för att ange text.\n\nPåverkan på äldre\nFärre resor för äldre\ntill vårdcentralen\n'),
    )
    expect(status.tillganglighet).toBe('incomplete')
    expect(heading.aldre).toBe('Påverkan på äldre')
  })
})
