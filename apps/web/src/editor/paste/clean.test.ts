// @vitest-environment happy-dom
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadTemplates } from '@perspektiv/model/load'
import { cleanPastedHtml } from './clean.js'
import { readMarker } from './lists.js'
import { splitBySections } from './sections.js'

const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html')
const fixture = (name: string) => readFileSync(join(import.meta.dirname, '../../../../../tests/fixtures/paste', name), 'utf8')
const clean = (html: string) => cleanPastedHtml(html, parse)
const template = loadTemplates().get('remissvar')!

describe('paste filter: Word', () => {
  const { html, images } = clean(fixture('word-table-list.html'))

  it('[P1] keeps the table as a table with a header row, dropping widths, borders and colours', () => {
    expect(html).toContain('<table><thead><tr><th><p><strong>Kön</strong></p></th><th><p><strong>Andel</strong></p></th></tr></thead>')
    expect(html).toContain('<tr><td><p>Kvinnor</p></td><td><p>62 %</p></td></tr>')
    expect(html).not.toMatch(/style=|class=|width=|border=|valign|mso-|<span|<o:p|font-family|color/)
  })

  it('[P2] turns mso-list paragraphs into a numbered list with a nested bullet, and continues the numbering after an interruption', () => {
    expect(html).toContain(
      '<ol><li><p>Nämnden godkänner förvaltningens tjänsteutlåtande.</p><ul><li><p>med ändringen att rapporten lämnas i juni.</p></li></ul></li><li><p>Paragrafen justeras omedelbart.</p></li></ol>',
    )
    expect(html).toContain(
      '<p>Beslutet gäller från och med den 1 januari.</p><ol start="3"><li><p>Nämnden överlämnar ärendet till kommunstyrelsen.</p></li></ol>',
    )
    // The literal markers are gone.
    expect(html).not.toMatch(/1\.\s+Nämnden|>o\s|·/)
  })

  it('[P3] Symbol bullets (Word lists, hand-typed "·" in Symbol, U+F0B7) become list items', () => {
    // Consecutive bullet paragraphs are one list, however their bullets were made.
    expect(html).toContain(
      '<ul><li><p>Pensionärsrådet</p></li><li><p>Rådet för funktionshinderfrågor</p></li><li><p>Handlingsplan för jämställdhet</p></li><li><p>Uppföljning varje kvartal</p></li></ul>',
    )
    expect(html).not.toMatch(/[\uf000-\uf0ff]/)
  })

  it('[P4] keeps bold, italic and links; headings become sub-headings relative to the paste', () => {
    expect(html).toContain('<h3>Statistik över deltagandet</h3>')
    expect(html).toContain('<h4>Förslag</h4>')
    expect(html).toContain('<strong>nätverkets möten</strong>')
    expect(html).toContain('<em>2024</em>')
    expect(html).toContain('<a href="https://start.stockholm/om-stockholms-stad/">stadens webbplats</a>')
  })

  it('[P5] counts and removes the image (VML shape and its <img> fallback are one picture), and drops empty spacer paragraphs', () => {
    expect(images).toBe(1)
    expect(html).not.toMatch(/<img|v:shape|imagedata|clip_image/)
    expect(html).not.toMatch(/<p>\s*<\/p>/)
  })
})

describe('paste filter: Google Docs', () => {
  const { html, images } = clean(fixture('gdocs-perspectives.html'))

  it('[P4] unwraps the docs-internal-guid <b> (text is not all bold) and reads bold/italic from styles', () => {
    expect(html).not.toMatch(/docs-internal-guid|font-weight/)
    expect(html).toContain('<p>Förslaget påverkar kvinnor och män <strong>olika</strong><em> i fråga om resor</em>.</p>')
    expect(html).toContain('<a href="https://www.barnombudsmannen.se/">Barnombudsmannen</a> har yttrat sig.')
    expect(html).not.toContain('<u>')
  })

  it('[P2] real lists stay lists; a list Google Docs nests directly in a list goes into the item before it', () => {
    expect(html).toContain('<ol><li><p>Kartlägg deltagandet</p><ul><li><p>per kön och ålder</p></li></ul></li><li><p>Redovisa resultatet</p></li></ol>')
  })

  it('[P1][P5] keeps the table and refuses the image', () => {
    expect(html).toContain('<table><tbody><tr><td><p><strong>Ålder</strong></p></td>')
    expect(html).toContain('<td><p>1 240</p></td>')
    expect(images).toBe(1)
  })

  it('[P6] headings that name template sections split the paste into those sections', () => {
    const segments = splitBySections(html, parse, template)!
    expect(segments.map((s) => [s.sectionKey, s.heading])).toEqual([
      ['jamstalldhet', 'Jämställdhetsanalys'],
      ['barnratt', 'Barnrättsperspektiv'],
    ])
    expect(segments[0]!.html).toContain('<ol><li><p>Kartlägg deltagandet</p>')
    expect(segments[1]!.html).toContain('<table>')
    expect(segments[1]!.html).not.toContain('Barnrättsperspektiv')
  })
})

describe('paste filter: details', () => {
  it('[P2] reads Word list markers: numbers, letters, roman numerals, bullets', () => {
    expect(readMarker('1.')).toEqual({ ordered: true, start: 1 })
    expect(readMarker('12)')).toEqual({ ordered: true, start: 12 })
    expect(readMarker('c)')).toEqual({ ordered: true, start: 3 })
    expect(readMarker('iv.')).toEqual({ ordered: true, start: 4 })
    expect(readMarker('·')).toEqual({ ordered: false, start: 1 })
    expect(readMarker('o')).toEqual({ ordered: false, start: 1 })
    expect(readMarker('§')).toEqual({ ordered: false, start: 1 })
  })

  it('[P6] an ordinary paste (no section headings) is not split; numbering and colons in headings are ignored', () => {
    expect(splitBySections('<h3>Bakgrund till förslaget</h3><p>Text</p>', parse, template)).toBeNull()
    const segments = splitBySections(
      '<p>Inledning</p><h3>5.2 Barnrättsperspektiv:</h3><p>Barn berörs.</p><p><strong>Tillgänglighet</strong></p><p>Alla kan delta.</p>',
      parse,
      template,
    )!
    expect(segments).toEqual([
      { sectionKey: null, heading: null, html: '<p>Inledning</p>' },
      { sectionKey: 'barnratt', heading: '5.2 Barnrättsperspektiv:', html: '<p>Barn berörs.</p>' },
      { sectionKey: 'tillganglighet', heading: 'Tillgänglighet', html: '<p>Alla kan delta.</p>' },
    ])
  })

  it('[P4] drops scripts, unsafe links, fonts and colours; Word bookmarks keep their text', () => {
    const { html } = clean(
      '<p><font color="red" face="Comic Sans MS">Röd</font> <a href="javascript:alert(1)">länk</a> <a name="_Toc1">ankare</a><script>alert(2)</script></p>',
    )
    expect(html).toBe('<p>Röd länk ankare</p>')
  })

  it('[P1] a list or a table inside a cell becomes paragraphs (cells hold paragraphs only)', () => {
    const { html } = clean('<table><tr><td><ol><li>Ett</li><li>Två</li></ol></td><td><table><tr><td>a</td><td>b</td></tr></table></td></tr></table>')
    expect(html).toBe('<table><tbody><tr><td><p>1. Ett</p><p>2. Två</p></td><td><p>a – b</p></td></tr></tbody></table>')
  })
})

describe('paste filter: LibreOffice (HTML made by soffice from a DOCX, tests/fixtures/paste/generate-libreoffice.ts)', () => {
  const { html, images } = clean(fixture('libreoffice-perspective.html'))

  it('[P1] the header row (<thead> of <td>s) becomes header cells; widths and borders go', () => {
    expect(html).toContain(
      '<table><thead><tr><th><p><strong>Kön</strong></p></th><th><p><strong>Andel</strong></p></th></tr></thead><tbody><tr><td><p>Kvinnor</p></td><td><p>62 %</p></td></tr>',
    )
    expect(html).not.toMatch(/<col|width=|style=|<font/)
  })

  it('[P2][P4] the numbered list keeps its nested bullet; headings, bold, italic and the link survive', () => {
    expect(html).toContain(
      '<ol><li><p>Kartlägg deltagandet.</p><ul><li><p>per kön och ålder</p></li></ul></li><li><p>Redovisa resultatet för nämnden.</p></li></ol>',
    )
    expect(html).toContain('<h3>Jämställdhetsanalys</h3>')
    expect(html).toContain('<h4>Förslag till åtgärder</h4>')
    expect(html).toContain('<strong>nätverkets möten</strong> under <em>2024</em>')
    expect(html).toContain('<a href="https://start.stockholm/">stadens webbplats</a>')
    expect(html).not.toContain('<u>')
    expect(images).toBe(0)
  })
})
