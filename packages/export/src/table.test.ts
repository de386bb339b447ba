import { describe, expect, it } from 'vitest'
import { tableNode, type PMNode } from '@perspektiv/document'
import { exportDocx } from './docx.js'
import { exportHtml } from './html.js'
import { exportMarkdown } from './markdown.js'
import { exportPdf } from './pdf.js'
import { buildContent, docxParts, fixtureBodies, fixtureInput, para, remissvarTemplate, wordText } from './testFixture.js'
import { readPdf, validatePdf, walk, type StructElement } from './testing/index.js'
import type { ExportInput } from './input.js'

const STATISTICS = tableNode(
  [
    ['Kön', 'Andel av deltagarna'],
    ['Kvinnor', '62 %'],
    ['Män', ['38 %', 'varav 4 % över 80 år']],
  ],
  { headerRow: true },
)

/** The fixture with `tables` after the first paragraph of the jämställdhetsanalys. */
function withTables(...tables: PMNode[]): ExportInput {
  const template = remissvarTemplate()
  const bodies = fixtureBodies(template)
  bodies.jamstalldhet = [para('Deltagandet i nätverkets möten fördelar sig så här:'), ...tables, ...(bodies.jamstalldhet ?? []).slice(1)]
  return { ...fixtureInput(), content: buildContent(template, bodies, ['aldre']) }
}

/** A table with a bold run, a link, a colspan and an empty cell. */
function richTable(): PMNode {
  const table = tableNode(
    [
      ['Åtgärd', 'Ansvar', 'Klart'],
      ['Kartlägg deltagandet', 'Förvaltningen', '2026'],
      ['Sammanfattning', '', ''],
    ],
    { headerRow: true },
  )
  const cell = table.content![1]!.content![0]!
  cell.content = [
    para('Kartlägg ', { type: 'text', text: 'deltagandet', marks: [{ type: 'bold' }] }, ' enligt ', {
      type: 'text',
      text: 'SKR',
      marks: [{ type: 'link', attrs: { href: 'https://skr.se/' } }],
    }),
  ]
  const last = table.content![2]!
  last.content = [{ ...last.content![0]!, attrs: { colspan: 2, rowspan: 1, colwidth: null } }, last.content![2]!]
  return table
}

/** Many rows, so the table breaks over a page. */
function longTable(): PMNode {
  return tableNode([['Stadsdel', 'Kvinnor', 'Män'], ...Array.from({ length: 70 }, (_, i) => [`Område ${i + 1}`, `${40 + (i % 20)} %`, `${60 - (i % 20)} %`])], {
    headerRow: true,
  })
}

describe('tables in every export', () => {
  it('X-HTML-2: HTML renders a <table> with a <thead> of <th scope="col"> and cells with their marks and spans', () => {
    const html = exportHtml(withTables(STATISTICS, richTable()))
    expect(html).toContain(
      '<table>\n<thead>\n<tr><th scope="col">Kön</th><th scope="col">Andel av deltagarna</th></tr>\n</thead>\n<tbody>\n<tr><td>Kvinnor</td><td>62 %</td></tr>\n<tr><td>Män</td><td><p>38 %</p><p>varav 4 % över 80 år</p></td></tr>\n</tbody>\n</table>',
    )
    expect(html).toContain('<td>Kartlägg <strong>deltagandet</strong> enligt <a href="https://skr.se/">SKR</a></td>')
    expect(html).toContain('<tr><td colspan="2">Sammanfattning</td><td></td></tr>')
    // The table sits in its section, after the paragraph it belongs to.
    expect(html.indexOf('Deltagandet i nätverkets')).toBeLessThan(html.indexOf('<th scope="col">Kön</th>'))
    expect(html.indexOf('<th scope="col">Kön</th>')).toBeLessThan(html.indexOf('Barnrättsperspektiv'))
  })

  it('X-MD-2: Markdown renders a GFM table with a delimiter row, escaped pipes and <br> for cell paragraphs', () => {
    const pipe = tableNode(
      [
        ['A | B', 'C'],
        ['1', '2'],
      ],
      { headerRow: true },
    )
    const md = exportMarkdown(withTables(STATISTICS, richTable(), pipe))
    expect(md).toContain('| Kön | Andel av deltagarna |\n| --- | --- |\n| Kvinnor | 62 % |\n| Män | 38 %<br>varav 4 % över 80 år |')
    expect(md).toContain('| Kartlägg **deltagandet** enligt [SKR](<https://skr.se/>) | Förvaltningen | 2026 |')
    expect(md).toContain('| Sammanfattning |  |  |')
    expect(md).toContain('| A \\| B | C |')
  })

  it('X-DOCX-7: DOCX writes a w:tbl whose header row repeats (w:tblHeader), spans as gridSpan', async () => {
    const parts = await docxParts(await exportDocx(withTables(STATISTICS, richTable())))
    const doc = parts['word/document.xml']!
    const tables = [...doc.matchAll(/<w:tbl>.*?<\/w:tbl>/gs)].map((m) => m[0]).filter((t) => t.includes('Kvinnor') || t.includes('Kartlägg'))
    expect(tables).toHaveLength(2)
    const [statistics, rich] = tables as [string, string]
    const rows = [...statistics.matchAll(/<w:tr>.*?<\/w:tr>|<w:tr .*?<\/w:tr>/gs)].map((m) => m[0])
    expect(rows).toHaveLength(3)
    expect(rows[0]).toContain('<w:tblHeader/>')
    expect(rows[1]).not.toContain('<w:tblHeader/>')
    expect(
      rows.map((r) =>
        r
          .split('</w:tc>')
          .slice(0, -1)
          .map((c) => wordText(c).trim()),
      ),
    ).toEqual([
      ['Kön', 'Andel av deltagarna'],
      ['Kvinnor', '62 %'],
      ['Män', '38 %\nvarav 4 % över 80 år'],
    ])
    // Header cells are bold.
    expect(rows[0]).toContain('<w:b/>')
    expect(rich).toContain('<w:gridSpan w:val="2"/>')
    expect(rich).toMatch(/<w:hyperlink [^>]*>.*SKR.*<\/w:hyperlink>/s)
    expect(statistics).toMatch(/<w:tblGrid><w:gridCol w:w="\d+"\/><w:gridCol w:w="\d+"\/><\/w:tblGrid>/)
  })

  it('X-PDF-6: the PDF tags Table › TR › TH (Scope Column) / TD with spans, and passes the validator', async () => {
    const bytes = await exportPdf(withTables(STATISTICS, richTable()))
    expect(await validatePdf(bytes)).toEqual([])
    const pdf = await readPdf(bytes)
    const tables = walk(pdf.structure).filter((e) => e.role === 'Table' && !e.children.some((c) => c.role === 'Caption'))
    expect(tables).toHaveLength(2)
    const grid = (t: StructElement) =>
      t.children.filter((r) => r.role === 'TR').map((r) => r.children.map((c) => `${c.role}:${c.text.replace(/\s+/g, ' ').trim()}`))
    expect(grid(tables[0]!)).toEqual([
      ['TH:Kön', 'TH:Andel av deltagarna'],
      ['TD:Kvinnor', 'TD:62 %'],
      ['TD:Män', 'TD:38 % varav 4 % över 80 år'],
    ])
    const th = walk(tables[0]!.children).find((e) => e.role === 'TH')!
    expect(th.attributes).toMatchObject({ O: 'Table', Scope: 'Column' })
    const spanned = walk(tables[1]!.children).find((e) => e.role === 'TD' && e.text.includes('Sammanfattning'))!
    expect(spanned.attributes).toMatchObject({ ColSpan: 2 })
    expect(grid(tables[1]!)[1]![0]).toBe('TD:Kartlägg deltagandet enligt SKR (https://skr.se/)')
  })

  it('X-PDF-6: a table without a header row is a grid of TDs and still passes the validator', async () => {
    const bytes = await exportPdf(
      withTables(
        tableNode([
          ['Kvinnor', '62 %'],
          ['Män', '38 %'],
        ]),
      ),
    )
    expect(await validatePdf(bytes)).toEqual([])
    const table = walk((await readPdf(bytes)).structure).find((e) => e.role === 'Table' && e.text.includes('Kvinnor'))!
    expect(
      walk(table.children)
        .filter((e) => e.role === 'TH' || e.role === 'TD')
        .map((e) => e.role),
    ).toEqual(['TD', 'TD', 'TD', 'TD'])
  })

  it('X-PDF-6: a table that breaks over a page repeats its header row there as an artifact, read once', async () => {
    const bytes = await exportPdf(withTables(longTable()))
    expect(await validatePdf(bytes)).toEqual([])
    const pdf = await readPdf(bytes)
    const table = walk(pdf.structure).find((e) => e.role === 'Table' && e.text.includes('Område 1'))!
    const pages = new Set(walk(table.children).flatMap((e) => e.content.map((c) => c.page)))
    expect(pages.size).toBeGreaterThanOrEqual(2)
    // Tagged once: one header row in the structure…
    expect(
      walk(table.children)
        .filter((e) => e.role === 'TH')
        .map((e) => e.text.trim()),
    ).toEqual(['Stadsdel', 'Kvinnor', 'Män'])
    // …but printed at the top of every page the table continues on.
    for (const page of [...pages].slice(1)) expect(pdf.pages[page]!.text).toMatch(/Stadsdel\s*Kvinnor\s*Män/)
    expect(pdf.pages.map((p) => p.text).join('\n')).toContain('Område 70')
  })
})
